import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

/** Headers of one connection, not of the message: not forwarded. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

/**
 * A minimal streaming reverse proxy to `target` (an `http://host:port` origin): status, reason phrase (Aivvm's
 * errors live there), headers and body pass through as they arrive. When the browser goes away (Stop), the
 * upstream request is closed too; when the upstream breaks mid-body, so does the browser's response.
 *
 * @example
 * ```ts
 * createServer(forwardTo('http://127.0.0.1:8787')).listen(3000);
 * ```
 */
export function forwardTo(target: string): (req: IncomingMessage, res: ServerResponse) => void {
  const origin = new URL(target);
  return (req, res) => {
    const upstream = request(
      {
        hostname: origin.hostname,
        port: origin.port,
        method: req.method,
        path: req.url,
        headers: { ...withoutHopByHop(req.headers), host: origin.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage ?? '', withoutHopByHop(answer.headers));
        res.flushHeaders();
        // Either side failing destroys the other: a cut upstream cuts the browser's response, and back.
        pipeline(answer, res, () => undefined);
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) res.destroy();
      else res.writeHead(502, 'Bad Gateway').end();
    });
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    pipeline(req, upstream, () => undefined);
  };
}

function withoutHopByHop(headers: IncomingMessage['headers']): IncomingMessage['headers'] {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}
