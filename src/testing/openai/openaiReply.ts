import type { Reply } from '../types';
import type { OpenAIReply } from './types';

/**
 * Types an {@link OpenAIReply} for `enqueue`/`setReply`/`replies` (which take a `Reply`; the OpenAI fields ride
 * along and are read by the `/v1/chat/completions` route). Returns its argument.
 *
 * @example
 * ```ts
 * server.enqueue(openaiReply({ deltas: ['Hel', 'lo'], finishReason: 'length' }));
 * ```
 */
export function openaiReply(reply: OpenAIReply): Reply {
  return reply;
}
