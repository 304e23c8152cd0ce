/**
 * What one request of the fetch transport shares with {@link guardedFetch}, through axios' `fetchOptions`
 * (axios copies that object per request but keeps class instances by reference): our abort signal going in,
 * the reason phrase fetch decoded coming out.
 *
 * @example
 * ```ts
 * const probe = new FetchProbe(controller.signal);
 * client.request({ adapter: 'fetch', env: { fetch: guardedFetch }, fetchOptions: { [PROBE_KEY]: probe } });
 * ```
 */
export class FetchProbe {
  /** The reason phrase as fetch gave it, set only when it had to be replaced so axios could rebuild the response. */
  statusText: string | undefined;

  constructor(
    /** The transport's own signal, aborted on unsubscribe. */
    readonly signal: AbortSignal,
  ) {}
}

/** The `fetchOptions` key carrying the {@link FetchProbe}; removed before the real `fetch` is called. */
export const PROBE_KEY = 'aivvmProbe';

/** Characters a `Response` accepts in `statusText` (HTTP's reason-phrase: tab, space, VCHAR, obs-text). */
const NOT_REASON_PHRASE = /[^\t\x20-\x7e\x80-\xff]/g;

/**
 * The `fetch` our transport gives axios (`env: { fetch: guardedFetch }`), one function for every request so axios'
 * per-`fetch` adapter cache stays one entry. It mends two things axios' fetch adapter gets wrong:
 *
 * - **A request cancelled before it left never leaves.** axios composes its signal from ours after an await, and
 *   the composition ignores a signal that is already aborted: a subscription cancelled in the same tick still
 *   sent its POST from browsers. Here our own signal is checked at the last moment, right before `fetch`.
 * - **An HTTP error stays an HTTP error.** A reason phrase with a raw Latin-1 byte (chatbot-ui sends upstream
 *   messages such as `Requête…` as is) is decoded by fetch as UTF-8, giving U+FFFD, which `new Response()` then
 *   refuses when axios rebuilds the response to stream it: the 500 became a network error. Such a response is
 *   rebuilt here with a `statusText` it accepts (each other character as `?`), and the phrase fetch gave is kept
 *   on the probe for the `HttpError`.
 *
 * @example
 * ```ts
 * const probe = new FetchProbe(signal);
 * await guardedFetch('http://127.0.0.1:8787/api/chat', { method: 'POST', [PROBE_KEY]: probe } as RequestInit);
 * ```
 */
export async function guardedFetch(input: URL | Request | string, init?: RequestInit): Promise<Response> {
  const { [PROBE_KEY]: probe, ...options } = (init ?? {}) as RequestInit & { [PROBE_KEY]?: FetchProbe };
  probe?.signal.throwIfAborted();
  const response = await fetch(input, options);
  const { statusText } = response;
  NOT_REASON_PHRASE.lastIndex = 0;
  if (!NOT_REASON_PHRASE.test(statusText)) return response;
  if (probe !== undefined) probe.statusText = statusText;
  return new Response(response.body, {
    status: response.status,
    statusText: statusText.replace(NOT_REASON_PHRASE, '?'),
    headers: response.headers,
  });
}
