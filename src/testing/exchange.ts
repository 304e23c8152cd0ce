import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ResponseOutcome } from './types';

/**
 * One request/response pair in flight: the writer's view (response, abort signal, flushed byte count) and the
 * promises the request log exposes.
 *
 * @example
 * ```ts
 * if (!exchange.signal.aborted) exchange.res.write(chunk, () => (exchange.bytesSent += chunk.length));
 * ```
 */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  /** Aborted when the response closes (client gone, socket destroyed) or the server closes. */
  readonly signal: AbortSignal;
  /** Body bytes flushed so far; updated by the writers' write callbacks. */
  bytesSent: number;
  /** Headers every response of this exchange carries (e.g. CORS); a reply's own headers win over them. */
  readonly headers: Readonly<Record<string, string>>;
  readonly closed: Promise<ResponseOutcome>;
  readonly socketClosed: Promise<void>;
}

const socketClosedPromises = new WeakMap<Socket, Promise<void>>();

/**
 * Starts tracking a response: its controller joins `live` (so the server can abort it on close) until the
 * response closes. `headers` go on every response of the exchange.
 *
 * @example
 * ```ts
 * server.on('request', (req, res) => { const exchange = openExchange(req, res, live); … });
 * ```
 */
export function openExchange(
  req: IncomingMessage,
  res: ServerResponse,
  live: Set<AbortController>,
  headers: Readonly<Record<string, string>> = {},
): Exchange {
  const controller = new AbortController();
  live.add(controller);
  let resolveClosed!: (outcome: ResponseOutcome) => void;
  const exchange: Exchange = {
    req,
    res,
    signal: controller.signal,
    bytesSent: 0,
    headers,
    closed: new Promise((resolve) => (resolveClosed = resolve)),
    socketClosed: socketClosed(req.socket),
  };
  res.once('close', () => {
    live.delete(controller);
    controller.abort();
    resolveClosed({
      finished: res.writableFinished,
      bytesSent: exchange.bytesSent,
      closedAt: performance.now(),
    });
  });
  return exchange;
}

function socketClosed(socket: Socket): Promise<void> {
  let promise = socketClosedPromises.get(socket);
  if (promise === undefined) {
    promise = socket.destroyed
      ? Promise.resolve()
      : new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socketClosedPromises.set(socket, promise);
  }
  return promise;
}
