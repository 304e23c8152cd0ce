import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Observable } from 'rxjs';
import type { CompletionEvent } from '..';
import { aiSdkFramer, UI_MESSAGE_STREAM_HEADER } from './aiSdkFrames';
import { checkRelayBody, type RelayRequest } from './checkRelayBody';
import { fromUIMessages } from './fromUIMessages';
import { createLiveAnswers } from './liveAnswers';
import { createMemoryStore } from './createMemoryStore';
import { readJsonBody, type Refusal } from './readJsonBody';
import { DEFAULT_RELAY_LIMITS, type RelayLimits, type ResolvedLimits } from './RelayLimits';
import type { RelayStore } from './RelayStore';
import { serveReader } from './serveReader';
import { eventFramer, sendError, startEventStream, type Framer } from './sse';
import { bearerToken, hashToken, randomKey, STREAM_ID_PATTERN, tokenMatches } from './streamSecrets';

/**
 * What {@link RelayOptions.authorize} is told besides the request and the stream id.
 *
 * @example
 * ```ts
 * const authorize: RelayOptions['authorize'] = (req, id, { hasOwnerToken }) => hasOwnerToken && isSignedIn(req);
 * ```
 */
export interface AuthorizeContext {
  /** True when the request carries `authorization: Bearer <the token returned at start>` (compared in constant time). */
  readonly hasOwnerToken: boolean;
}

/**
 * What `complete` is given besides the checked body.
 *
 * @example
 * ```ts
 * const complete = (body: RelayRequest, { streamId }: CompleteContext) => { log(streamId); return ai.createCompletionEvents(body.model, body.messages); };
 * ```
 */
export interface CompleteContext {
  /** The new answer's stream id (also sent as `x-stream-id`). */
  readonly streamId: string;
  /** The `POST` request that started the answer (its headers: a session, a user). */
  readonly request: IncomingMessage;
}

/**
 * Options of {@link createRelay}.
 *
 * @example
 * ```ts
 * const ai = createOpenAICompatible({ baseURL: 'https://api.openai.com/v1', apiKey: process.env['OPENAI_API_KEY'] });
 * createRelay({ complete: (body) => ai.createCompletionEvents('gpt-4o-mini', body.messages), graceMs: 20_000 });
 * ```
 */
export interface RelayOptions {
  /**
   * Starts one answer: called once per `POST`, with the checked body; the Observable is subscribed once, whatever
   * the readers and reconnects, and unsubscribed on stop (or when no reader came back within `graceMs`). It
   * emits {@link CompletionEvent}s (relayed as they are, ending with `finish`), or strings: each becomes
   * `{ type: 'text', text }`, and the relay adds `{ type: 'finish', reason: 'stop' }` when it completes.
   */
  readonly complete: (body: RelayRequest, context: CompleteContext) => Observable<CompletionEvent | string>;
  /** How long an answer goes on with no reader, waiting for one to come back. Default 30 000 ms. */
  readonly graceMs?: number;
  /** How long an ended answer (finish, error or stop) stays readable. Default 300 000 ms (5 minutes). */
  readonly ttlMs?: number;
  /** The ping comment's interval while nothing is sent. Default 15 000 ms. */
  readonly heartbeatMs?: number;
  /** Limits on streams, sizes and counts; see {@link RelayLimits}. */
  readonly limits?: RelayLimits;
  /**
   * Who may read (`GET`) or stop (`DELETE`) a stream. Default: whoever has the owner token returned at start
   * (`context.hasOwnerToken`). Called after the id was found; `false` answers `403`.
   */
  readonly authorize?: (
    request: IncomingMessage,
    streamId: string,
    context: AuthorizeContext,
  ) => boolean | Promise<boolean>;
  /**
   * The wire format of the streams. `'events'` (default): the relay's own (each event's JSON as `data`).
   * `'ai-sdk'`: the Vercel AI SDK's UI message stream (`x-vercel-ai-ui-message-stream: v1`; `start`,
   * `text-start`/`-delta`/`-end`, `reasoning-*`, `finish`, `[DONE]`), so a `useChat` or `@ai-sdk/angular` `Chat`
   * front end reads the relay unchanged; the `POST` body may then be the AI SDK transport's (UI messages with
   * `parts`; `model` from its `body` option). Ids, resume, stop and refusals are the same in both.
   */
  readonly format?: 'events' | 'ai-sdk';
  /**
   * Which `content-type` a `POST` may have. `'json-or-text'` (default): JSON types, `text/plain` or none (what
   * `fetch` sends for a string body without a header); form types are refused with `415`. `'json'`: JSON types
   * only (`application/json`, `…+json`). Choose `'json'` when a cookie session guards the `POST`: a browser sends a
   * `text/plain` `POST` cross-site without a preflight.
   */
  readonly contentTypes?: 'json' | 'json-or-text';
  /** Where answers are kept. Default: a new {@link createMemoryStore}. */
  readonly store?: RelayStore;
  /**
   * Told of each upstream failure, with the error itself (which may quote the upstream's body): for the server's
   * log. The browser only gets the error's tag and the relay's own message.
   */
  readonly onError?: (error: unknown, streamId: string) => void;
}

