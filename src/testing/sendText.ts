import type { Exchange } from './exchange';

/**
 * Sends a whole small response in one go (`Content-Length`, no chunking), counting its body in
 * `exchange.bytesSent`. Used for the server's own answers: `500 Error`, `404`, `/api/models`. The exchange's
 * own headers (CORS) come first.
 *
 * @example
 * ```ts
 * sendText(exchange, 500, 'Error', 'text/plain;charset=UTF-8');
 * ```
 */
export function sendText(
  exchange: Exchange,
  status: number,
  body: string,
  contentType: string,
  reason?: string,
): void {
  const { res } = exchange;
  if (res.destroyed || res.headersSent) return;
  const bytes = Buffer.from(body, 'utf8');
  const headers = {
    ...exchange.headers,
    'content-type': contentType,
    'content-length': String(bytes.length),
  };
  if (reason === undefined) res.writeHead(status, headers);
  else res.writeHead(status, reason, headers);
  res.end(bytes, () => {
    exchange.bytesSent += bytes.length;
  });
}

/**
 * `text/plain;charset=UTF-8`, the content type of chatbot-ui's `Error` bodies.
 *
 * @example
 * ```ts
 * sendText(exchange, 500, 'Error', PLAIN_UTF8);
 * ```
 */
export const PLAIN_UTF8 = 'text/plain;charset=UTF-8';

/**
 * Answers `500 Error` (`text/plain;charset=UTF-8`): chatbot-ui's answer to every failure, malformed input included.
 *
 * @example
 * ```ts
 * if (!isChatBody(json)) return sendError(exchange);
 * ```
 */
export function sendError(exchange: Exchange): void {
  sendText(exchange, 500, 'Error', PLAIN_UTF8);
}

/**
 * Answers `500 Internal Server Error` with body `Internal Server Error`: what the real server's framework sent
 * when the handler crashed (e.g. on a reason phrase it could not encode). `detail` is appended to the body.
 *
 * @example
 * ```ts
 * sendInternalServerError(exchange);
 * ```
 */
export function sendInternalServerError(exchange: Exchange, detail?: string): void {
  const body = detail === undefined ? 'Internal Server Error' : `Internal Server Error: ${detail}`;
  sendText(exchange, 500, body, 'text/plain; charset=utf-8', 'Internal Server Error');
}
