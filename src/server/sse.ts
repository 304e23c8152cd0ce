import type { ServerResponse } from 'node:http';
import type { StoredEvent } from './RelayStore';

/**
 * The SSE comment sent while the upstream is silent: proxies and load balancers that close idle connections
 * (often after 30–60 s) see bytes, and SSE parsers skip it (a `:` line dispatches no event).
 */
export const SSE_PING = ': ping\n\n';

/**
 * Turns stored events into SSE text for one reader. `skip` feeds an event the reader already has (before its
 * `Last-Event-ID`) to a framer that keeps state, without output.
 */
export interface Framer {
  /** The SSE text for the event at `position`. */
  frame(position: number, event: StoredEvent): string;
  /** Present when the framer keeps state: it is then fed the events up to the offset, from the first. */
  skip?(position: number, event: StoredEvent): void;
}

/** The relay's own framing: each stored event as it is, stateless. */
export const eventFramer: Framer = { frame: (position, event) => sseFrame(position, event) };

/** One event as SSE text: `id: <position>`, `event: error` for the error event, `data: <JSON>`, a blank line. */
export function sseFrame(position: number, event: StoredEvent): string {
  // The data is JSON.stringify output: it has no raw line breaks, so one `data:` line carries it whole.
  return `id: ${position}\n${event.event === 'error' ? 'event: error\n' : ''}data: ${event.data}\n\n`;
}

/**
 * Starts an SSE response: the status and headers that stop proxies (`x-accel-buffering: no`, nginx) and
 * compression middleware (`no-transform`: `compression()` then leaves the body alone) from holding events back,
 * sent at once so the client has the stream id before the first event.
 */
export function startEventStream(res: ServerResponse, headers: Readonly<Record<string, string>>): void {
  res.statusCode = 200;
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache, no-transform');
  res.setHeader('x-accel-buffering', 'no');
  res.setHeader('connection', 'keep-alive');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // A cross-origin page (behind the app's own CORS middleware) may read the stream id and token only if exposed.
  const exposed = res.getHeader('access-control-expose-headers');
  const ours = Object.keys(headers).filter((name) => name.startsWith('x-stream-'));
  res.setHeader(
    'access-control-expose-headers',
    [...(exposed === undefined ? [] : [String(exposed)]), ...ours].join(', '),
  );
  res.flushHeaders();
}

/** Writes SSE text and pushes it out now: `compression()` adds `res.flush()`, without which it would buffer. */
export function writeNow(res: ServerResponse, text: string): void {
  res.write(text);
  (res as ServerResponse & { flush?: () => void }).flush?.();
}

/** A JSON error body `{ "error": { "message" } }` with its status; `connection: close` when the body was not read. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const body = JSON.stringify({ error: { message } });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}
