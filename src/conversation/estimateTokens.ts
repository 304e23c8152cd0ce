import type { Message } from '../core/codecs';
import { rememberCounts } from './rememberCounts';

/**
 * Tokens each message costs besides its content in gpt-3.5-turbo / gpt-4 requests: 3 for its framing plus 1 for
 * its role (OpenAI's counting recipe; `system`, `user` and `assistant` are one token each in `cl100k_base`).
 *
 * @example
 * ```ts
 * const count: TokenCounter = (m) => MESSAGE_OVERHEAD_TOKENS + myTokenizer(m.content).length;
 * ```
 */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/** `cl100k_base`'s pre-tokenizer: no token crosses the edge of one of these pieces. */
const PIECE =
  /'(?:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/giu;
/** A piece the tokenizer keeps whole: a contraction (`'ll`, not `'hello`) or 1 to 3 ASCII digits (others, such as `٣` or `①`, cost about a token per byte). */
const CONTRACTION_OR_NUMBER = /^(?:'(?:[sdmt]|ll|ve|re)|[0-9]+)$/i;
// eslint-disable-next-line no-control-regex -- the ASCII range, NUL included
const ASCII_ONLY = /^[\u0000-\u007f]*$/;
/** The words of an ASCII letter run: `getElementByID` → `get`, `Element`, `By`, `ID`. */
const WORD = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g;

/** Tokens of one word of ASCII letters in its piece: 1 up to 4 letters, 1 more per 4 up to 10, then 0.4 per letter. */
function wordTokens(word: string): number {
  const n = word.length;
  if (n > 1 && !/[a-z]/.test(word)) return 0.9 * n; // an all-capitals run: `HTTP`, or random capitals
  return n <= 10 ? 1 + Math.floor((n - 1) / 4) : 3 + (n - 10) * 0.4;
}

/** Hangul jamo, Hangul compatibility jamo, and the combining diacritical mark blocks. */
const RARE_BLOCKS: readonly (readonly [number, number])[] = [
  [0x1100, 0x1200],
  [0x3130, 0x3190],
  [0x0300, 0x0370],
  [0x1ab0, 0x1b00],
  [0x1dc0, 0x1e00],
  [0x20d0, 0x2100],
];

/** Tokens of one non-ASCII character of `bytes` UTF-8 bytes. */
function otherTokens(char: string, code: number, bytes: number): number {
  // Digits of other scripts (٣, ৩, ३), circled and Roman numerals, decomposed Hangul jamo and combining accents
  // (decomposed Vietnamese, zalgo) are rare in the vocabulary: about a token per byte.
  if (/\p{N}/u.test(char) || RARE_BLOCKS.some(([from, to]) => code >= from && code < to)) return bytes;
  if (!/[\p{L}\p{M}]/u.test(char)) return 0.75 * bytes; // emoji, symbols, CJK punctuation
  if (code >= 0x400 && code < 0x530) return 0.8; // Cyrillic
  if ((code >= 0x530 && code < 0x590) || (code >= 0x10a0 && code < 0x1100)) return 1.1 * bytes; // Armenian, Georgian
  return 0.6 * bytes;
}

/** An upper bound of the tokens of one piece of {@link PIECE} (`start`: its index in `text`). */
function pieceTokens(piece: string, text: string, start: number): number {
  if (CONTRACTION_OR_NUMBER.test(piece)) return 1;
  let bytes = piece.length;
  let cost = 0;
  let ascii = piece;
  // Most pieces are ASCII: one regex test instead of a loop over the characters.
  if (!ASCII_ONLY.test(piece)) {
    bytes = 0;
    ascii = '';
    for (const char of piece) {
      const code = char.codePointAt(0) ?? 0;
      const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      bytes += size;
      ascii += size === 1 ? char : ' ';
      if (size > 1) cost += otherTokens(char, code, size);
    }
  }
  if (/^\s+$/.test(piece)) {
    let changes = 0;
    for (let i = 1; i < piece.length; i += 1) if (piece[i] !== piece[i - 1]) changes += 1;
    return Math.min(bytes, 1 + Math.floor(piece.length / 8) + changes);
  }
  const spaced = ascii.startsWith(' ');
  cost += ascii.slice(spaced ? 1 : 0).replace(/[A-Za-z\r\n ]/g, '').length * 0.75; // punctuation
  if (/[\r\n]/.test(ascii)) cost += 0.5;
  const words = ascii.match(WORD) ?? [];
  const letters = words.join('').length;
  // Random-looking letters (next to a digit, in a short flag, opening the text, in short mixed-case words: base64,
  // hex, ids) cost 0.9 per letter; dictionary words and identifiers cost by word.
  const random =
    /\p{N}/u.test((text[start - 1] ?? '') + (text[start + piece.length] ?? '')) ||
    (/^[-+/#]/.test(piece) && letters < 4) ||
    (start === 0 && !spaced && (words.length > 1 || letters <= 4)) ||
    (words.length > 1 && letters < 3.5 * words.length);
  if (random) cost += 0.9 * letters;
  else for (const word of words) cost += wordTokens(word);
  return Math.min(bytes, Math.ceil(cost)); // a token is never less than a byte
}

/**
 * A cheap upper bound of the tokens of `text` in `cl100k_base` (GPT-3.5 / GPT-4), without a tokenizer. The text is
 * split as the tokenizer splits it (its pre-tokenizer regex: no token crosses a piece), and each piece is bounded:
 * 1 token for up to 3 ASCII digits or a contraction (a token per byte for other digits, numerals, combining accents
 * and Hangul jamo); per word of ASCII letters (camelCase is split), 1 up to 4 letters, one more per 4 letters up to
 * 10, then 0.4 per letter, 0.9 per letter of a capitals run; 0.9 per letter when the letters look random (next to a
 * digit, in a short flag, opening the text, in short mixed-case words: base64, hex, ids); 0.75 per ASCII
 * punctuation character; 0.75 per UTF-8 byte of emoji and symbols, 0.6 per byte of other non-ASCII letters (0.8 per
 * Cyrillic letter, 1.1 per byte of Armenian and Georgian); runs of spaces and newlines by length; never more than
 * the piece's UTF-8 bytes (a token is at least one byte). Measured against js-tiktoken on English prose, markdown,
 * JavaScript (minified too), TypeScript, Python, JSON, base64, hex, UUIDs, CLI flags, URLs, paths, CSV, logs,
 * emoji, CJK and 20 languages (`spec/conversation/tokenizer.spec.ts` and `estimateTokens.property.spec.ts`), it was
 * never below the exact count: 1.0× (base64, UUIDs, emoji) to about 2× (code, paths) on texts of a few hundred
 * characters, 1.5× on English prose; a short text can be counted several times over. Not covered: random strings of
 * lowercase letters (keyboard mashing, down to 0.4×) and long repeats of a pattern such as `abab…`. Use
 * `aivvm-rx/tokenizer` when it must be exact.
 *
 * @example
 * ```ts
 * estimateTokens('Hello, world'); // 5 (exact: 3)
 * estimateTokens('你好世界');      // 8 (exact: 5)
 * estimateTokens('550e8400-e29b-41d4-a716-446655440000'); // 20 (exact: 18)
 * ```
 */
export function estimateTokens(text: string): number {
  let total = 0;
  for (const match of text.matchAll(PIECE)) total += pieceTokens(match[0], text, match.index);
  return total;
}

/**
 * The default token counter of a conversation: {@link estimateTokens} of the content plus
 * {@link MESSAGE_OVERHEAD_TOKENS}.
 *
 * @example
 * ```ts
 * estimateMessageTokens({ role: 'user', content: 'Hello, world' }); // 9
 * ```
 */
export function estimateMessageTokens(message: Message): number {
  return MESSAGE_OVERHEAD_TOKENS + rememberedEstimate(message.content);
}

/** The estimate costs about 0.35 µs per character; a conversation counts its whole history before every request. */
const rememberedEstimate = /*#__PURE__*/ rememberCounts(estimateTokens, 2_000_000);
