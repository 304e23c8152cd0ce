import { estimateMessageTokens, estimateTokens, MESSAGE_OVERHEAD_TOKENS } from '../../src';
import { countMessageTokens, countTokens } from '../../src/tokenizer';

/** Short texts of each kind the estimate's TSDoc speaks of; its stated error range is measured on these. */
const SAMPLES: Readonly<Record<string, string>> = {
  english:
    'The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were ' +
    'striking thirteen. Please summarise the following paragraph in two sentences.',
  code: 'function add(a, b) { return a + b; }\nconst xs = [1, 2, 3].map((x) => x * 2);\nconsole.log(JSON.stringify({ xs }, null, 2));',
  russian:
    'Съешь же ещё этих мягких французских булок, да выпей чаю. В начале было слово, и слово было у Бога.',
  greek: 'Μπορώ να φάω σπασμένα γυαλιά χωρίς να πάθω τίποτα. Σήμερα ο καιρός είναι καλός.',
  arabic: 'أنا قادر على أكل الزجاج و هذا لا يؤلمني. الطقس جميل اليوم.',
  hindi: 'मैं काँच खा सकता हूँ और मुझे उससे कोई चोट नहीं पहुंचती. आज मौसम अच्छा है।',
  chinese: '我能吞下玻璃而不伤身体。今天天气很好，我们去公园散步吧。人工智能正在改变世界。',
  japanese: '私はガラスを食べられます。それは私を傷つけません。今日はいい天気ですね。',
  korean: '나는 유리를 먹을 수 있어요. 그래도 아프지 않아요. 오늘 날씨가 좋네요.',
  emoji: '👋🎉🚀❤️👨‍👩‍👧‍👦🇫🇷 ok 😀😀😀',
};

/** Kinds a per-character estimate under-counts: random ids, dense code, flags, JSON. */
const RISKY: Readonly<Record<string, string>> = {
  base64: 'q83vEjRWeJq8Wk+2f7y1oR0XcLd9mN4tQp8sHg6uVbE=',
  uuid: '550e8400-e29b-41d4-a716-446655440000, 6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  dense:
    'function n(t,e){for(var r=0;r<e.length;r++){var o=e[r];o.enumerable=o.enumerable||!1,o.configurable=!0}}',
  flags:
    'docker run --rm -it -p 8080:80 -e NODE_ENV=production -v ~/.config:/cfg --max-old-space-size=4096 app:v2',
  json: '{"id":"a3f9","items":[{"sku":"X-42","qty":3,"price":19.99}],"paid":true}',
};

describe('estimateTokens', () => {
  it('bounds each piece of the tokenizer’s split: words by length, random letters, punctuation and bytes', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('42')).toBe(1); // up to 3 digits
    expect(estimateTokens(' the')).toBe(1); // a word of up to 4 letters
    expect(estimateTokens(' quick brown')).toBe(4); // 5 letters: 2 each
    expect(estimateTokens(' internationalization')).toBe(7); // 20 letters: 3 + 10 × 0.4
    expect(estimateTokens('abc')).toBe(3); // opening the text, short: random-looking, 0.9 per letter
    expect(estimateTokens('a3f9')).toBe(4); // letters next to digits: 0.9 per letter
    expect(estimateTokens(' JSON')).toBe(4); // a capitals run: 0.9 per letter
    expect(estimateTokens(' =>')).toBe(2); // punctuation: 0.75 per character
    expect(estimateTokens('é')).toBe(2); // 0.6 per byte, at most the 2 bytes
    expect(estimateTokens('你好世界')).toBe(8); // 12 bytes × 0.6
    expect(estimateTokens('😀')).toBe(3); // 4 bytes × 0.75
    expect(estimateTokens('Hello, world')).toBe(5);
    expect(estimateMessageTokens({ role: 'user', content: 'Hello, world' })).toBe(
      5 + MESSAGE_OVERHEAD_TOKENS,
    );
  });

  it('is 1× – 1.8× js-tiktoken’s cl100k_base count on every sample (never below it)', () => {
    for (const text of [...Object.values(SAMPLES), ...Object.values(RISKY)]) {
      const ratio = estimateTokens(text) / countTokens(text);
      expect(ratio).toBeGreaterThanOrEqual(1);
      expect(ratio).toBeLessThanOrEqual(1.8);
    }
    // chars / 4 would count Chinese at about a fifth of its cost; the byte rule stays above it.
    const chinese = SAMPLES['chinese'] ?? '';
    expect(Math.ceil(chinese.length / 4) / countTokens(chinese)).toBeLessThan(0.25);
    expect(estimateTokens(chinese) / countTokens(chinese)).toBeGreaterThan(1);
  });
});

describe('aivvm-rx/tokenizer', () => {
  it('counts cl100k_base tokens exactly', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('Hello, world')).toBe(3);
    expect(countTokens('你好世界')).toBe(5);
    expect(countTokens(SAMPLES['english'] ?? '')).toBe(36);
    expect(countTokens(SAMPLES['chinese'] ?? '')).toBe(49);
    // special-token text in a message is plain text, not a special token (nor an exception)
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('counts a message with its overhead (OpenAI’s recipe: 3 + 1 for the role)', () => {
    expect(countMessageTokens({ role: 'user', content: 'Hello, world' })).toBe(7);
    expect(countMessageTokens({ role: 'system', content: '' })).toBe(MESSAGE_OVERHEAD_TOKENS);
  });
});
