import { either as E } from 'fp-ts';
import { defer, filter, finalize, map, Observable, of, tap, throwError } from 'rxjs';
import { browserSafeHeaders, type HttpRequest, type ResponseHeader } from '../core/httpRequest';
import { resolvePolicy } from '../core/reliability/policy';
import { createSender } from '../core/sendRequest';
import { InvalidResponseError, isAivvmError, NetworkError } from '../errors';
import { decodeText } from '../operators/decodeText';
import type { OpenAIModel } from '../protocols/openai/codecs';
import { requireTextAnswer } from '../protocols/openai/events/requireTextAnswer';
import type { CompletionEvent, TextEvent } from '../protocols/openai/types';
import {
  validateOpenAIRequest,
  type ValidatedOpenAIRequest,
} from '../protocols/openai/validateOpenAIRequest';
import { RelayStreamError } from '../errors';
import { readServerSentEvents } from './readServerSentEvents';
import { relayBody } from './relayBody';
import { isDrop } from './isDrop';
import { resumeEvents } from './resumeEvents';
import type { RelayConfig, RelayProvider } from './types';
import { toRelayFrames } from './toRelayFrames';
import { validateRelayConfig } from './validateRelayConfig';
import { wholeText } from './wholeText';

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

  const withoutStreamHeaders = (missing: string | undefined) =>
    new InvalidResponseError(
      `POST ${url}/ answered without the ${missing ?? 'x-stream-id'} header, so the answer could not be ` +
        'resumed or stopped. Is baseURL a relay made by createRelay, and, from another origin, does it ' +
        'send `access-control-expose-headers: x-stream-id, x-stream-token`?',
    );

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
          // Not after a timeout either: the relay got the POST and may be generating, its headers held up.
          const when = policy.retry.when;
          const inner = send(post, {
            ...request.reliability,
            retry: {
              ...policy.retry,
              when: (error, attempt) =>
                !detached && stream === undefined && error._tag !== 'TimeoutError' && when(error, attempt),
            },
          }).subscribe({
            next: (chunk) => {
              if (stream !== undefined) return subscriber.next(chunk);
              subscriber.error(withoutStreamHeaders(missing));
            },
            error: (error: unknown) => subscriber.error(error),
            // An empty answer without the headers is not a drop to resume (nor a reason to POST again).
            complete: () =>
              stream !== undefined ? subscriber.complete() : subscriber.error(withoutStreamHeaders(missing)),
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
              // The cause's message ends with its own full stop: one, not two.
              `${(cause?.message ?? 'each connection ended before the finish event').replace(/\.$/, '')}. Raise ` +
              'reconnect.attempts if the network comes back slowly.',
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
            // By tag, not instanceof: an error of another copy of the package is still the relay's end.
            if (isAivvmError(error) && (error._tag === 'RelayError' || error._tag === 'RelayStreamError'))
              over = true;
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
