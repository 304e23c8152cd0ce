/**
 * What a transport sends, whatever the protocol: one request already validated and serialised.
 *
 * @packageDocumentation
 */
/** One HTTP request, ready for a transport: everything is already validated and serialised. */
export interface HttpRequest {
  /** The absolute URL to POST to (`<baseURL>/api/chat`). */
  readonly url: string;
  /** The JSON body, already serialised. */
  readonly body: string;
  /** The request headers: the seed's browser-like ones, then the caller's. */
  readonly headers: Readonly<Record<string, string>>;
  /** What a successful body must be: completion `text`, or `json` (`/api/models`). */
  readonly expect: 'text' | 'json';
  /** Default `POST`; a `GET` or `DELETE` sends no body. */
  readonly method?: 'GET' | 'POST' | 'DELETE';
  /**
   * Called once when the response is accepted (a 2xx of a usable content type), before the first body chunk, with
   * a reader of its headers (names lower-case). The relay client reads its stream id and token there.
   */
  readonly onResponse?: (header: ResponseHeader) => void;
  /**
   * The body's chunk boundaries mean nothing to the reader (server-sent events, a JSON body read whole): the Node
   * transport then emits what one read of the socket brought as one chunk, instead of one chunk per piece the
   * server wrote. A server writing an event in many small pieces costs one pass down the pipeline per read.
   */
  readonly coalesce?: boolean;
}

/**
 * Reads one response header by its lower-case name; `undefined` when absent.
 *
 * @example
 * ```ts
 * const request: HttpRequest = { url, body: '{}', headers: {}, expect: 'text', onResponse: (header) => console.log(header('x-stream-id')) };
 * ```
 */
export type ResponseHeader = (name: string) => string | undefined;

/**
 * Drops the headers a browser refuses to set (they would only produce console warnings).
 *
 * @example
 * ```ts
 * browserSafeHeaders({ 'user-agent': 'x', 'sec-fetch-mode': 'cors', accept: 'text/event-stream' });
 * // { accept: 'text/event-stream' }
 * ```
 */
export function browserSafeHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (FORBIDDEN_IN_BROWSERS.has(lower) || lower.startsWith('sec-') || lower.startsWith('proxy-')) continue;
    safe[name] = value;
  }
  return safe;
}

const FORBIDDEN_IN_BROWSERS = /*#__PURE__*/ new Set([
  'user-agent',
  'content-length',
  'referer',
  'referrer',
  'host',
  'connection',
]);
