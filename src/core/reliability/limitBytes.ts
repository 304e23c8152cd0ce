import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import { ResponseTooLargeError } from '../../errors';

/**
 * Passes byte chunks through until `limit` bytes, delivers the part of the crossing chunk that still fits, then
 * errors with a {@link ResponseTooLargeError}; the error unsubscribes the source, which closes the socket at
 * once (axios' `maxContentLength` would only close it at the next chunk).
 */
export function limitBytes(
  limit: number,
  url: string,
  method: 'GET' | 'POST' | 'DELETE' = 'POST',
): MonoTypeOperatorFunction<Uint8Array> {
  return (source) =>
    new Observable<Uint8Array>((subscriber) => {
      let total = 0;
      return source.subscribe({
        next(chunk) {
          const room = limit - total;
          total += chunk.byteLength;
          if (chunk.byteLength <= room) return subscriber.next(chunk);
          if (room > 0) subscriber.next(chunk.subarray(0, room));
          subscriber.error(new ResponseTooLargeError(limit, url, method));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
    });
}
