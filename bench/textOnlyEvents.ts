/**
 * The text-only event path as it was before reasoning, refusals and tool calls: `toCompletionEvents` and its chunk
 * codec at commit 285802b, copied unchanged (only imports and names adjusted), the baseline of the `eventParsing`
 * bench case.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import type { EventSourceMessage } from 'eventsource-parser';
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { IncompleteResponseError, InvalidResponseError, renderValue } from '../src/errors';
import { toIssues } from '../src/core/toIssues';
import {} from '../src/protocols/openai/codecs';
import { redact } from '../src/core/redact';
import { errorEnvelopeOf } from '../src/core/errorEnvelope';
import { streamError } from '../src/protocols/openai/errors';

// The chunk codec of then: every field `t.union([codec, t.null, t.undefined])`, text and role only.
const nullish = <C extends t.Mixed>(codec: C) => t.union([codec, t.null, t.undefined]);
const WireUsage = t.partial(
  {
    prompt_tokens: nullish(t.number),
    completion_tokens: nullish(t.number),
    total_tokens: nullish(t.number),
  },
  'Usage',
);
type WireUsage = t.TypeOf<typeof WireUsage>;
const ChatChunk = t.partial(
  {
    choices: nullish(
      t.readonlyArray(
        t.partial({
          delta: nullish(t.partial({ content: nullish(t.string), role: nullish(t.string) })),
          finish_reason: nullish(t.string),
        }),
      ),
    ),
    usage: nullish(WireUsage),
  },
  'ChatChunk',
);

/** The usage as it was: the three counts. */
interface Usage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}
/** What the text-only path emitted. */
export type CompletionEvent =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'finish'; readonly reason: string | null; readonly usage?: Usage };

/** Where the events come from, for errors. */
export interface EventsContext {
  readonly url: string;
  readonly apiKey: string | undefined;
  /** Body bytes received so far (for {@link IncompleteResponseError}). */
  readonly receivedBytes: () => number;
}

/**
 * Server-sent events of a chat completion → {@link CompletionEvent}s: a `text` per non-empty
 * `choices[0].delta.content`, then one `finish` with the last `finish_reason` and `usage`. `data: [DONE]`
 * completes at once; the source then runs on for at most {@link DRAIN_MS} so the server can end the body and the
 * keep-alive socket be reused (any event after `[DONE]`, or the deadline, closes it). Each data JSON is checked with io-ts: a bad one is
 * an {@link InvalidResponseError} naming the path; an `{ error }` payload is an `HttpError` with the upstream
 * message. Both follow the text already emitted. A stream that ends with neither `[DONE]` nor a `finish_reason`
 * was cut: {@link IncompleteResponseError}.
 *
 * @example
 * ```ts
 * sse$.pipe(toCompletionEvents({ url, apiKey: undefined, receivedBytes: () => 0 }));
 * // { type: 'text', text: 'Hel' }, { type: 'text', text: 'lo' }, { type: 'finish', reason: 'stop' }
 * ```
 */
export function textOnlyEvents(
  context: EventsContext,
): OperatorFunction<EventSourceMessage, CompletionEvent> {
  return (source) =>
    new Observable<CompletionEvent>((subscriber) => {
      let reason: string | null | undefined;
      let usage: Usage | undefined;
      let count = 0;
      // After [DONE] the answer is complete, but the body has usually not ended yet: the rest is drained (see below).
      let done = false;
      let ended = false;
      // Assigned after subscribe returns: a synchronous source may finish (and call release) before that.
      let source$: Subscription | undefined = undefined;
      let drainTimer: ReturnType<typeof setTimeout> | undefined;
      const release = (): void => {
        ended = true;
        if (drainTimer !== undefined) clearTimeout(drainTimer);
        source$?.unsubscribe();
      };
      const finish = (): void => {
        const event: CompletionEvent =
          usage === undefined
            ? { type: 'finish', reason: reason ?? null }
            : { type: 'finish', reason: reason ?? null, usage };
        subscriber.next(event);
        subscriber.complete();
      };
      source$ = source.subscribe({
        next: (event) => {
          if (done) return release(); // Anything after [DONE] is not ours to read: close the socket.
          count++;
          const data = event.data;
          if (data === '[DONE]') {
            done = true;
            return finish();
          }
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch {
            // The key is removed from the whole event before it is cut short (a cut could keep part of it).
            return subscriber.error(
              new InvalidResponseError(
                `POST ${context.url}: server-sent event #${count} is not JSON; ` +
                  `it starts ${renderValue(redact(data, context.apiKey), 80)}. Is baseURL an OpenAI-compatible API (with its /v1 prefix)?`,
              ),
            );
          }
          if (event.event === 'error' || hasError(json)) {
            // The error path only (never timed): read as the library reads error bodies now.
            const wire = errorEnvelopeOf(json) ?? { message: data };
            return subscriber.error(streamError(wire, data, context.url, context.apiKey));
          }
          const decoded = ChatChunk.validate(json, [{ key: 'data', type: ChatChunk, actual: json }]);
          if (E.isLeft(decoded)) {
            return subscriber.error(
              new InvalidResponseError(
                `POST ${context.url}: server-sent event #${count} is not a chat completion chunk`,
                toIssues(decoded.left),
              ),
            );
          }
          const chunk = decoded.right;
          if (chunk.usage != null) usage = toUsage(chunk.usage);
          const choice = chunk.choices?.[0];
          if (choice == null) return;
          if (choice.finish_reason != null) reason = choice.finish_reason;
          const text = choice.delta?.content;
          if (text) subscriber.next({ type: 'text', text });
        },
        error: (error: unknown) => {
          ended = true;
          if (!done) subscriber.error(error);
        },
        complete: () => {
          ended = true;
          if (done) return;
          if (reason !== undefined) return finish();
          subscriber.error(new IncompleteResponseError(context.url, context.receivedBytes()));
        },
      });
      if (ended) source$.unsubscribe();
      return () => {
        if (ended) return;
        if (!done) return release();
        // Completed at [DONE]: let the server end the body (it does right after) so the keep-alive socket goes back
        // to the pool instead of being destroyed and reconnected, but never wait more than DRAIN_MS.
        drainTimer = setTimeout(release, DRAIN_MS);
        (drainTimer as { unref?: () => void }).unref?.();
      };
    });
}

/** How long the rest of a body is drained after `[DONE]` before its socket is closed. */
const DRAIN_MS = 1000;

function hasError(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { error?: unknown }).error != null;
}

/** The wire's snake_case counts, with missing ones as 0 and a missing total summed. */
function toUsage(wire: WireUsage): Usage {
  const promptTokens = wire.prompt_tokens ?? 0;
  const completionTokens = wire.completion_tokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    totalTokens: wire.total_tokens ?? promptTokens + completionTokens,
  };
}
