import { Observable, type MonoTypeOperatorFunction } from 'rxjs';
import type { CompletionEvent, ToolCallEvent } from '../types';
import { answerProblem } from './answerProblem';

/**
 * Passes every {@link CompletionEvent} through, and ends with an error instead of completing when the answer is
 * not a text answer: a refusal (`RefusalError`), a content filter (`ContentFilterError`), tool calls
 * (`ToolCallsError`) or an unknown `finish_reason` (`UnexpectedFinishError`). The `finish` event is delivered
 * before that error. A `length` cut completes normally (its `finish` says so). This is the rule `createCompletion`
 * applies; use it on `createCompletionEvents` to show every event and still fail where `createCompletion` would.
 *
 * @example
 * ```ts
 * ai.createCompletionEvents('gpt-4o', messages).pipe(requireTextAnswer()).subscribe({
 *   next: (event) => render(event),
 *   error: (e) => { if (e._tag === 'RefusalError') showRefusal(e.refusal); },
 * });
 * ```
 */
export function requireTextAnswer(): MonoTypeOperatorFunction<CompletionEvent> {
  return (source) =>
    new Observable<CompletionEvent>((subscriber) => {
      let text = '';
      let refusal = '';
      let reasoning = '';
      const toolCalls: ToolCallEvent[] = [];
      let reason: string | null | undefined;
      return source.subscribe({
        next: (event) => {
          switch (event.type) {
            case 'text':
              text += event.text;
              break;
            case 'refusal':
              refusal += event.text;
              break;
            case 'reasoning':
              reasoning += event.text;
              break;
            case 'tool-call':
              toolCalls.push(event);
              break;
            case 'finish':
              reason = event.reason;
              break;
          }
          subscriber.next(event);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          // No finish: the source ended early (an unsubscribed take(), a test double). Nothing to judge.
          const problem =
            reason === undefined ? undefined : answerProblem({ text, refusal, reasoning, toolCalls, reason });
          if (problem === undefined) subscriber.complete();
          else subscriber.error(problem);
        },
      });
    });
}
