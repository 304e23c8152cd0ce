import type { AxiosInstance, AxiosResponse } from 'axios';
import { Observable } from 'rxjs';
import { fromTransportFailure } from '../../errors';
import { ERROR_BODY_READ_BYTES } from './errorBody';
import type { HttpRequest } from '../httpRequest';
import { FetchProbe, guardedFetch, PROBE_KEY } from './guardedFetch';
import { inspectResponse } from './inspectResponse';
import { readCapped } from './readCapped';
import { streamingConfig } from './streamingConfig';

/**
 * The browser transport: axios' `fetch` adapter with `responseType: 'stream'`, whose `data` is a WHATWG
 * `ReadableStream<Uint8Array>` (the default XHR adapter would deliver the whole body at the end). Also works in
 * Node 20. Same contract as the Node transport: cold, unsubscribe cancels the reader and aborts, a mid-body
 * failure (fetch's `TypeError('terminated')`) is a `NetworkError` after the chunks that arrived.
 *
 * A request cancelled before it left is never sent: axios is called a microtask after subscribe, only if the
 * subscription is still live, and it calls {@link guardedFetch}, which checks again right before `fetch`.
 */
export function fetchTransport(client: AxiosInstance, request: HttpRequest): Observable<Uint8Array> {
  return new Observable<Uint8Array>((subscriber) => {
    const controller = new AbortController();
    const probe = new FetchProbe(controller.signal);
    let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
    let received = 0;
    let settled = false;
    const fail = (error: unknown): void => {
      settled = true;
      subscriber.error(
        fromTransportFailure(error, {
          url: request.url,
          receivedBytes: received,
          method: request.method ?? 'POST',
        }),
      );
    };

    const pump = async (response: AxiosResponse<ReadableStream<Uint8Array>>): Promise<void> => {
      // A 204 (or any bodiless answer) has no stream at all.
      const body = response.data as ReadableStream<Uint8Array> | null | undefined;
      if (subscriber.closed) return void body?.cancel().catch(ignore);
      const headers = response.headers as { get?: (name: string) => unknown } & Record<string, unknown>;
      const statusText = probe.statusText ?? String(response.statusText ?? '');
      const header = (name: string): string | undefined => {
        const value = typeof headers.get === 'function' ? headers.get(name) : headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      const verdict = inspectResponse(request, response.status, statusText, header);
      if (verdict !== undefined) {
        const text =
          body == null
            ? ''
            : await readCapped(chunksOf(body.getReader()), ERROR_BODY_READ_BYTES).catch(() => '');
        return fail(verdict(text));
      }
      request.onResponse?.(header);
      if (body == null) {
        settled = true;
        return subscriber.complete();
      }
      reader = body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (subscriber.closed) return;
        if (done) {
          settled = true;
          return subscriber.complete();
        }
        received += value.byteLength;
        subscriber.next(value);
      }
    };

    // Chromium hands a request to its network process as soon as fetch() is called, and an abort in the same tick
    // does not stop it from being sent; axios' fetch adapter calls fetch() synchronously within request(). So
    // start on a microtask: a subscription cancelled in the tick it was made in never calls fetch at all.
    queueMicrotask(() => {
      if (controller.signal.aborted) return;
      client
        .request<ReadableStream<Uint8Array>>({
          ...streamingConfig(request, 'fetch', controller.signal),
          // guardedFetch checks our signal again right before fetch (a custom axios instance may await first).
          env: { fetch: guardedFetch },
          fetchOptions: { [PROBE_KEY]: probe },
        })
        .then(pump)
        .catch((error: unknown) => {
          if (!subscriber.closed) fail(error);
        });
    });

    return () => {
      if (settled) return;
      settled = true;
      controller.abort();
      reader?.cancel().catch(ignore);
    };
  });
}

async function* chunksOf(reader: ReadableStreamDefaultReader<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stop the download once we have read enough of an error body.
    reader.cancel().catch(ignore);
  }
}

function ignore(): void {}
