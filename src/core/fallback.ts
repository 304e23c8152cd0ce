import { from, Observable, type ObservableInput, type Subscription } from 'rxjs';
import { FallbackError } from '../errors';

/**
 * Tries sources in order until one works, without ever mixing two answers. Subscribes to the first factory's
 * Observable; when it fails **before emitting anything**, subscribes to the next one. Once any value was
 * emitted, a failure is final (the text is never duplicated or spliced from two answers). When every attempt
 * fails, the error is a {@link FallbackError} holding their errors in order. Unsubscribing aborts the attempt
 * in flight. Works on any Observable, so providers of different protocols can be mixed, and on any number of
 * attempts: failures that arrive synchronously are taken in a loop, so the stack does not grow with them.
 *
 * @example
 * ```ts
 * fallback(
 *   () => aivvm.createCompletion('gpt-4', messages, true),
 *   () => ollama.createCompletion('llama3.2', messages, true),
 * ).subscribe({ next: (text) => process.stdout.write(text), error: (e) => console.error(e.message) });
 * ```
 *
 * @param attempts Factories called one at a time, each only when the previous attempt failed empty-handed.
 * @return The first attempt that emits, or a `FallbackError` when all fail.
 */
export function fallback<T>(...attempts: readonly (() => ObservableInput<T>)[]): Observable<T> {
  return new Observable<T>((subscriber) => {
    const errors: unknown[] = [];
    let next = 0;
    let current: Subscription | undefined;
    // True while `run` is on the stack: a failure then only asks the loop to go on, instead of recursing.
    let running = false;
    let again = false;

    const failed = (error: unknown): void => {
      errors.push(error);
      if (running) again = true;
      else run();
    };

    const run = (): void => {
      running = true;
      do {
        again = false;
        if (subscriber.closed) break;
        const factory = attempts[next++];
        if (factory === undefined) {
          subscriber.error(new FallbackError(errors));
          break;
        }
        let source: Observable<T>;
        try {
          // A factory that throws, or returns something that is not an ObservableInput, is a failure too.
          source = from(factory());
        } catch (error) {
          errors.push(error);
          again = true;
          continue;
        }
        let emitted = false;
        current = source.subscribe({
          next: (value) => {
            emitted = true;
            subscriber.next(value);
          },
          error: (error: unknown) => (emitted ? subscriber.error(error) : failed(error)),
          complete: () => subscriber.complete(),
        });
      } while (again);
      running = false;
    };

    run();
    return () => current?.unsubscribe();
  });
}
