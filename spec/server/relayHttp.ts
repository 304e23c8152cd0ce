import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One SSE frame as the relay sends it: an event (`id`, `event`, `data`) or a comment. */
export interface Frame {
  readonly id?: number;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** Parses complete SSE frames (blank-line separated); the unfinished tail is returned apart. */
export function parseFrames(text: string): { frames: Frame[]; rest: string } {
  const parts = text.split('\n\n');
  const rest = parts.pop() ?? '';
  const frames = parts.map((block) => {
    const frame: { id?: number; event?: string; data?: string; comment?: string } = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) frame.comment = line.slice(1).trim();
      else if (line.startsWith('id: ')) frame.id = Number(line.slice(4));
      else if (line.startsWith('event: ')) frame.event = line.slice(7);
      else if (line.startsWith('data: ')) frame.data = line.slice(6);
      else throw new Error(`unexpected SSE line ${JSON.stringify(line)}`);
    }
    return frame;
  });
  return { frames, rest };
}

/** Events only (comments dropped). */
export const eventsOf = (frames: readonly Frame[]) => frames.filter((frame) => frame.comment === undefined);

/** A listening HTTP server on 127.0.0.1, port 0. */
export async function listen(
  handler: RequestListener,
): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An open SSE response read frame by frame. */
export interface Reading {
  readonly status: number;
  readonly headers: Headers;
  /** Frames received so far. */
  readonly frames: Frame[];
  /** Resolves once `count` frames matching `filter` (default: events) arrived, or rejects when the stream ends first. */
  waitFor(count: number, filter?: (frame: Frame) => boolean): Promise<Frame[]>;
  /** Resolves with every frame once the response ends. */
  readonly done: Promise<Frame[]>;
  /** Drops the connection (as a network cut would). */
  abort(): void;
}

/** Sends a request and reads its SSE body as it comes. A non-SSE response is read whole as `frames: []`. */
export async function openStream(url: string, init: RequestInit = {}): Promise<Reading & { body: string }> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, signal: controller.signal });
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  const isStream = response.headers.get('content-type')?.startsWith('text/event-stream') === true;
  const reading = { body: isStream ? '' : await response.text() };
  const done = (async () => {
    if (!isStream) return frames;
    const decoder = new TextDecoder();
    let rest = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const parsed = parseFrames(rest + decoder.decode(chunk, { stream: true }));
        rest = parsed.rest;
        frames.push(...parsed.frames);
        for (const wake of [...waiters]) wake();
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      ended = true;
      for (const wake of [...waiters]) wake();
    }
    return frames;
  })();
  done.catch(() => undefined);
  const waitFor = (count: number, filter: (frame: Frame) => boolean = (f) => f.comment === undefined) =>
    new Promise<Frame[]>((resolve, reject) => {
      const check = () => {
        const matching = frames.filter(filter);
        if (matching.length >= count) {
          waiters.delete(check);
          resolve(matching);
        } else if (ended) {
          waiters.delete(check);
          reject(new Error(`the stream ended after ${matching.length} of ${count} frames`));
        }
      };
      waiters.add(check);
      check();
    });
  return Object.assign(reading, {
    status: response.status,
    headers: response.headers,
    frames,
    waitFor,
    done,
    abort: () => controller.abort(),
  });
}

/** `POST /` with a JSON body. */
export const startAnswer = (base: string, body: unknown) =>
  openStream(`${base}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The stream id and token a `POST /` answered with (empty when a header is missing). */
export const streamOf = (answer: { readonly headers: Headers }): { id: string; token: string } => ({
  id: answer.headers.get('x-stream-id') ?? '',
  token: answer.headers.get('x-stream-token') ?? '',
});

/** `GET /<id>` with the token and, when given, `Last-Event-ID`. */
export const resume = (base: string, id: string, token: string, lastEventId?: number) =>
  openStream(`${base}/${id}`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
  });
