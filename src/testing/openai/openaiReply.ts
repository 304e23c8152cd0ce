import type { Reply } from '../types';
import { validateReply } from '../validateReply';
import type { OpenAIReply } from './types';

/**
 * Checks an {@link OpenAIReply} and types it for `enqueue`/`setReply`/`replies` (which take a `Reply`; the
 * OpenAI fields ride along and are read by the `/v1/chat/completions` route). Throws a `RangeError` naming the
 * field, the value and what it must be (`reply.deltaChars must be a positive integer …, got 0`); returns a
 * checked copy.
 *
 * @example
 * ```ts
 * server.enqueue(openaiReply({ deltas: ['Hel', 'lo'], finishReason: 'length' }));
 * ```
 */
export function openaiReply(reply: OpenAIReply): Reply {
  return validateReply(reply);
}
