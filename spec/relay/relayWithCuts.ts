import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createOpenAICompatible } from '../../src';
import { createRelay, type Relay, type RelayOptions } from '../../src/server';
import type { AivvmServer } from '../../src/testing';

/** One request the relay got, as the wrapper saw it. */
export interface RelayHit {
  readonly method: string;
  readonly path: string;
  readonly lastEventId: string | undefined;
  /** The request's `authorization` header. */
  readonly authorization: string | undefined;
  /** Body bytes the relay wrote (until the cut, when there was one). */
  bytes: number;
  /** Where the wrapper destroyed the socket; `undefined` when it was not cut. */
  cutAfter?: number;
}

/** What {@link RelayWithCuts.rewriteNextGet} may change in a GET before the relay sees it. */
export interface Rewritable {
  path: string;
  authorization?: string;
}

/** A relay behind a socket-cutting wrapper; see {@link startRelayWithCuts}. */
export interface RelayWithCuts {
  readonly url: string;
  readonly relay: Relay;
  /** Every request the relay got, in order. */
  readonly hits: RelayHit[];
  /** Byte counts at which the next SSE responses are cut, in order; `Infinity` leaves one whole. */
  readonly cuts: number[];
  /** Response headers the wrapper keeps from the client (as a proxy that strips them would). */
  readonly hiddenHeaders: string[];
  /** Holds the next POST until this settles, before the relay sees it (the relay's headers come later). */
  gateNextPost: Promise<void> | undefined;
  /** Changes the next GET (its path, its token) before the relay sees it, once. */
  rewriteNextGet: ((request: Rewritable) => void) | undefined;
  /** Resolves with the next request of this method the relay gets . */
  nextHit(method: string): Promise<RelayHit>;
  close(): Promise<void>;
}

/**
 * A real relay (createRelay) in front of the local server's OpenAI route, behind a wrapper that destroys the
 * socket of a response once it has written `cuts[n]` body bytes, the n-th SSE response (POST or GET) in order:
 * a network drop in the middle of an event, a chunk or a character, as the client sees it.
 */
export async function startRelayWithCuts(
  upstream: AivvmServer,
  options: Partial<RelayOptions> = {},
  /** Serve a page from `dir` beside the relay, which is then mounted at `/relay` (one origin, no CORS). */
  site?: { readonly dir: string },
): Promise<RelayWithCuts> {
  const ai = createOpenAICompatible({ baseURL: `${upstream.url}/v1`, retry: { count: 0 } });
  const relay = createRelay({
    complete: (body) => ai.createCompletionEvents(body.model, body.messages),
    ...options,
  });
  const hits: RelayHit[] = [];
  const cuts: number[] = [];
  const waiters: { method: string; resolve: (hit: RelayHit) => void }[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (site !== undefined) {
      const path = req.url ?? '/';
      if (!path.startsWith('/relay')) return void serveFile(site.dir, path, res);
      req.url = path.slice('/relay'.length) || '/';
    }
    const header = req.headers['last-event-id'];
    const hit: RelayHit = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      lastEventId: typeof header === 'string' ? header : undefined,
      authorization: req.headers.authorization,
      bytes: 0,
    };
    hits.push(hit);
    for (const waiter of waiters.splice(0))
      if (waiter.method === hit.method) waiter.resolve(hit);
      else waiters.push(waiter);
    const rewrite = fixture.rewriteNextGet;
    if (req.method === 'GET' && rewrite !== undefined) {
      fixture.rewriteNextGet = undefined;
      const request: Rewritable = { path: req.url ?? '/' };
      if (req.headers.authorization !== undefined) request.authorization = req.headers.authorization;
      rewrite(request);
      req.url = request.path;
      req.headers.authorization = request.authorization;
    }
    if (fixture.hiddenHeaders.length > 0) {
      const setHeader = res.setHeader.bind(res);
      res.setHeader = ((name: string, value: number | string | readonly string[]) =>
        fixture.hiddenHeaders.includes(name.toLowerCase())
          ? res
          : setHeader(name, value)) as typeof res.setHeader;
    }
    if (req.method !== 'DELETE') cutAfter(res, req, cuts.shift() ?? Infinity, hit);
    const gate = req.method === 'POST' ? fixture.gateNextPost : undefined;
    if (gate === undefined) return relay(req, res);
    fixture.gateNextPost = undefined;
    void gate.then(() => relay(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fixture: RelayWithCuts = {
    url: `http://127.0.0.1:${port}`,
    relay,
    hits,
    cuts,
    hiddenHeaders: [],
    gateNextPost: undefined,
    rewriteNextGet: undefined,
    nextHit: (method) => new Promise((resolve) => waiters.push({ method, resolve })),
    close: async () => {
      relay.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fixture;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.map': 'application/json',
};

/** A file of the page's folder, or 404. */
async function serveFile(dir: string, path: string, res: ServerResponse): Promise<void> {
  const name = path === '/' ? 'index.html' : (path.slice(1).split('?')[0] ?? '');
  try {
    const body = await readFile(join(dir, name.replace(/\.\.+/g, '')));
    res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
}

/** Lets `limit` body bytes through, then destroys the socket once they were handed to it; later writes vanish. */
function cutAfter(res: ServerResponse, req: IncomingMessage, limit: number, hit: RelayHit): void {
  let written = 0;
  let cut = false;
  const write = res.write.bind(res) as (chunk: Buffer, callback: () => void) => boolean;
  res.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    if (cut) return true;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    if (written + bytes.length < limit) {
      written += bytes.length;
      hit.bytes = written;
      return write(bytes, (rest.find((arg) => typeof arg === 'function') as () => void) ?? (() => undefined));
    }
    cut = true;
    hit.cutAfter = limit;
    hit.bytes = limit;
    // Wait for the write callback before destroying: Node drops the bytes still queued otherwise.
    write(bytes.subarray(0, limit - written), () => req.socket.destroy());
    return true;
  }) as typeof res.write;
}
