import { either as E } from 'fp-ts';
import type { EventSourceMessage } from 'eventsource-parser';
import { Observable, type OperatorFunction } from 'rxjs';
import { IncompleteResponseError, InvalidResponseError, renderValue } from '../../errors';
import { toIssues } from '../../toIssues';
import { ChatChunk, ErrorEnvelope, type WireUsage } from './codecs';
import { streamError } from './errors';
import type { CompletionEvent, Usage } from './types';

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
 * completes (the source is unsubscribed, closing the socket). Each data JSON is checked with io-ts: a bad one is
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
export function toCompletionEvents(
  context: EventsContext,
): OperatorFunction<EventSourceMessage, CompletionEvent> {
  return (source) =>
    new Observable<CompletionEvent>((subscriber) => {
      let reason: string | null | undefined;
      let usage: Usage | undefined;
      let count = 0;
      const finish = (): void => {
        subscriber.next(
          usage === undefined
            ? { type: 'finish', reason: reason ?? null }
            : { type: 'finish', reason: reason ?? null, usage },
        );
        subscriber.complete();
      };
      return source.subscribe({
        next: (event) => {
          count++;
          const data = event.data;
          if (data === '[DONE]') return finish();
          let json: unknown;
          try {
            json = JSON.parse(data);
          } catch (error) {
            return subscriber.error(
              new InvalidResponseError(
                `POST ${context.url}: server-sent event #${count} is not JSON (${(error as Error).message}); ` +
                  `it starts ${renderValue(data, 80)}. Is baseURL an OpenAI-compatible API (with its /v1 prefix)?`,
              ),
            );
          }
          if (
            event.event === 'error' ||
            (typeof json === 'object' &&
              json !== null &&
              'error' in json &&
              (json as { error: unknown }).error != null)
          ) {
            const envelope = ErrorEnvelope.decode(json);
            const wire = E.isRight(envelope) ? envelope.right.error : { message: data };
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
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (reason !== undefined) return finish();
          subscriber.error(new IncompleteResponseError(context.url, context.receivedBytes()));
        },
      });
    });
}

/** The wire's snake_case counts, with missing ones as 0 and a missing total summed. */
export function toUsage(wire: WireUsage): Usage {
  const promptTokens = wire.prompt_tokens ?? 0;
  const completionTokens = wire.completion_tokens ?? 0;
  return {
    promptTokens,
    completionTokens,
    totalTokens: wire.total_tokens ?? promptTokens + completionTokens,
  };
}
