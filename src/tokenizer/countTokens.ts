import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import type { Message } from '../codecs';
import { MESSAGE_OVERHEAD_TOKENS } from '../conversation/estimateTokens';

let encoder: Tiktoken | undefined;

/** Built on first use: decoding the rank table takes tens of milliseconds. */
function cl100k(): Tiktoken {
  return (encoder ??= new Tiktoken(cl100kBase));
}

/**
 * The exact number of `cl100k_base` tokens of `text` (the encoding of GPT-3.5 and GPT-4). Special-token text such
 * as `<|endoftext|>` is counted as the plain text it is, since that is how a chat message carries it.
 *
 * @example
 * ```ts
 * countTokens('Hello, world'); // 3
 * ```
 */
export function countTokens(text: string): number {
  return cl100k().encode(text, [], []).length;
}

/**
 * The exact tokens a message costs in a GPT-3.5 / GPT-4 chat request: its content's tokens plus
 * `MESSAGE_OVERHEAD_TOKENS` (3 for its framing, 1 for its role), per OpenAI's counting recipe. A drop-in
 * `countTokens` for a conversation's budget.
 *
 * @example
 * ```ts
 * countMessageTokens({ role: 'user', content: 'Hello, world' }); // 7
 * ```
 */
export function countMessageTokens(message: Message): number {
  return MESSAGE_OVERHEAD_TOKENS + countTokens(message.content);
}
