/**
 * Public types of the local Aivvm server (`aivvm-rx/testing`).
 *
 * @packageDocumentation
 */

/**
 * One scripted answer of `POST /api/chat`: what to send, how to cut and pace it, and which fault to inject.
 *
 * The success body (2xx statuses) comes from the first field that is set among `bytes`, `text` and `echo`;
 * with none of them it echoes the last user message. Non-2xx statuses send `body` instead (default `Error`,
 * `text/plain;charset=UTF-8`, as chatbot-ui did). Faults apply to whichever body is sent.
 *
 * @example
 * ```ts
 * const slow: Reply = { text: 'Привет, мир! 👋', chunkSize: [1, 2, 3], chunkDelayMs: 20 };
 * const rateLimited: Reply = { status: 500, reason: 'Rate limit reached for default-gpt-3.5-turbo' };
 * const hang: Reply = { text: 'partial answer', stallAfterBytes: 7 };
 * const truncatedGzip: Reply = { text: 'a long answer', encoding: 'gzip', truncateCompressedAt: 20 };
 * ```
 */
export interface Reply {
  /** Raw body bytes, sent verbatim (e.g. invalid UTF-8). Wins over `text` and `echo`. */
  bytes?: Uint8Array;
  /** A fixed answer, UTF-8 encoded. Wins over `echo`. */
  text?: string;
  /** Answer with the content of the last message whose role is `user` (empty when there is none). */
  echo?: boolean;
  /** Repeat the body forever, honouring backpressure, until the client goes away or the server closes. */
  endless?: boolean;
  /**
   * Bytes per HTTP chunk; an array is cycled (`[1, 2]` → 1, 2, 1, 2 …). Default 8. Cuts inside multi-byte
   * characters are intended: the client must decode with one streaming decoder.
   */
  chunkSize?: number | readonly number[];
  /** Delay between two chunks in milliseconds. Default 0 (chunks are written as fast as the socket takes them). */
  chunkDelayMs?: number;
  /** Delay before the status line and headers are written, in milliseconds. */
  headersDelayMs?: number;
  /** HTTP status. Default 200. */
  status?: number;
  /**
   * HTTP reason phrase. One that Node cannot encode (outside Latin-1, or a control character) makes the response
   * `500 Internal Server Error` with body `Internal Server Error`, as the real server did.
   */
  reason?: string;
  /** Body of a non-2xx response. Default `Error`. */
  body?: string | Uint8Array;
  /** Extra response headers, e.g. `{ 'retry-after': '3' }` or `{ 'content-type': 'text/html' }`. */
  headers?: Readonly<Record<string, string>>;
  /**
   * Destroy the socket once exactly this many body bytes have been flushed (the write callback is awaited first,
   * so the client really receives them). With a shorter body, the whole body is sent and the connection is cut
   * before the terminating chunk.
   */
  closeAfterBytes?: number;
  /**
   * Stop writing after this many body bytes and keep the response open forever (`0`: headers, then nothing).
   * With a shorter body, the whole body is sent and the response is never ended. This is the chatbot-ui hang.
   */
  stallAfterBytes?: number;
  /** Accept the request and never answer at all (no status line). */
  stallBeforeHeaders?: boolean;
  /**
   * Compress the body (success and error bodies alike) and send `Content-Encoding: gzip`, `deflate` (zlib
   * format) or `br`. The whole body is compressed at once; `chunkSize`, `chunkDelayMs`, `closeAfterBytes` and
   * `stallAfterBytes` then count compressed bytes. Not with `endless`.
   */
  encoding?: ReplyEncoding;
  /**
   * With `encoding`: send only the first this many bytes of the compressed body, then end the HTTP response
   * normally (the terminating chunk is sent). This is a truncated compressed body inside a well-ended response,
   * which a lenient client mistakes for a complete, shorter answer.
   */
  truncateCompressedAt?: number;
}

/**
 * A `Content-Encoding` the local server can apply to a reply ({@link Reply.encoding}).
 *
 * @example
 * ```ts
 * const cut: Reply = { text: 'a long answer …', encoding: 'gzip', truncateCompressedAt: 40 };
 * ```
 */
export type ReplyEncoding = 'gzip' | 'deflate' | 'br';

/**
 * A request the server received, as logged in {@link AivvmServer.requests}.
 *
 * @example
 * ```ts
 * const request = await server.nextRequest();
 * expect(request.json).toMatchObject({ model: { id: 'gpt-4' } });
 * expect((await request.closed).finished).toBe(true);
 * ```
 */
export interface RecordedRequest {
  /** 0-based order of arrival, over all paths. */
  readonly index: number;
  /** HTTP method, e.g. `POST`. */
  readonly method: string;
  /** The request target as sent (path and query), e.g. `/api/chat`. */
  readonly path: string;
  /** Request headers as Node parsed them (lower-case names). */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The request body decoded as UTF-8 (possibly partial when the client aborted while sending it). */
  readonly rawBody: string;
  /** The parsed body, or `undefined` when it is not JSON. */
  readonly json: unknown;
  /** `performance.now()` when the body was fully read. */
  readonly receivedAt: number;
  /** Resolves when the response closes, whether it finished or was aborted. Never rejects. */
  readonly closed: Promise<ResponseOutcome>;
  /** Resolves when the underlying TCP socket closes. Never rejects. */
  readonly socketClosed: Promise<void>;
}

