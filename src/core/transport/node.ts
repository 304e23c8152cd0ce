import type { AxiosInstance, AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import { fromTransportFailure } from '../../errors';
import { ERROR_BODY_READ_BYTES } from './errorBody';
import type { HttpRequest } from '../httpRequest';
import { ACCEPT_ENCODING, decompressBody, loadZlib } from './decompressBody';
import { inspectResponse } from './inspectResponse';
import { readCapped } from './readCapped';
import { OneShotSignal } from './oneShotSignal';
import { streamingConfig } from './streamingConfig';

/** `node:zlib` when the runtime offers it (see loadZlib); without it axios decompresses, leniently. */
const zlib = /*#__PURE__*/ loadZlib();

/**
 * The Node transport: axios' `http` adapter with `responseType: 'stream'`, so body chunks (Buffers, which are
 * Uint8Arrays) are emitted as the socket delivers them, without copying. A request that says `coalesce` is read in
 * paused mode instead: the pieces one socket read brought wait in the stream's buffer until its `'readable'` (a
 * tick later) and go down as one chunk (one copy); Node also does less per piece than for a `'data'` event.
 *
 * Per DESIGN.md: axios' own timeout and redirects are off (timeouts are RxJS operators at the provider level),
 * the status is checked here so that an error body can be read (capped), and a `'close'` without `'end'` is an
 * error, never a hang.
 *
 * Compressed bodies are decompressed here, not by axios (`decompress: false`): axios accepts a gzip, deflate or
 * br body cut short inside a well-ended response as a complete, shorter answer. {@link decompressBody} streams
 * with zlib's strict ending, so such a body is a `NetworkError` (code `Z_BUF_ERROR`) after the text that arrived.
 */
export function nodeTransport(client: AxiosInstance, request: HttpRequest): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const controller = new OneShotSignal();
    let raw: Readable | undefined;
    let body: Readable | undefined;
    let received = 0;
    let settled = false;
    // Reads what a paused (coalesced) body holds: also before an error, so that nothing that arrived is lost.
    let drain: (() => void) | undefined;
    const fail = (error: unknown): void => {
      drain?.();
      settled = true;
      subscriber.error(
        fromTransportFailure(error, {
          url: request.url,
          receivedBytes: received,
          method: request.method ?? 'POST',
        }),
      );
    };

    const config = streamingConfig(request, 'http', controller);
    if (zlib !== undefined) {
      // One object per request, not a second copy of the config.
      config.headers = { 'accept-encoding': ACCEPT_ENCODING, ...request.headers };
      config.decompress = false;
    }
    client
      .request<Readable>(config)
      .then((response: AxiosResponse<Readable>) => {
        raw = response.data;
        const encoding: unknown = response.headers['content-encoding'];
        body =
          zlib !== undefined &&
          typeof encoding === 'string' &&
          response.status !== 204 &&
          response.status !== 304
            ? decompressBody(zlib, raw, encoding)
            : raw;
        if (subscriber.closed) {
          body.destroy();
          raw.destroy();
          return;
        }
        const header = (name: string): string | undefined => {
          const value: unknown = response.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        const verdict = inspectResponse(request, response.status, String(response.statusText ?? ''), header);
        if (verdict !== undefined) {
          // Read the start of the body (capped) for the error, then release the socket.
          void readCapped(body, ERROR_BODY_READ_BYTES).then(
            (text) => fail(verdict(text)),
            () => fail(verdict('')),
          );
          return;
        }
        request.onResponse?.(header);
        const stream = body;
        const deliver = (chunk: Buffer): void => {
          received += chunk.byteLength;
          subscriber.next(chunk);
        };
        if (request.coalesce === true) {
          drain = () => {
            for (let chunk; !subscriber.closed && (chunk = stream.read() as Buffer | null) !== null;)
              deliver(chunk);
          };
          stream.on('readable', drain);
        } else stream.on('data', deliver);
        body.once('end', () => {
          settled = true;
          subscriber.complete();
        });
        body.once('error', fail);
        // Node may close a response without 'end' or 'error' (socket destroyed): that is a failure, not a hang.
        body.once('close', () => {
          if (!settled)
            fail(
              Object.assign(new Error('connection closed before the response ended'), { code: 'ECONNRESET' }),
            );
        });
      })
      .catch((error: unknown) => {
        if (!subscriber.closed) fail(error);
      });

    return () => {
      // Like rxjs' fromFetch: abort only while the request is live, so a finished socket returns to the pool.
      if (settled) return;
      settled = true;
      controller.abort();
      body?.destroy();
      raw?.destroy();
    };
  });
}
