import { Observable, type OperatorFunction } from 'rxjs';
import type { CompletionEvent } from '../protocols/openai/types';

/**
 * `stream: false` as a direct provider answers it: the whole text once (even `''`) when the answer finished, then
 * the error when it is not a text answer (a refusal, tool calls …); nothing when it failed before its end.
 *
 * @example
 * ```ts
 * events$.pipe(requireTextAnswer(), wholeText()).subscribe((text) => console.log(text)); // once
 * ```
 */
export function wholeText(): OperatorFunction<CompletionEvent, string> {
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
