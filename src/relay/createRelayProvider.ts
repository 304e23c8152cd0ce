import { either as E } from 'fp-ts';
import { defer, filter, finalize, map, Observable, of, tap, throwError, type OperatorFunction } from 'rxjs';
import type { SharedConfig } from '../core/config';
import { browserSafeHeaders, type HttpRequest, type ResponseHeader } from '../core/httpRequest';
import { resolvePolicy } from '../core/reliability/policy';
import { createSender } from '../core/sendRequest';
import { InvalidResponseError, isAivvmError, NetworkError } from '../errors';
import { decodeText } from '../operators/decodeText';
import type { OpenAIModel } from '../protocols/openai/codecs';
import type { OpenAICompatibleProvider } from '../protocols/openai/createOpenAICompatible';
import { requireTextAnswer } from '../protocols/openai/events/requireTextAnswer';
import type { OpenAIMessage } from '../protocols/openai/messages';
import type { CompletionEvent, OpenAICompletionOptions, TextEvent } from '../protocols/openai/types';
import {
  validateOpenAIRequest,
  type ValidatedOpenAIRequest,
} from '../protocols/openai/validateOpenAIRequest';
import { RelayError } from './RelayError';
import { RelayStreamError } from './RelayStreamError';
import { readServerSentEvents } from './readServerSentEvents';
import { relayBody } from './relayBody';
import { resumeEvents, type ReconnectOptions } from './resumeEvents';
import { toRelayFrames } from './toRelayFrames';
import { validateRelayConfig } from './validateRelayConfig';

/**
 * Configuration of {@link createRelayProvider}: the URL where the relay (`createRelay` of `aivvm-rx/server`) is
 * mounted, how to reconnect after a network drop, the model names `listModels` offers, and what every provider
 * takes (headers, axios instance, transport, timeouts per connection, retries of the first request, scheduler).
 *
 * @example
 * ```ts
 * const config: RelayConfig = {
 *   baseURL: 'https://example.com/api/relay',
 *   reconnect: { attempts: 8, initialDelayMs: 500, maxDelayMs: 8_000 },
 *   models: ['gpt-4o-mini'],
 * };
 * ```
 */
export interface RelayConfig extends SharedConfig {
  /** Where the relay is mounted, e.g. `https://example.com/api/relay` or `http://127.0.0.1:3000/relay`. */
  readonly baseURL: string;
  /**
   * Reconnects after a network drop: `attempts` in a row without a new event (default 5), the first after
   * `initialDelayMs` (250), doubling up to `maxDelayMs` (5 000).
   */
  readonly reconnect?: ReconnectOptions;
  /** The model names `listModels()` answers (a relay has no model list of its own). Default none. */
  readonly models?: readonly string[];
}

/**
 * A provider whose answers come from a relay (`createRelay` in `aivvm-rx/server`) instead of the model server:
 * the key stays on the server, and a dropped connection is resumed where it broke (`Last-Event-ID`), so the
 * subscriber sees every event exactly once and the server makes one upstream request per answer. It has the
 * shape of an OpenAI-compatible provider, so `AivvmService`, `injectConversation`, `openaiComplete`,
 * `completeJson` and `runTools` take it as they take one.
 *
 * @example
 * ```ts
 * const relay: RelayProvider = createRelayProvider({ baseURL: '/api/relay' });
 * relay.createCompletion('gpt-4o-mini', [{ role: 'user', content: 'Hi' }], true).subscribe((t) => out.append(t));
 * ```
 */
