import type { OpenAIReply } from './openai/types';
import type { Reply } from './types';
import { validateReply } from './validateReply';

/**
 * Options of {@link jsonReply}: how the JSON is written and cut, plus any reply option of either route (chunking,
 * pace, faults; `deltaChars`, `finishReason` … on the OpenAI route).
 *
 * @example
 * ```ts
 * const options: JsonReplyOptions = { indent: 2, chunkSize: [1, 3, 7], cutAt: 120 };
 * ```
 */
export interface JsonReplyOptions extends Omit<OpenAIReply, 'text' | 'deltas' | 'echo' | 'bytes' | 'replay'> {
  /** Spaces of indentation (`JSON.stringify`'s third argument). Default none: one line. */
  readonly indent?: number;
  /**
   * Send only the first this many characters (code points) of the JSON, as a model cut by its token limit does;
   * the answer then ends normally, with finish reason `'length'` on the OpenAI route unless `finishReason` says
   * otherwise.
   */
  readonly cutAt?: number;
}

/**
 * A reply whose answer is `value` written as JSON, for testing structured output (`streamJson`, `completeJson`,
 * `jsonResource`): streamed in the chunking and pace you choose, whole or cut after `cutAt` characters. Works on
 * both routes (`/api/chat` and `/v1/chat/completions`). Checked like every reply: a bad option throws a `RangeError`
 * naming it.
 *
 * @example
 * ```ts
 * server.enqueue(jsonReply({ rows: [1, 2, 3] }, { chunkSize: 3 }));
 * server.enqueue(jsonReply({ rows: [1, 2, 3] }, { cutAt: 10 })); // '{"rows":[1' then the end: an IncompleteResponseError
 * ```
 */
export function jsonReply(value: unknown, options: JsonReplyOptions = {}): Reply {
  const { indent, cutAt, ...reply } = options;
  if (indent !== undefined && !(Number.isSafeInteger(indent) && indent >= 0 && indent <= 10))
    throw new RangeError(`jsonReply: indent must be a whole number from 0 to 10, got ${String(indent)}.`);
  if (cutAt !== undefined && !(Number.isSafeInteger(cutAt) && cutAt >= 0))
    throw new RangeError(`jsonReply: cutAt must be a whole number of characters ≥ 0, got ${String(cutAt)}.`);
  const json = JSON.stringify(value, null, indent);
  if (json === undefined)
    throw new RangeError('jsonReply: the value has no JSON form (undefined, a function or a symbol).');
  // Cut on a code point, never inside a surrogate pair (the bytes sent stay valid UTF-8).
  const text = cutAt === undefined ? json : Array.from(json).slice(0, cutAt).join('');
  const finish = cutAt !== undefined && reply.finishReason === undefined ? { finishReason: 'length' } : {};
  return validateReply({ ...reply, ...finish, text });
}
