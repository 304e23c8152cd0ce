import { from, isObservable, Observable, of } from 'rxjs';
import type { Tool } from './types';

/**
 * Runs one call as a cold Observable of its single result: `execute`'s value, its Promise's value, or its
 * Observable's last value (`undefined` when it completes empty). Each subscription has its own AbortController,
 * aborted when it is unsubscribed before the tool finished (never after). A synchronous throw is an error
 * notification.
 *
 * @example
 * ```ts
 * executeTool(weather, { city: 'Oslo' }, 'call_1').subscribe((result) => console.log(result));
 * ```
 */
export function executeTool<A>(tool: Tool<A>, args: A, id: string): Observable<unknown> {
  return new Observable<unknown>((subscriber) => {
    const controller = new AbortController();
    let finished = false;
    let result: unknown;
    let source: Observable<unknown>;
    try {
      const output = tool.execute(args, { signal: controller.signal, id });
      source = isObservable(output) ? output : isPromiseLike(output) ? from(output) : of(output);
    } catch (error) {
      finished = true;
      subscriber.error(error);
      return undefined;
    }
    const inner = source.subscribe({
      next: (value) => (result = value),
      error: (error: unknown) => {
        finished = true;
        subscriber.error(error);
      },
      complete: () => {
        finished = true;
        subscriber.next(result);
        subscriber.complete();
      },
    });
    return () => {
      // The tool is still running: tell it to stop (fetch, timers …), then drop its Observable.
      if (!finished) controller.abort();
      inner.unsubscribe();
    };
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}
