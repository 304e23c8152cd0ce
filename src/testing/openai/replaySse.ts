import type { Reply } from '../types';
import { validateReply } from '../validateReply';
import type { OpenAIReply } from './types';

/**
 * How {@link replaySse} sends the recorded body: any {@link OpenAIReply} option except those that shape a
 * generated answer (`text`, `deltas`, `reasoning` …), e.g. `chunkSize`, `chunkDelayMs`, `perEvent`,
 * `closeAfterBytes`, `stallAfterBytes`, `status`, `headers`.
 *
 * @example
 * ```ts
 * const slowEvents: ReplaySseOptions = { perEvent: true, chunkDelayMs: 50 };
 * ```
 */
export type ReplaySseOptions = Omit<OpenAIReply, 'replay'>;

/**
 * A reply of the OpenAI route that replays a recorded SSE body — a file (a `string` is a path) or its bytes (a
 * `Uint8Array`) — with the server's own chunking and pace: `chunkSize` bytes per write (default 8), one event
 * per write with `perEvent`, `chunkDelayMs` between writes, and the usual faults. The file is read now: a
 * missing one throws here. Returns a checked reply for `enqueue`/`setReply`/`replies`.
 *
 * @example
 * ```ts
 * server.enqueue(replaySse('fixtures/deepseek-reasoning.sse', { perEvent: true, chunkDelayMs: 20 }));
 * server.enqueue(replaySse(Buffer.from('data: {"choices":[]}\n\ndata: [DONE]\n\n'), { chunkSize: 1 }));
 * ```
 */
export function replaySse(source: string | Uint8Array, options: ReplaySseOptions = {}): Reply {
  if (typeof source !== 'string' && !ArrayBuffer.isView(source))
    throw new TypeError(`replaySse expects a file path or a Uint8Array, got ${typeof source}`);
  const replay = typeof source === 'string' ? { file: source } : { bytes: source };
  return validateReply({ ...options, replay } as OpenAIReply, 'replaySse');
}