export interface RelayProvider {
  /** The relay's URL (`baseURL`, without a trailing slash). */
  readonly url: string;
  /** Completions stream. */
  readonly supportsStream: true;
  /**
   * The answer as text, as an OpenAI-compatible provider gives it: the text deltas as they arrive
   * (`stream: true`) or the whole text once (`stream: false`; the relay streams either way). A refusal, a
   * content filter or tool calls end it with `RefusalError`, `ContentFilterError` or `ToolCallsError` after the
   * text, as `createCompletion` of a direct provider does. Cold; unsubscribing stops the answer on the relay.
   *
   * @example
   * ```ts
   * relay.createCompletion('gpt-4o-mini', messages, true, { temperature: 0.2 }).subscribe((t) => out.append(t));
   * ```
   */
  createCompletion(
    model: string,
    messages: readonly OpenAIMessage[],
    stream: boolean,
    options?: OpenAICompletionOptions,
  ): Observable<string>;
  /**
   * The answer as the relay's events (text, reasoning, refusal, tool-call deltas, tool calls, then `finish`).
   * Nothing is sent before subscribe. `POST <baseURL>/` starts the answer; after a network drop (a reset socket,
   * a stream that ends without `finish`, an idle timeout, a 5xx/408/429 on reconnect) `GET <baseURL>/<id>` with
   * `Last-Event-ID` resumes it, within the reconnect policy, skipping events already delivered. Arguments are
   * checked as `createOpenAICompatible` checks them (an `InvalidRequestError`, nothing sent). Unsubscribing
   * before the end aborts the open request and sends `DELETE <baseURL>/<id>`, which stops the upstream request.
   * The relay's own error event is a `RelayError`; a refused reconnect a `RelayStreamError` (404 expired, 403).
   *
   * @example
   * ```ts
   * relay.createCompletionEvents('gpt-4o-mini', messages).subscribe((e) => e.type === 'text' && out.append(e.text));
   * ```
   */
  createCompletionEvents(
    model: string,
    messages: readonly OpenAIMessage[],
    options?: OpenAICompletionOptions,
  ): Observable<CompletionEvent>;
  /**
   * The `models` of the configuration, as an OpenAI-compatible server lists them (a relay has no model route).
   *
   * @example
   * ```ts
   * createRelayProvider({ baseURL, models: ['gpt-4o-mini'] }).listModels().subscribe(console.log); // [{ id: 'gpt-4o-mini', object: 'model' }]
   * ```
   */
  listModels(): Observable<readonly OpenAIModel[]>;
}

// A relay provider is usable wherever an OpenAI-compatible one is (ChatProvider, openaiComplete, completeJson …).
const _sameShape = (relay: RelayProvider): OpenAICompatibleProvider => relay;
void _sameShape;

/** The stream a relay started: its id and the token that reads or stops it. */
interface RelayStream {
  readonly id: string;
  readonly token: string;
}

/**
 * Creates a provider that reads answers from a relay (see {@link RelayProvider}). Works in browsers (axios'
 * `fetch` adapter) and in Node (its `http` adapter). Throws an `InvalidRequestError` for an invalid
 * configuration (a missing `baseURL`, `reconnect.attempts: -1` …). A browser reading a relay of another origin
 * needs the relay to expose `x-stream-id` and `x-stream-token` (`access-control-expose-headers`).
 *
 * @example
 * ```ts
 * import { createRelayProvider } from 'aivvm-rx';
 * const relay = createRelayProvider({ baseURL: 'http://127.0.0.1:3000/relay', reconnect: { attempts: 8 } });
 * relay.createCompletion('gpt-4o-mini', [{ role: 'user', content: 'Hi' }], true).subscribe((t) => process.stdout.write(t));
 * ```
 */
