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
 * every compressed byte that arrived.
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
  let failing = false;
  // The connection's failures reach the decoder as they are, but only once it has given the text of every byte
  // that arrived: destroying it at once dropped what it was still inflating (a reset right after 2 000 gzip bytes
  // delivered nothing, and the empty attempt was retried as if no byte had come).
  const failAfterFlush = (error: Error): void => {
    if (failing || decoder.destroyed) return;
    failing = true;
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
  decoder.once('error', (error: Error & { code?: string }) => {
    if (!ended) return; // not the decoder's own failure
    error.message = `the ${encoding} body ${
      /unexpected end/i.test(error.message)
        ? 'ended before its compressed data did (truncated by the server or a proxy)'
        : 'is not valid compressed data'
    }: ${error.message}`;
  });
  raw.pipe(decoder);
  return decoder;
}
