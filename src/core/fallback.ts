import { catchError, defer, tap, throwError, type Observable, type ObservableInput } from 'rxjs';
import { FallbackError } from '../errors';

/**
 * Tries sources in order until one works, without ever mixing two answers. Subscribes to the first factory's
 * Observable; when it fails **before emitting anything**, subscribes to the next one. Once any value was
 * emitted, a failure is final (the text is never duplicated or spliced from two answers). When every attempt
 * fails, the error is a {@link FallbackError} holding their errors in order. Unsubscribing aborts the attempt
 * in flight. Works on any Observable, so providers of different protocols can be mixed.
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
  return defer(() => {
    const errors: unknown[] = [];
    const attempt = (index: number): Observable<T> => {
      const factory = attempts[index];
      if (factory === undefined) return throwError(() => new FallbackError(errors));
      return defer(() => {
        let emitted = false;
        // The factory runs inside `defer`, so a factory that throws is a failure like any other.
        return defer(factory).pipe(
          tap(() => (emitted = true)),
          catchError((error: unknown) => {
            if (emitted) return throwError(() => error);
            errors.push(error);
            return attempt(index + 1);
          }),
        );
      });
    };
    return attempt(0);
  });
}