/**
 * A relay: a Node request handler, plus its three routes as methods for frameworks that route themselves.
 *
 * @example
 * ```ts
 * const relay = createRelay({ complete });
 * http.createServer(relay).listen(3000);      // or app.use('/relay', relay) in Express
 * relay.start(req, res);                      // POST, from a NestJS controller
 * await relay.close();                        // on shutdown: stops every answer
 * ```
 */
export interface Relay {
  /**
   * Serves the routes under the path where it is mounted (`req.url` relative to it, as Express's `app.use(path,
   * relay)` sets it): `POST /`, `GET /<id>`, `DELETE /<id>`. Other paths go to `next` when given, else `404`.
   */
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
  /** `POST /`: checks the body, starts an answer and streams it. */
  start(req: IncomingMessage, res: ServerResponse): void;
  /** `GET /<id>`: the events after `Last-Event-ID` (or `?offset=`; from the start without), then the live ones. */
  read(req: IncomingMessage, res: ServerResponse, streamId: string): void;
  /** `DELETE /<id>`: stops the answer at once (`204`); every reader gets the `StoppedError` event. */
  stop(req: IncomingMessage, res: ServerResponse, streamId: string): void;
  /** The store the answers are kept in. */
  readonly store: RelayStore;
  /** How many answers are generating in this process. */
  readonly liveCount: number;
  /**
   * Stops every live answer and empties the store (a server shutting down); from then on a `POST` is refused with
   * `503` (connection closed) and a `GET` of an earlier answer is a `404`. Idempotent.
   */
  close(): void;
}

const DEFAULTS = { graceMs: 30_000, ttlMs: 300_000, heartbeatMs: 15_000 } as const;

/**
 * Creates a relay: the browser posts `{ model, messages, options? }`, the server completes it with its own key
 * and streams the events back as server-sent events, each with its position as `id`; a dropped connection
 * resumes with `Last-Event-ID` from the same, single upstream request. See the README's "Relay" section for the
 * wire contract.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createOpenAICompatible } from 'aivvm-rx';
 * import { createRelay } from 'aivvm-rx/server';
 *
 * const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' });
 * const relay = createRelay({ complete: (body) => ai.createCompletionEvents('llama3.2', body.messages) });
 * createServer(relay).listen(3000);
 * ```
 */
