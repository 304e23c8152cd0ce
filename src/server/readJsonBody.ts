import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';

/** A refusal of a request: the HTTP status and the message of its `{ "error": { "message" } }` body. */
export interface Refusal {
  /** 400, 403, 404, 405, 413, 415 or 429. */
  readonly status: number;
  /** What was wrong, naming the field or the limit, and what to do. */
  readonly message: string;
  /** True when the body was left unread: the answer closes the connection instead of draining it. */
  readonly close?: true;
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
export function readJsonBody(
  req: IncomingMessage,
  maxBytes: number,
  accepted: 'json' | 'json-or-text' = 'json-or-text',
): Promise<Checked<unknown>> {
  // The rest of the body is never read: the refusal closes the connection, else a client sending without end
  // (chunked, no content-length) would keep the socket, and the relay reading, for ever.
  const tooLarge = (): Checked<never> => ({
    ok: false,
    refusal: {
      status: 413,
      message: `body: larger than ${maxBytes} bytes (the relay's limits.maxBodyBytes); send a shorter history`,
      close: true,
    },
  });
  // A form never carries the relay's JSON; `text/plain` (or no type) is what `fetch` sends for a string body, kept
  // unless the owner asked for JSON only: a browser sends those cross-site without asking the server first.
  const type = req.headers['content-type'];
  if (!isJsonType(type) && (accepted === 'json' || !isPlainType(type))) {
    return Promise.resolve({
      ok: false,
      refusal: {
        status: 415,
        message:
          `content-type: expected application/json${accepted === 'json' ? '' : ' (or text/plain)'}, got ${type === undefined ? 'none' : JSON.stringify(type.slice(0, 100))}; ` +
          `send the body as JSON with content-type: application/json`,
        close: true,
      },
    });
  }
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
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) settle(tooLarge());
      else chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      const bytes = Buffer.concat(chunks);
      if (!isUtf8(bytes)) {
        const at = firstInvalidByte(bytes);
        return settle(
          refuse(
            400,
            `body: not UTF-8 (byte ${at} is 0x${bytes[at]?.toString(16).padStart(2, '0')}); send the JSON encoded as UTF-8`,
          ),
        );
      }
      const text = bytes.toString('utf8');
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

/**
 * The offset of the first byte that is not valid UTF-8 in `bytes` (known to hold one). Decoding replaces it with
 * U+FFFD; a U+FFFD that was really sent (EF BF BD) is skipped.
 */
function firstInvalidByte(bytes: Buffer): number {
  const text = bytes.toString('utf8');
  for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', index + 1)) {
    const offset = Buffer.byteLength(text.slice(0, index));
    if (!(bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd)) return offset;
  }
  return 0;
}

/** `application/json`, or a `+json` type (`application/vnd.api+json`), with any parameters (`; charset=utf-8`). */
function isJsonType(type: string | undefined): boolean {
  if (type === undefined) return false;
  const essence = (type.split(';')[0] ?? '').trim().toLowerCase();
  return essence === 'application/json' || /^application\/[\w.+-]+\+json$/.test(essence);
}

/** `text/plain` with any parameters, or no content-type at all. */
function isPlainType(type: string | undefined): boolean {
  return type === undefined || (type.split(';')[0] ?? '').trim().toLowerCase() === 'text/plain';
}
