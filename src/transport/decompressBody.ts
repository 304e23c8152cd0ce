import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** What the Node transport asks for: the encodings {@link decompressBody} decodes. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/**
 * A response body decoded according to its `Content-Encoding` (`gzip`/`x-gzip`, `deflate` in zlib format, `br`),
 * streaming: each piece of compressed input gives its text as soon as it arrives. Any other encoding, or none,
 * gives the body unchanged.
 *
 * Unlike axios' http adapter (and curl, and undici's fetch), which decompress with `Z_SYNC_FLUSH` and take a
 * body that stops mid-stream for a shorter complete one, the decoders here keep zlib's strict default: a body
 * whose compressed data did not reach its end errors with a `Z_BUF_ERROR` ("unexpected end of file"), and
 * corrupt data with `Z_DATA_ERROR` (Brotli: `ERR__ERROR_FORMAT_…`). The error comes after the text that
 * did arrive, and names the encoding. A failure of the connection itself passes through with its own code.
 *
 * @example
 * ```ts
 * const text$ = decompressBody(response.data, response.headers['content-encoding']);
 * ```
 */
export function decompressBody(raw: Readable, contentEncoding: string | undefined): Readable {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FINISH })
          : undefined;
  if (decoder === undefined) return raw;
  // pipeline destroys both streams when either fails; the connection's own error reaches the decoder as is.
  let connectionError: unknown;
  raw.once('error', (error) => (connectionError = error));
  pipeline(raw, decoder, (error) => {
    if (error !== undefined && error !== null && error !== connectionError && !decoder.destroyed)
      decoder.destroy(error);
  });
  decoder.on('error', (error: Error & { code?: string }) => {
    if (error === connectionError || error.message.includes(encoding)) return;
    error.message = `the ${encoding} body ${
      error.code === 'Z_BUF_ERROR' || /unexpected end/i.test(error.message)
        ? 'ended before its compressed data did (truncated by the server or a proxy)'
        : 'is not valid compressed data'
    }: ${error.message}`;
  });
  return decoder;
}
