import type { Readable } from 'node:stream';
import type * as Zlib from 'node:zlib';

/** What the Node transport asks for: the encodings {@link decompressBody} decodes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * `node:zlib`, loaded at run time through `process.getBuiltinModule` (Node ≥ 20.16) so that browser bundles of
 * the library never see a Node import. `undefined` where it is not available: the Node transport then lets
 * axios decompress (leniently, as before).
 */
export function loadZlib(): typeof Zlib | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return typeof proc?.getBuiltinModule === 'function'
    ? (proc.getBuiltinModule('node:zlib') as typeof Zlib | undefined)
    : undefined;
}

/**
 * A response body decoded according to its `Content-Encoding` (`gzip`/`x-gzip`, `deflate` in zlib format, `br`),
 * streaming: each piece of compressed input gives its text as soon as it arrives. Any other encoding, or none,
 * gives the body unchanged.
 *
 * Unlike axios' http adapter (and curl, and undici's fetch), which decompress with `Z_SYNC_FLUSH` and take a
 * body that stops mid-stream for a shorter complete one, the decoders here keep zlib's strict default ending: a
 * body whose compressed data did not reach its end errors (`Z_BUF_ERROR`, "unexpected end of file"), and so does
 * corrupt data (`Z_DATA_ERROR`, or Brotli's code). The error comes after the text that did arrive, and its
 * message names the encoding. A failure of the connection itself passes through unchanged, after the text of
 * every compressed byte that arrived; the consumer must be reading (flowing, as the Node transport's is), since a
 * stream torn down with an error drops what it still buffers.
 *
 * @example
 * ```ts
 * const body = decompressBody(zlib, response.data, response.headers['content-encoding']);
 * ```
 */
export function decompressBody(zlib: typeof Zlib, raw: Readable, contentEncoding: string): Readable {
  const encoding = contentEncoding.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip()
      : encoding === 'deflate'
        ? zlib.createInflate()
        : encoding === 'br'
          ? zlib.createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return raw;
  let ended = false;
  let failing: Error | undefined;
  // The connection's failures reach the decoder as they are, but only once it has given the text of every byte
  // that arrived: destroying it at once dropped what it was still inflating (a reset right after 2 000 gzip bytes
  // delivered nothing, and the empty attempt was retried as if no byte had come).
  const failAfterFlush = (error: Error): void => {
    if (failing !== undefined || decoder.destroyed) return;
    failing = error;
    raw.unpipe(decoder);
    decoder.flush(() => setImmediate(() => decoder.destroy(error)));
  };
  raw.once('end', () => (ended = true));
  raw.once('error', failAfterFlush);
  raw.once('close', () => {
    if (!ended)
      failAfterFlush(
        Object.assign(new Error('connection closed before the response ended'), { code: 'ECONNRESET' }),
      );
  });
  decoder.once('close', () => raw.destroy());
  decoder.once('error', (error: Error & { code?: string; cause?: unknown }) => {
    if (error === failing) return; // the connection's failure, passed on as it is
    if (failing !== undefined) {
      // Corrupt data met while flushing after a connection failure: say both, the connection first.
      error.message = `the connection failed (${failing.message}) and the ${encoding} body before it is not valid compressed data: ${error.message}`;
      error.cause = failing;
      return;
    }
    // Any other error is the decoder's own: corrupt data, or (at the end) a body cut inside its compressed data.
    error.message = `the ${encoding} body ${
      /unexpected end/i.test(error.message)
        ? 'ended before its compressed data did (truncated by the server or a proxy)'
        : 'is not valid compressed data'
    }: ${error.message}`;
  });
  raw.pipe(decoder);
  return decoder;
}
