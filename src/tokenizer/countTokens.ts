import { Tiktoken } from 'js-tiktoken/lite';
import cl100kBase from 'js-tiktoken/ranks/cl100k_base';
import type { Message } from '../core/codecs';
import { MESSAGE_OVERHEAD_TOKENS } from '../conversation/estimateTokens';

let encoder: Tiktoken | undefined;

/** Built on first use: decoding the rank table takes about a second (0.9 s measured, Node 20, a loaded 2-core box). */
function cl100k(): Tiktoken {
  return (encoder ??= new Tiktoken(cl100kBase));
}

/**
 * The counts of recent texts. A conversation counts its whole history before every request, and encoding costs
 * about 9 µs per character of multilingual text (measured under load): without this, each request would re-encode what the previous ones already counted.
 */
const recent = /*#__PURE__*/ new Map<string, number>();
/** At most this many characters are kept (about 4 MB): enough for a long history, bounded for a server. */
const RECENT_MAX_CHARS = 2_000_000;
let recentChars = 0;

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
  const known = recent.get(text);
  if (known !== undefined) return known;
  const count = cl100k().encode(text, [], []).length;
  if (text.length > RECENT_MAX_CHARS) return count;
  for (const old of recent.keys()) {
    if (recentChars + text.length <= RECENT_MAX_CHARS) break;
    recent.delete(old);
    recentChars -= old.length;
  }
  recent.set(text, count);
  recentChars += text.length;
  return count;
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
