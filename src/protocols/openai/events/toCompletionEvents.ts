import { either as E } from 'fp-ts';
import type { EventSourceMessage } from 'eventsource-parser';
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { IncompleteResponseError, InvalidResponseError } from '../../../errors';
import { finishSeverity } from '../../../core/finishSeverity';
import type { ChatChunk, WireUsage } from '../codecs';
import { readChunk, type ChunkSource } from './readChunk';
import type { CompletionEvent } from '../types';
import { deltaEvents } from './deltaEvents';
import { createToolCallAssembler } from './toolCallAssembler';
import { toUsage } from './toUsage';

/** Where the events come from, for errors. */
export interface EventsContext extends ChunkSource {
  /** Body bytes received so far (for {@link IncompleteResponseError}). */
  readonly receivedBytes: () => number;
}

/**
 * Server-sent events of a chat completion → {@link CompletionEvent}s, in order: `text`, `reasoning`, `refusal` and
 * `tool-call-delta` events as each chunk's delta carries them (see {@link deltaEvents} for which field of which
 * server is what), then, once the stream ended properly (`data: [DONE]`, or the body's end after a
 * `finish_reason`), one `tool-call` per call and one `finish` with the `finish_reason` and the last `usage`
 * (whichever chunk carried it). Chunks with empty `choices` (Azure's prompt filter results, a usage-only chunk) or
 * with only content-filter results carry nothing else. Of several `finish_reason`s the most severe stays
 * (`content_filter` over `tool_calls` over `length` over `stop`). A choice of another `index` that carries
 * anything is an {@link InvalidResponseError} (the request asks for one answer): never dropped quietly.
 *
 * `data: [DONE]` completes at once; the source then runs on for at most {@link DRAIN_MS} so the server can end the
 * body and the keep-alive socket be reused (any event after `[DONE]`, or the deadline, closes it). Each data JSON
 * is checked with io-ts: a bad one is an {@link InvalidResponseError} naming the path; an `{ error }` payload is an
 * `HttpError` with the upstream message. Both follow the events already emitted. A stream that ends with neither
 * `[DONE]` nor a `finish_reason` was cut: {@link IncompleteResponseError}, and no `tool-call` events (their
 * arguments may be cut too).
 *
 * @example
 * ```ts
 * sse$.pipe(toCompletionEvents({ url, apiKey: undefined, receivedBytes: () => 0 }));
 * // { type: 'reasoning', text: 'Hm.' }, { type: 'text', text: 'Hel' }, { type: 'text', text: 'lo' }, { type: 'finish', reason: 'stop' }
 * ```
 */
export function toCompletionEvents(
  context: EventsContext,
): OperatorFunction<EventSourceMessage, CompletionEvent> {
  return (source) =>
    new Observable<CompletionEvent>((subscriber) => {
      let reason: string | null | undefined;
      // The last usage sent (NIM sends one on every chunk): converted once, at the end.
      let usage: WireUsage | undefined;
      const tools = createToolCallAssembler();
      const emit = (event: CompletionEvent): void => subscriber.next(event);
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
        if (tools.started) for (const call of tools.calls()) subscriber.next(call);
        const event: CompletionEvent =
          usage === undefined
            ? { type: 'finish', reason: reason ?? null }
            : { type: 'finish', reason: reason ?? null, usage: toUsage(usage) };
        subscriber.next(event);
        subscriber.complete();
      };
      source$ = source.subscribe({
        next: (event) => {
          if (done) return release(); // Anything after [DONE] is not ours to read: close the socket.
          count++;
          if (event.data === '[DONE]') {
            done = true;
            return finish();
          }
          const read = readChunk(event, count, context);
          if (E.isLeft(read)) return subscriber.error(read.left);
          const chunk = read.right;
          const chunkUsage = chunk.usage ?? chunk.x_groq?.usage;
          if (chunkUsage != null) usage = chunkUsage;
          const choices = chunk.choices;
          if (choices == null) return;
          const choice = firstChoice(choices);
          if (choice !== undefined) {
            if (choice.delta != null) deltaEvents(choice.delta, tools, emit);
            // After the events of its delta: the last chunk may carry both (Mistral, xAI). Of several reasons the
            // most severe stays: a content filter followed by a `stop` is still a filtered answer.
            const sent = choice.finish_reason;
            if (sent != null && (reason == null || finishSeverity(sent) >= finishSeverity(reason)))
              reason = sent;
          }
          // After the first choice's events, which are delivered: a choice nobody asked for is not dropped quietly.
          const other = choices.length > 1 ? otherChoice(choices) : undefined;
          if (other !== undefined) return subscriber.error(secondChoiceError(other, count, context.url));
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
export const DRAIN_MS = 1000;

type Choice = NonNullable<ChatChunk['choices']>[number];

/** The choice of `index` 0 (or without an index). */
function firstChoice(choices: readonly Choice[]): Choice | undefined {
  for (const choice of choices) if (choice.index == null || choice.index === 0) return choice;
  return undefined;
}

/**
 * A choice of another `index` that carries something (a delta field other than `role`, or a finish reason), with
 * its position in `choices`. The request never asks for more than one (`n` is refused), so the server added it.
 */
function otherChoice(
  choices: readonly Choice[],
): { readonly at: number; readonly index: number } | undefined {
  for (let at = 0; at < choices.length; at++) {
    const choice = choices[at]!;
    if (choice.index == null || choice.index === 0) continue;
    const delta = (choice.delta ?? {}) as Record<string, unknown>;
    const carries =
      choice.finish_reason != null ||
      Object.keys(delta).some((key) => key !== 'role' && delta[key] != null && delta[key] !== '');
    if (carries) return { at, index: choice.index };
  }
  return undefined;
}

function secondChoiceError(
  other: { at: number; index: number },
  count: number,
  url: string,
): InvalidResponseError {
  return new InvalidResponseError(
    `POST ${url}: server-sent event #${count} carries another answer (choices[${other.at}].index is ` +
      `${other.index}); aivvm-rx asks for one (index 0) and would drop it. Is a gateway asking for more ` +
      '(n > 1)? Set it to 1 there.',
  );
}
