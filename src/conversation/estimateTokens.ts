import type { Message } from '../core/codecs';

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

/**
 * A cheap estimate of the tokens of `text` in `cl100k_base` (GPT-3.5 / GPT-4), without a tokenizer: one token per
 * 3 ASCII characters plus one per 2 UTF-8 bytes of every other character, rounded up. Counting non-ASCII text by
 * bytes follows the tokenizer, which works on UTF-8 bytes: `chars / 4` would count Chinese at a fifth of its real
 * cost. Measured against js-tiktoken on English, code, Russian, Greek, Arabic, Hindi, Chinese, Japanese, Korean
 * and emoji samples (`spec/conversation/estimateTokens.spec.ts`), it is 0.79× (emoji) to 1.64× (plain English
 * prose) the exact count: it errs on the high side except for code and emoji. Use `aivvm-rx/tokenizer` when it
 * must be exact.
 *
 * @example
 * ```ts
 * estimateTokens('Hello, world'); // 4 (exact: 3)
 * estimateTokens('你好世界');      // 6 (exact: 5)
 * ```
 */
export function estimateTokens(text: string): number {
  let ascii = 0;
  let otherBytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) ascii += 1;
    else otherBytes += code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return Math.ceil(ascii / 3 + otherBytes / 2);
}

/**
 * The default token counter of a conversation: {@link estimateTokens} of the content plus
 * {@link MESSAGE_OVERHEAD_TOKENS}.
 *
 * @example
 * ```ts
 * estimateMessageTokens({ role: 'user', content: 'Hello, world' }); // 8
 * ```
 */
export function estimateMessageTokens(message: Message): number {
  return MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content);
}