export function createRelayProvider(config: RelayConfig): RelayProvider {
  const checked = validateRelayConfig(config);
  if (E.isLeft(checked)) throw checked.left;
  const { config: resolved, reconnect, models } = checked.right;
  const send = createSender(resolved);
  const url = resolved.baseURL;
  const headers = resolved.browser ? browserSafeHeaders(resolved.headers) : resolved.headers;
  const streamURL = (stream: RelayStream): string => `${url}/${encodeURIComponent(stream.id)}`;
  const withToken = (stream: RelayStream, more: Readonly<Record<string, string>> = {}) => ({
    ...headers,
    ...more,
    authorization: `Bearer ${stream.token}`,
  });

  /** Fire and forget: the relay aborts the upstream request; a failure here changes nothing for the caller. */
  const stop = (stream: RelayStream): void => {
    send(
      { url: streamURL(stream), method: 'DELETE', body: '', headers: withToken(stream), expect: 'text' },
      {
        retry: { count: 0 },
      },
    ).subscribe({ error: () => undefined });
  };

  const streamEvents = (request: ValidatedOpenAIRequest): Observable<CompletionEvent> =>
    defer(() => {
      let stream: RelayStream | undefined;
      let missing: string | undefined;
      // True once the relay ended the answer itself (finish, its error event, a refused reconnect): no stop.
      let over = false;
      const policy = resolvePolicy(resolved.policy, request.reliability);

      const start = (): Observable<Uint8Array> =>
        new Observable<Uint8Array>((subscriber) => {
          // Unsubscribed while the POST waits for its headers: the relay may be generating already, and only the
          // stream id in those headers lets us stop it. So the request goes on, unseen, until they arrive.
          let detached = false;
          let sameTick = true;
          queueMicrotask(() => (sameTick = false));
          const post: HttpRequest = {
            url: `${url}/`,
            method: 'POST',
            body: JSON.stringify(relayBody(request)),
            headers: { ...headers, 'content-type': 'application/json', accept: 'text/event-stream' },
            expect: 'text',
            onResponse: (header: ResponseHeader) => {
              const id = header('x-stream-id');
              const token = header('x-stream-token');
              if (id !== undefined && id !== '' && token !== undefined && token !== '')
                stream = { id, token };
              else missing = id === undefined || id === '' ? 'x-stream-id' : 'x-stream-token';
              if (!detached) return;
              if (stream !== undefined) stop(stream);
              // Called from inside the transport: release the request once it has returned.
              queueMicrotask(() => inner.unsubscribe());
            },
          };
          // Retried only while no answer started: once the relay sent its headers, a second POST would pay twice.
          const when = policy.retry.when;
          const inner = send(post, {
            ...request.reliability,
            retry: {
              ...policy.retry,
              when: (error, attempt) => !detached && stream === undefined && when(error, attempt),
            },
          }).subscribe({
            next: (chunk) => {
              if (stream !== undefined) return subscriber.next(chunk);
              subscriber.error(
                new InvalidResponseError(
                  `POST ${url}/ answered without the ${missing ?? 'x-stream-id'} header, so the answer could not be ` +
                    'resumed or stopped. Is baseURL a relay made by createRelay, and, from another origin, does it ' +
                    'send `access-control-expose-headers: x-stream-id, x-stream-token`?',
                ),
              );
            },
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          });
          return () => {
            // Cancelled in the tick it started (a re-render): the request has not left (the transports start
            // asynchronously), so nothing is generating. Headers in, or the request over: nothing to wait for.
            if (sameTick || stream !== undefined || missing !== undefined || inner.closed)
              return inner.unsubscribe();
            detached = true;
          };
        });

      const resume = (current: RelayStream, lastEventId: number): Observable<Uint8Array> =>
        send(
          {
            url: streamURL(current),
            method: 'GET',
            body: '',
            // Without Last-Event-ID the relay reads from the start: what a drop before the first event needs.
            headers: withToken(current, {
              accept: 'text/event-stream',
              ...(lastEventId > 0 ? { 'last-event-id': String(lastEventId) } : {}),
            }),
            expect: 'text',
          },
          // resumeEvents is the retry here (with its own backoff and count).
          { ...request.reliability, retry: { count: 0 } },
          (error) => {
            if (
              isAivvmError(error) &&
              error._tag === 'HttpError' &&
              (error.status === 404 || error.status === 403)
            )
              return new RelayStreamError(error.status, streamURL(current), lastEventId);
            return error;
          },
        );

      const connect = (lastEventId: number) =>
        (stream === undefined ? start() : resume(stream, lastEventId)).pipe(
          // SSE is UTF-8 by definition; a new decoder and parser per connection (each starts on an event boundary).
          decodeText({ fallback: 'replacement' }),
          readServerSentEvents(policy.maxResponseBytes, url),
          toRelayFrames(url),
        );

      return resumeEvents(connect, {
        ...reconnect,
        scheduler: resolved.scheduler,
        isLast: (frame) => frame.event.type === 'finish',
        isDrop: (error) => stream !== undefined && isDrop(error),
        giveUp: (error, lastEventId, attempts) => {
          const cause = isAivvmError(error) ? error : undefined;
          return new NetworkError(
            `the relay stream ${stream === undefined ? url : streamURL(stream)} broke after event ${lastEventId} ` +
              `(delivered) and ${attempts} reconnects in a row brought nothing new: ` +
              `${cause?.message ?? 'each connection ended before the finish event'}. Raise reconnect.attempts ` +
              'if the network comes back slowly.',
            cause?._tag === 'NetworkError' ? cause.code : undefined,
            cause !== undefined && 'receivedBytes' in cause && typeof cause.receivedBytes === 'number'
              ? cause.receivedBytes
              : 0,
            cause,
          );
        },
      }).pipe(
        map((frame) => frame.event),
        tap({
          complete: () => (over = true),
          error: (error: unknown) => {
            if (error instanceof RelayError || error instanceof RelayStreamError) over = true;
          },
        }),
        finalize(() => {
          if (!over && stream !== undefined) stop(stream);
        }),
      );
    });

  const createCompletionEvents: RelayProvider['createCompletionEvents'] = (model, messages, options) =>
    defer(() => {
      const request = validateOpenAIRequest(model, messages, true, options);
      return E.isLeft(request) ? throwError(() => request.left) : streamEvents(request.right);
    });

  const createCompletion: RelayProvider['createCompletion'] = (model, messages, stream, options) =>
    defer(() => {
      const request = validateOpenAIRequest(model, messages, stream, options);
      if (E.isLeft(request)) return throwError(() => request.left);
      const events$ = streamEvents(request.right).pipe(requireTextAnswer());
      if (request.right.stream)
        return events$.pipe(
          filter((event): event is TextEvent => event.type === 'text'),
          map((event) => event.text),
        );
      return events$.pipe(wholeText());
    });

  const listModels: RelayProvider['listModels'] = () =>
    defer(() => of(models.map((id): OpenAIModel => ({ id, object: 'model' }))));

  return Object.freeze({ url, supportsStream: true, createCompletion, createCompletionEvents, listModels });
}

/**
 * `stream: false` as a direct provider answers it: the whole text once (even `''`) when the answer finished, then
 * the error when it is not a text answer (a refusal, tool calls …); nothing when it failed before its end.
 */
function wholeText(): OperatorFunction<CompletionEvent, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      let whole = '';
      let finished = false;
      return source.subscribe({
        next: (event) => {
          if (event.type === 'text') whole += event.text;
          else if (event.type === 'finish') finished = true;
        },
        error: (error: unknown) => {
          if (finished) subscriber.next(whole);
          subscriber.error(error);
        },
        complete: () => {
          subscriber.next(whole);
          subscriber.complete();
        },
      });
    });
}

/** A broken connection worth resuming: the network, a stalled stream, or a relay (or proxy) saying "later". */
function isDrop(error: unknown): boolean {
  if (!isAivvmError(error)) return false;
  switch (error._tag) {
    case 'NetworkError':
      return true;
    case 'TimeoutError':
      return error.stage !== 'total';
    case 'HttpError':
      return error.status >= 500 || error.status === 408 || error.status === 429;
    default:
      return false;
  }
}
