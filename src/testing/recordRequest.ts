import type { Exchange } from './exchange';
import type { RecordedRequest } from './types';

/**
 * A recorded request and whether its body arrived whole (false: the client went away while sending it).
 *
 * @example
 * ```ts
 * const { request, complete }: Recording = await recordRequest(exchange, 0);
 * ```
 */
export interface Recording {
  readonly request: RecordedRequest;
  readonly complete: boolean;
}

/**
 * Reads the request body to its end (or until the client goes away) and builds the {@link RecordedRequest}
 * of the exchange. Never rejects.
 *
 * @example
 * ```ts
 * const { request, complete } = await recordRequest(exchange, index);
 * ```
 */
export function recordRequest(exchange: Exchange, index: number): Promise<Recording> {
  const { req } = exchange;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (complete: boolean): void => {
      if (done) return;
      done = true;
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const request: RecordedRequest = Object.freeze({
        index,
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        json: parseJson(rawBody),
        receivedAt: performance.now(),
        closed: exchange.closed,
        socketClosed: exchange.socketClosed,
      });
      resolve({ request, complete });
    };
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => finish(true));
    req.once('close', () => finish(req.complete));
    req.on('error', () => finish(false));
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
