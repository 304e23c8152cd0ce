import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { corsHeaders, validateCors } from './cors';
import { openExchange } from './exchange';
import { recordRequest } from './recordRequest';
import { routeRequest } from './routeRequest';
import { staticRoot } from './serveStatic';
import { serverModels } from './serverModels';
import type { AivvmServer, AivvmServerOptions, RecordedRequest, Reply, RequestFilter } from './types';
import { validateReply } from './validateReply';
import { validateServerOptions } from './validateServerOptions';

type DefaultReply = NonNullable<AivvmServerOptions['reply']>;
interface Waiter {
  readonly matches: (request: RecordedRequest) => boolean;
  resolve(request: RecordedRequest): void;
  reject(error: Error): void;
}

const ECHO: Reply = Object.freeze({ echo: true });
/** Socket buffer before backpressure: 4× faster than Node's 16 KiB on big bodies (64 MiB: ~400 → ~100 ms). */
const SOCKET_HIGH_WATER_MARK = 256 * 1024;

/** How long an idle keep-alive connection stays open (as common HTTP servers and load balancers do). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Starts a real local Aivvm server (plain `node:http`) that speaks the protocol like chatbot-ui did, quirks
 * included: `POST /api/chat` streams the scripted reply as raw UTF-8 chunks without a content type, failures are
 * `500 Error` with the message in the reason phrase, and faults (cuts, stalls, endless bodies, invalid bytes,
 * delays) are one option away. Every request is logged in {@link AivvmServer.requests}. Binds `127.0.0.1` on a
 * free port by default; always `close()` it. It can also serve an app's files (`staticDir`) and answer CORS
 * (`cors`), so a browser app can talk to it.
 *
 * @example
 * ```ts
 * const server = await startAivvmServer({ reply: { text: 'Привет! 👋', chunkSize: 3 } });
 * try {
 *   const response = await fetch(`${server.url}/api/chat`, {
 *     method: 'POST',
 *     body: JSON.stringify({ model: { id: 'gpt-4', name: 'GPT-4' }, messages: [{ role: 'user', content: 'Hi' }] }),
 *   });
 *   console.log(await response.text()); // 'Привет! 👋'
 *   console.log(server.requests[0]?.json);
 * } finally {
 *   await server.close();
 * }
 * ```
 */
export async function startAivvmServer(options: AivvmServerOptions = {}): Promise<AivvmServer> {
  validateServerOptions(options);
  let defaultReply = checkDefault(options.reply);
  const queue: Reply[] = (options.replies ?? []).map((reply, i) => validateReply(reply, `replies[${i}]`));
  const modelsBody = serialiseModels(options.models);
  const cors = validateCors(options.cors);
  const root = options.staticDir === undefined ? undefined : await staticRoot(options.staticDir);
  const requests: RecordedRequest[] = [];
  /** Each open socket, with a promise of its 'close' event (the socket leaves the map just before). */
  const sockets = new Map<Socket, Promise<void>>();
  const live = new Set<AbortController>();
  let waiters: Waiter[] = [];
  let arrivals = 0;
  let chats = 0;
  let closing: Promise<void> | undefined;

  const routes = {
    modelsBody,
    staticRoot: root,
    cors: cors !== undefined && cors !== false,
    chatReply(request: RecordedRequest): Reply {
      const index = chats++;
      const queued = queue.shift();
      if (queued !== undefined) return queued;
      return typeof defaultReply === 'function' ? defaultReply(request, index) : defaultReply;
    },
  };

  const server = createServer({ highWaterMark: SOCKET_HIGH_WATER_MARK }, (req, res) => {
    const origin = req.headers.origin;
    const exchange = openExchange(req, res, live, corsHeaders(cors, origin));
    void recordRequest(exchange, arrivals++)
      .then(({ request, complete }) => {
        insertInOrder(requests, request);
        waiters = waiters.filter((waiter) => !settleWaiter(waiter, request));
        if (complete && !exchange.signal.aborted) return routeRequest(exchange, request, routes);
        return undefined;
      })
      // A bug of ours must not hang the client or crash the test run: cut the connection.
      .catch(() => res.destroy());
  });
  // Node's default (5 s) lets an idle keep-alive socket close while a client reuses it: a suite or bench pausing
  // a few seconds between batches on one agent then got ECONNRESET. close() destroys idle sockets anyway.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('connection', (socket: Socket) => {
    sockets.set(
      socket,
      new Promise<void>((resolve) =>
        socket.once('close', () => {
          sockets.delete(socket);
          resolve();
        }),
      ),
    );
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    get openSockets() {
      return sockets.size;
    },
    setReply(reply) {
      defaultReply = checkDefault(reply);
    },
    enqueue(...replies) {
      // All or nothing: a bad reply in the middle must not leave the ones before it queued.
      queue.push(...replies.map((reply, i) => validateReply(reply, `enqueue[${i}]`)));
    },
    nextRequest(filter) {
      const matches = matcher(filter);
      const next = new Promise<RecordedRequest>((resolve, reject) => {
        if (closing !== undefined) reject(new Error('The Aivvm server is closed'));
        else waiters.push({ matches, resolve, reject });
      });
      // Nobody awaiting it when the server closes is fine: keep the rejection from being "unhandled".
      next.catch(() => undefined);
      return next;
    },
    close() {
      // Resolve only once the listener and every socket have closed ('close' seen), not when destroy() is
      // called: right after `await close()`, openSockets is 0 and every socketClosed has resolved.
      closing ??= new Promise<void>((resolve) => {
        const listenerClosed = new Promise<void>((closed) => server.close(() => closed()));
        const socketsClosed = [...sockets.values()];
        for (const controller of live) controller.abort();
        for (const socket of sockets.keys()) socket.destroy();
        for (const waiter of waiters)
          waiter.reject(new Error('The Aivvm server closed before the next request'));
        waiters = [];
        void Promise.all([listenerClosed, ...socketsClosed]).then(() => resolve());
      });
      return closing;
    },
  };
}

/** Resolves the waiter when the request matches (rejects it when its predicate throws); true when settled. */
function settleWaiter(waiter: Waiter, request: RecordedRequest): boolean {
  try {
    if (!waiter.matches(request)) return false;
    waiter.resolve(request);
  } catch (error) {
    waiter.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return true;
}

function matcher(filter: RequestFilter | undefined): (request: RecordedRequest) => boolean {
  if (filter === undefined) return () => true;
  if (typeof filter === 'function') return filter;
  const [first = '', second] = filter.trim().split(/\s+/);
  const method = second === undefined ? undefined : first.toUpperCase();
  const path = second ?? first;
  return (request) =>
    (method === undefined || request.method === method) && request.path.split('?')[0] === path;
}

function checkDefault(reply: AivvmServerOptions['reply']): DefaultReply {
  if (reply === undefined) return ECHO;
  return typeof reply === 'function' ? reply : validateReply(reply);
}

function serialiseModels(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value === undefined ? serverModels : value);
  if (json === undefined) throw new TypeError('options.models must be a JSON value or a string');
  return json;
}

function insertInOrder(requests: RecordedRequest[], request: RecordedRequest): void {
  let at = requests.length;
  while (at > 0 && (requests[at - 1]?.index ?? -1) > request.index) at--;
  requests.splice(at, 0, request);
}