export function createRelay(options: RelayOptions): Relay {
  const graceMs = options.graceMs ?? DEFAULTS.graceMs;
  const ttlMs = options.ttlMs ?? DEFAULTS.ttlMs;
  const heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
  const limits: ResolvedLimits = { ...DEFAULT_RELAY_LIMITS, ...options.limits };
  const store = options.store ?? createMemoryStore();
  const authorize = options.authorize ?? ((_req, _id, context: AuthorizeContext) => context.hasOwnerToken);
  const live = createLiveAnswers(store, {
    graceMs,
    ttlMs,
    maxBytesPerStream: limits.maxBytesPerStream,
    onError: options.onError,
  });

  const aiSdk = options.format === 'ai-sdk';
  const framer = (streamId: string): Framer => (aiSdk ? aiSdkFramer(streamId) : eventFramer);
  const formatHeaders = aiSdk ? UI_MESSAGE_STREAM_HEADER : {};
  const refuse = (res: ServerResponse, refusal: Refusal) =>
    sendError(res, refusal.status, refusal.message, refusal.close ? { connection: 'close' } : {});
  const tooMany = (): Refusal => ({
    status: 429,
    message: `relay: ${live.size} answers are being generated, the limit is ${limits.maxStreams} (limits.maxStreams); try again later`,
  });

  // After close() nothing new starts: a server shutting down must not open upstream requests it will not finish.
  let closed = false;
  const shutDown = (): Refusal => ({
    status: 503,
    message: 'relay: this relay was closed (relay.close()); it starts no new answers',
    close: true,
  });

  const start = async (req: IncomingMessage, res: ServerResponse) => {
    // Refused before the body is read: the connection is closed rather than drained.
    if (closed) return refuse(res, shutDown());
    if (live.size >= limits.maxStreams) return refuse(res, { ...tooMany(), close: true });
    const body = await readJsonBody(req, limits.maxBodyBytes, options.contentTypes ?? 'json-or-text');
    if (!body.ok) return refuse(res, body.refusal);
    const checked = checkRelayBody(aiSdk ? fromUIMessages(body.value) : body.value, limits);
    if (!checked.ok) return refuse(res, checked.refusal);
    if (closed) return refuse(res, shutDown());
    if (live.size >= limits.maxStreams) return refuse(res, tooMany());
    const streamId = randomKey();
    const token = randomKey();
    startEventStream(res, { ...formatHeaders, 'x-stream-id': streamId, 'x-stream-token': token });
    live.start(
      streamId,
      hashToken(token),
      () => options.complete(checked.value, { streamId, request: req }),
      (detach) => serveReader(res, store, streamId, 0, heartbeatMs, framer(streamId), detach),
    );
  };

  /** Looks the stream up (404), then asks `authorize` (403): the order of the wire contract. */
  const admit = async (req: IncomingMessage, streamId: string) => {
    const record = STREAM_ID_PATTERN.test(streamId) ? await store.lookup(streamId) : undefined;
    if (record === undefined) {
      return {
        refusal: {
          status: 404,
          message: `stream ${JSON.stringify(streamId.slice(0, 40))}: unknown or expired (an answer is kept ${ttlMs} ms after it ends); start a new one with POST`,
        },
      } as const;
    }
    const hasOwnerToken = tokenMatches(bearerToken(req.headers.authorization), record.tokenHash);
    if (!(await authorize(req, streamId, { hasOwnerToken }))) {
      return {
        refusal: {
          status: 403,
          message: `stream ${streamId}: not yours (missing or wrong token); send the x-stream-token returned at start as "authorization: Bearer <token>"`,
        },
      } as const;
    }
    return { record } as const;
  };

  const read = async (req: IncomingMessage, res: ServerResponse, streamId: string) => {
    const admitted = await admit(req, streamId);
    if (admitted.refusal !== undefined) return refuse(res, admitted.refusal);
    const header = req.headers['last-event-id'];
    const query = new URL(req.url ?? '/', 'http://relay').searchParams.get('offset');
    const given = typeof header === 'string' ? header.trim() : (query ?? undefined);
    const name = typeof header === 'string' ? 'Last-Event-ID' : 'offset';
    const after = given === undefined || given === '' ? 0 : /^\d{1,15}$/.test(given) ? Number(given) : NaN;
    if (Number.isNaN(after) || after > admitted.record.length) {
      return refuse(res, {
        status: 400,
        message: `${name}: expected the id of an event received (0 to ${admitted.record.length}), got ${JSON.stringify(String(given).slice(0, 40))}`,
      });
    }
    startEventStream(res, { ...formatHeaders, 'x-stream-id': streamId });
    serveReader(res, store, streamId, after, heartbeatMs, framer(streamId), live.attach(streamId));
  };

  const stop = async (req: IncomingMessage, res: ServerResponse, streamId: string) => {
    const admitted = await admit(req, streamId);
    if (admitted.refusal !== undefined) return refuse(res, admitted.refusal);
    live.stop(streamId, { _tag: 'StoppedError', message: 'The answer was stopped by its owner.' });
    res.writeHead(204, { 'cache-control': 'no-store' });
    res.end();
  };

  const guard =
    <A extends unknown[]>(route: (req: IncomingMessage, res: ServerResponse, ...rest: A) => Promise<void>) =>
    (req: IncomingMessage, res: ServerResponse, ...rest: A): void => {
      route(req, res, ...rest).catch((error: unknown) => {
        options.onError?.(error, '');
        sendError(res, 500, 'relay: internal error');
      });
    };
  const startRoute = guard(start);
  const readRoute = guard(read);
  const stopRoute = guard(stop);

  const handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    const method = req.method ?? 'GET';
    if (path === '/' || path === '') {
      if (method === 'POST') return startRoute(req, res);
      return sendError(res, 405, `${method} /: not allowed; POST starts an answer`, { allow: 'POST' });
    }
    const match = /^\/([^/]+)\/?$/.exec(path);
    if (match !== null && match[1] !== undefined) {
      // Not decoded: an id is base64url, and anything else (a malformed %-escape included) is simply not found.
      const streamId = match[1];
      if (method === 'GET') return readRoute(req, res, streamId);
      if (method === 'DELETE') return stopRoute(req, res, streamId);
      return sendError(res, 405, `${method} /<id>: not allowed; GET reads, DELETE stops`, {
        allow: 'GET, DELETE',
      });
    }
    if (next !== undefined) return next();
    return sendError(res, 404, `${path.slice(0, 80)}: not a relay route (POST /, GET /<id>, DELETE /<id>)`);
  };

  // defineProperties, not Object.assign: assign would copy liveCount's value once instead of its getter.
  return Object.defineProperties(handler, {
    start: { value: startRoute },
    read: { value: readRoute },
    stop: { value: stopRoute },
    store: { value: store },
    liveCount: { get: () => live.size },
    close: {
      value: () => {
        closed = true;
        live.stopAll({ _tag: 'StoppedError', message: 'The relay shut down.' });
        store.clear();
      },
    },
  }) as Relay;
}
