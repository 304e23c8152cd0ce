/**
 * The peers: what a user would write instead of aivvm-rx, sending the very same request (URL, headers, body).
 * Plain axios (same instance and agent as ours, the stream read with a `TextDecoder`), `fetch` with a
 * `TextDecoderStream`, and RxJS `fromFetch` doing the same inside an Observable. Each has a "whole text" form
 * (for concurrency) and a "time to first chunk" form (for ttfc).
 */
import type { AxiosInstance } from 'axios';
import type { Readable } from 'node:stream';
import { Observable } from 'rxjs';
import { fromFetch } from 'rxjs/fetch';
import type { HttpRequest } from '../src';

/** What a peer's run resolves with: the whole text, or the ms from the call to the first chunk. */
export type Peer<T> = (request: HttpRequest) => Promise<T>;

/** Plain axios streaming: `responseType: 'stream'`, one streaming `TextDecoder`, string concatenation. */
export function axiosPeer(instance: AxiosInstance): { text: Peer<string>; first: Peer<number> } {
  const open = async (request: HttpRequest): Promise<Readable> =>
    (
      await instance.post<Readable>(request.url, request.body, {
        headers: request.headers,
        responseType: 'stream',
      })
    ).data;
  return {
    text: async (request) => {
      const stream = await open(request);
      const decoder = new TextDecoder();
      let text = '';
      for await (const chunk of stream) text += decoder.decode(chunk as Buffer, { stream: true });
      return text + decoder.decode();
    },
    first: async (request) => {
      const started = performance.now();
      const stream = await open(request);
      let first: number | undefined;
      for await (const _ of stream) first ??= performance.now() - started;
      if (first === undefined) throw new Error('axios peer: empty body');
      return first;
    },
  };
}

function fetchInit(request: HttpRequest): RequestInit {
  return { method: 'POST', headers: request.headers, body: request.body };
}

/** Reads a `fetch` body through a `TextDecoderStream`, calling `onChunk` with each piece of text. */
async function readText(response: Response, onChunk: (text: string) => void): Promise<void> {
  if (response.body === null) throw new Error('fetch peer: no body');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onChunk(value);
  }
}

/** `fetch` + `TextDecoderStream` (undici's own connection pool). */
export const fetchPeer: { text: Peer<string>; first: Peer<number> } = {
  text: async (request) => {
    let text = '';
    await readText(await fetch(request.url, fetchInit(request)), (piece) => (text += piece));
    return text;
  },
  first: async (request) => {
    const started = performance.now();
    let first: number | undefined;
    await readText(await fetch(request.url, fetchInit(request)), () => {
      first ??= performance.now() - started;
    });
    if (first === undefined) throw new Error('fetch peer: empty body');
    return first;
  },
};

/** RxJS `fromFetch`, its body read through a `TextDecoderStream` into an Observable of text pieces. */
function fromFetchText(request: HttpRequest): Observable<string> {
  return fromFetch(request.url, {
    ...fetchInit(request),
    selector: (response) =>
      new Observable<string>((subscriber) => {
        readText(response, (piece) => subscriber.next(piece)).then(
          () => subscriber.complete(),
          (error: unknown) => subscriber.error(error),
        );
      }),
  });
}

/** RxJS `fromFetch` + `TextDecoderStream`. */
export const fromFetchPeer: { text: Peer<string>; first: Peer<number> } = {
  text: (request) =>
    new Promise((resolve, reject) => {
      let text = '';
      fromFetchText(request).subscribe({
        next: (piece) => (text += piece),
        error: reject,
        complete: () => resolve(text),
      });
    }),
  first: (request) => firstOf(request, performance.now()),
};

function firstOf(request: HttpRequest, started: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let first: number | undefined;
    fromFetchText(request).subscribe({
      next: () => {
        first ??= performance.now() - started;
      },
      error: reject,
      complete: () =>
        first === undefined ? reject(new Error('fromFetch peer: empty body')) : resolve(first),
    });
  });
}
