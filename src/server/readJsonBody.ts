import type { IncomingMessage } from 'node:http';

/** A refusal of a request: the HTTP status and the message of its `{ "error": { "message" } }` body. */
export interface Refusal {
  /** 400, 403, 404, 405, 413 or 429. */
  readonly status: number;
  /** What was wrong, naming the field or the limit, and what to do. */
  readonly message: string;
}

/** The result of reading or checking a request: the value, or why it is refused. */
export type Checked<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly refusal: Refusal };

const refuse = (status: number, message: string): Checked<never> => ({
  ok: false,
  refusal: { status, message },
});

/**
 * Reads a `POST` body as JSON, at most `maxBytes`: a `content-length` above it is refused before reading, and a
 * chunked body is cut as soon as it passes it. A body already parsed by a framework (Express `json()`, NestJS's
 * default parser) is taken as it is, its size judged by `content-length`.
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<Checked<unknown>> {
  const tooLarge = () =>
    refuse(
      413,
      `body: larger than ${maxBytes} bytes (the relay's limits.maxBodyBytes); send a shorter history`,
    );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve(tooLarge());
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined && (req.readableEnded || typeof parsed === 'object')) {
    return Promise.resolve({ ok: true, value: parsed });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: Checked<unknown>) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      // Whatever is still coming is discarded, so the refusal can still be read by the client.
      req.resume();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) settle(tooLarge());
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        settle({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        settle(
          refuse(
            400,
            `body: not JSON (${size} bytes); send { "model", "messages", "options"? } as application/json`,
          ),
        );
      }
    });
    req.once('error', () => settle(refuse(400, 'body: the request was cut while it was read')));
  });
}