/**
 * How a response ended, as resolved by {@link RecordedRequest.closed}.
 *
 * @example
 * ```ts
 * const { finished, bytesSent } = await request.closed;
 * // after a client abort during an endless body: finished === false, bytesSent > 0
 * ```
 */
export interface ResponseOutcome {
  /** True when the server ended the response normally (the whole body and the terminating chunk were flushed). */
  readonly finished: boolean;
  /** Body bytes flushed to the socket. */
  readonly bytesSent: number;
  /** `performance.now()` when the response closed. */
  readonly closedAt: number;
}

/**
 * Options of {@link startAivvmServer}.
 *
 * @example
 * ```ts
 * const server = await startAivvmServer({
 *   replies: [{ status: 500, reason: 'Rate limit reached' }],
 *   reply: (request, index) => ({ text: `answer #${index}` }),
 * });
 * ```
 */
export interface AivvmServerOptions {
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** Port to bind. Default 0 (a free port). */
  port?: number;
  /**
   * The default reply of `POST /api/chat`, or a function of the request and of its 0-based index among the
   * well-formed `/api/chat` requests. Default `{ echo: true }`.
   */
  reply?: Reply | ((request: RecordedRequest, index: number) => Reply);
  /** One-shot replies consumed in order by successive well-formed `/api/chat` requests; then `reply` is used. */
  replies?: readonly Reply[];
  /**
   * What `POST /api/models` answers: a JSON value (default: the Aivvm service's models as an array, the same as
   * the client's model table), or a string sent raw as the body (to test malformed JSON).
   */
  models?: unknown;
  /**
   * Serve the files under this directory to `GET` and `HEAD` requests outside `/api/` (`/` and directories give
   * their `index.html`), with a content type from the file extension and `cache-control: no-store`. Paths that
   * leave the directory (`..`, encoded or not, or a symbolic link pointing outside) get `404`. Use it to serve
   * an example app from the same origin as the API. The directory must exist when the server starts.
   */
  staticDir?: string;
  /**
   * Answer CORS, for an app served from another origin: `OPTIONS` preflights get `204` allowing `GET`, `POST`
   * and the requested headers (default `content-type, accept, accept-language, authorization`), and every
   * response carries `Access-Control-Allow-Origin`. `true` reflects the request's `Origin` (`*` without one);
   * `{ origin }` always allows that origin (`'*'` or e.g. `'http://localhost:4200'`). Default: off, like
   * chatbot-ui, which answered `OPTIONS /api/chat` with `500 Error`.
   */
  cors?: CorsOption;
}

/**
 * Which request {@link AivvmServer.nextRequest} waits for: `'/path'` (any method), `'METHOD /path'`, or a
 * predicate. Queries are ignored by the string forms.
 *
 * @example
 * ```ts
 * const chat = server.nextRequest('POST /api/chat');
 * const big = server.nextRequest((request) => request.rawBody.length > 1000);
 * ```
 */
export type RequestFilter = string | ((request: RecordedRequest) => boolean);

/**
 * The CORS setting of {@link AivvmServerOptions.cors}: `true` reflects the caller's origin, `{ origin }` allows
 * one fixed origin (or `'*'`).
 *
 * @example
 * ```ts
 * const api = await startAivvmServer({ cors: { origin: 'http://localhost:4200' } });
 * ```
 */
export type CorsOption =
  | boolean
  | {
      /** The one origin allowed (`Access-Control-Allow-Origin`), or `'*'` for any. */
      readonly origin: string;
    };

/**
 * A running local Aivvm server, as returned by {@link startAivvmServer}.
 *
 * @example
 * ```ts
 * const server = await startAivvmServer();
 * server.enqueue({ text: 'Hello!', chunkSize: 2 });
 * const response = await fetch(`${server.url}/api/chat`, { method: 'POST', body: JSON.stringify(payload) });
 * await server.close();
 * ```
 */
export interface AivvmServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** Every request received, ordered by arrival (a live view: it grows as requests arrive). */
  readonly requests: readonly RecordedRequest[];
  /** Number of sockets currently open. */
  readonly openSockets: number;
  /** Replaces the default reply of `/api/chat` (`undefined` restores the echo). */
  setReply(reply: AivvmServerOptions['reply']): void;
  /** Appends one-shot replies to the queue consumed before the default reply. */
  enqueue(...replies: Reply[]): void;
  /**
   * Resolves with the next request to arrive, once its body is read. Every pending call resolves with the same
   * request; call it before sending. Rejects when the server closes first. With a filter, waits for the next
   * request that matches it: a path (query ignored) like `'/api/chat'`, a method and a path like
   * `'POST /api/chat'` (not its CORS preflight), or a predicate.
   */
  nextRequest(filter?: RequestFilter): Promise<RecordedRequest>;
  /**
   * Stops listening, destroys every open socket (stalled and endless responses included), cancels all timers and
   * resolves once everything is closed. Idempotent.
   */
  close(): Promise<void>;
}
