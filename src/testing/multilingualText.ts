import { seededRandom } from './seededRandom';
const WORDS: readonly (readonly string[])[] = [
  // Latin, accents included
  [
    'stream',
    'observable',
    'answer',
    'chunk',
    'naïve',
    'café',
    'façade',
    'Müller',
    'straße',
    'über',
    'señor',
    'crème',
  ],
  // Cyrillic
  ['Привет', 'мир', 'поток', 'ответ', 'быстро', 'сервер', 'ёжик', 'Щука', 'объект', 'данные'],
  // Chinese
  ['你好', '世界', '流式传输', '回答', '模型', '服务器', '数据', '测试'],
  // Japanese (kana and kanji)
  ['こんにちは', 'ストリーム', '日本語', 'ありがとう', 'テスト', '文字化け', 'サーバー'],
  // Emoji: plain, skin tones, ZWJ sequences, flags, keycaps, variation selectors
  ['😀', '🚀', '👍🏽', '👩‍💻', '👨‍👩‍👧‍👦', '🏳️‍🌈', '🇺🇦', '🇯🇵', '🇫🇷', '🧑🏿‍🚀', '1️⃣', '❤️', '🤷‍♀️'],
];
const PUNCTUATION = [',', '.', '!', '?', ';', ':', '…', '—', '«»', '「」', '、', '。'];
const MARKDOWN = ['## ', '- ', '1. ', '> '];
const MAX_CHARS = 100_000_000;

/**
 * A deterministic long answer mixing Latin (with accents), Cyrillic, Chinese, Japanese, emoji (skin tones, ZWJ
 * sequences, flags, keycaps), punctuation, spaces and newlines, shaped like markdown paragraphs. The result has
 * at least `chars` UTF-16 code units and never ends in a lone surrogate (tokens are never cut). The same
 * `(chars, seed)` always gives the same text.
 *
 * @param chars - minimum length in JS characters (UTF-16 code units), at most 100 000 000
 * @param seed - PRNG seed; change it for a different text of the same kind
 *
 * @example
 * ```ts
 * const answer = multilingualText(10_000);
 * server.setReply({ text: answer, chunkSize: [1, 2, 3, 5, 7] }); // cuts land inside characters
 * ```
 */
export function multilingualText(chars: number, seed = 1): string {
  if (!Number.isFinite(chars) || chars < 0)
    throw new RangeError(`chars must be a finite number ≥ 0, got ${String(chars)}`);
  // Far past this, V8 runs out of memory or string length (2^29 code units) after minutes of work.
  if (chars > MAX_CHARS) throw new RangeError(`chars must be at most ${MAX_CHARS}, got ${String(chars)}`);
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const parts: string[] = [];
  let length = 0;
  const push = (part: string): void => {
    parts.push(part);
    length += part.length;
  };
  while (length < chars) {
    if (random() < 0.3) push(pick(MARKDOWN));
    const sentences = 1 + Math.floor(random() * 4);
    for (let s = 0; s < sentences && length < chars; s++) {
      if (s > 0) push(' ');
      const words = 3 + Math.floor(random() * 9);
      for (let w = 0; w < words; w++) {
        if (w > 0) push(random() < 0.1 ? pick(PUNCTUATION) + ' ' : ' ');
        const word = pick(pick(WORDS));
        push(random() < 0.08 ? `**${word}**` : random() < 0.05 ? `\`${word}\`` : word);
      }
      push(pick(PUNCTUATION.slice(1, 4)));
    }
    push(random() < 0.5 ? '\n\n' : '\n');
  }
  return parts.join('');
}
