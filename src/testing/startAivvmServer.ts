import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { models } from '../modelTable';
import { openExchange } from './exchange';
import { recordRequest } from './recordRequest';
import { routeRequest } from './routeRequest';
import type { AivvmServer, AivvmServerOptions, RecordedRequest, Reply } from './types';
import { validateReply } from './validateReply';

type DefaultReply = NonNullable<AivvmServerOptions['reply']>;

const ECHO: Reply = Object.freeze({ echo: true });
/** Socket buffer before backpressure: 4× faster than Node's 16 KiB on big bodies (64 MiB: ~400 → ~100 ms). */
const SOCKET_HIGH_WATER_MARK = 256 * 1024;

/**
 * Starts a real local Aivvm server (plain `node:http`) that speaks the protocol like chatbot-ui did, quirks
 * included: `POST /api/chat` streams the scripted reply as raw UTF-8 chunks without a content type, failures are
 * `500 Error` with the message in the reason phrase, and faults (cuts, stalls, endless bodies, invalid bytes,
 * delays) are one option away. Every request is logged in {@link AivvmServer.requests}. Binds `127.0.0.1` on a
 * free port by default; always `close()` it.
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
  let defaultReply = checkDefault(options.reply);
  const queue: Reply[] = (options.replies ?? []).map((reply, i) => validateReply(reply, `replies[${i}]`));
  const modelsBody = serialiseModels(options.models);
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const live = new Set<AbortController>();
  let waiters: { resolve(request: RecordedRequest): void; reject(error: Error): void }[] = [];
  let arrivals = 0;
  let chats = 0;
  let closing: Promise<void> | undefined;

  const routes = {
    modelsBody,
    chatReply(request: RecordedRequest): Reply {
      const index = chats++;
      const queued = queue.shift();
      if (queued !== undefined) return queued;
      return typeof defaultReply === 'function' ? defaultReply(request, index) : defaultReply;
    },
  };

  const server = createServer({ highWaterMark: SOCKET_HIGH_WATER_MARK }, (req, res) => {
    const exchange = openExchange(req, res, live);
    void recordRequest(exchange, arrivals++)
      .then(({ request, complete }) => {
        insertInOrder(requests, request);
        const pending = waiters;
        waiters = [];
        for (const waiter of pending) waiter.resolve(request);
        if (complete && !exchange.signal.aborted) return routeRequest(exchange, request, routes);
        return undefined;
      })
      // A bug of ours must not hang the client or crash the test run: cut the connection.
      .catch(() => res.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
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
      queue.push(...replies.map((reply, i) => validateReply(reply, `enqueue[${i}]`)));
    },
    nextRequest() {
      const next = new Promise<RecordedRequest>((resolve, reject) => {
        if (closing !== undefined) reject(new Error('The Aivvm server is closed'));
        else waiters.push({ resolve, reject });
      });
      // Nobody awaiting it when the server closes is fine: keep the rejection from being "unhandled".
      next.catch(() => undefined);
      return next;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const controller of live) controller.abort();
        for (const socket of sockets) socket.destroy();
        for (const waiter of waiters)
          waiter.reject(new Error('The Aivvm server closed before the next request'));
        waiters = [];
      });
      return closing;
    },
  };
}

function checkDefault(reply: AivvmServerOptions['reply']): DefaultReply {
  if (reply === undefined) return ECHO;
  return typeof reply === 'function' ? reply : validateReply(reply);
}

function serialiseModels(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = JSON.stringify(value === undefined ? Object.values(models) : value);
  if (json === undefined) throw new TypeError('options.models must be a JSON value or a string');
  return json;
}

function insertInOrder(requests: RecordedRequest[], request: RecordedRequest): void {
  let at = requests.length;
  while (at > 0 && (requests[at - 1]?.index ?? -1) > request.index) at--;
  requests.splice(at, 0, request);
}
