import type { ServerResponse } from 'node:http';
import { drained, pause, yieldToLoop } from './abortable';
import type { Exchange } from './exchange';
import type { ReplyPlan } from './planReply';
import { sendInternalServerError } from './sendText';
import { sliceChunks } from './sliceChunks';

/** Synchronous writes allowed before yielding to the event loop, whatever the socket says. */
const MAX_SYNC_WRITES = 1024;
const EMPTY = Buffer.alloc(0);

/**
 * Plays a {@link ReplyPlan} on a response: optional stall or delay, the status line (falling back to
 * `500 Internal Server Error` when Node cannot encode the reason or a header), then the body in chunks with
 * pacing and backpressure, then the ending: `end`, `stall` (never end) or `close` (destroy the socket once the
 * bytes are flushed). Stops as soon as the exchange's signal aborts. Never rejects.
 *
 * @example
 * ```ts
 * await sendReply(exchange, planReply({ text: 'Hi', chunkSize: 1 }, chat));
 * ```
 */
export async function sendReply(exchange: Exchange, plan: ReplyPlan): Promise<void> {
  const { res, signal } = exchange;
  if (plan.stallBeforeHeaders || signal.aborted) return;
  if (plan.headersDelayMs > 0 && !(await pause(plan.headersDelayMs, signal))) return;
  if (!writeHead(res, plan, exchange.headers)) return sendInternalServerError(exchange);
  // Not flushHeaders(): it sends the head as UTF-8, while Node (and the real server) send it as Latin-1.
  res.write(EMPTY);
  if (!(await writeBody(exchange, plan))) return;
  if (plan.ending === 'close') {
    // Destroying right after write() drops the bytes Node still queues: wait until they are flushed.
    res.socket?.write(EMPTY, () => res.socket?.destroy());
  } else if (plan.ending === 'end' && !plan.endless) {
    res.end();
  }
}

function writeHead(res: ServerResponse, plan: ReplyPlan, base: Readonly<Record<string, string>>): boolean {
  const headers = { ...base, ...plan.headers };
  try {
    if (plan.reason === undefined) res.writeHead(plan.status, headers);
    else res.writeHead(plan.status, plan.reason, headers);
    return true;
  } catch {
    // Node refused the reason phrase or a header before sending anything: forget them, as the real server did.
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    return false;
  }
}

/** Writes the planned chunks; false when the exchange was aborted meanwhile. */
async function writeBody(exchange: Exchange, plan: ReplyPlan): Promise<boolean> {
  const { res, signal } = exchange;
  let first = true;
  let syncWrites = 0;
  for (const chunk of sliceChunks(plan.body, plan.chunkSizes, plan.endless, plan.limit)) {
    if (!first && plan.chunkDelayMs > 0 && !(await pause(plan.chunkDelayMs, signal))) return false;
    if (signal.aborted || res.destroyed) return false;
    first = false;
    const size = chunk.length;
    const ok = res.write(chunk, (error) => {
      if (!error) exchange.bytesSent += size;
    });
    if (!ok) {
      syncWrites = 0;
      if (!(await drained(res, signal))) return false;
    } else if (++syncWrites >= MAX_SYNC_WRITES) {
      syncWrites = 0;
      await yieldToLoop();
    }
  }
  return !signal.aborted && !res.destroyed;
}
