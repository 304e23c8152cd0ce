/**
 * Issue 22, point 3: `fallback` with many attempts that fail synchronously. From ~800 such attempts the
 * subscription never ended, and 3 000 overflowed the stack: each failure subscribed the next attempt from inside
 * the previous one's error callback. Whatever the number of attempts, the result is the first working attempt's
 * values or a `FallbackError`, and the stack depth does not grow with the attempts.
 */
import { defer, Observable, of, throwError } from 'rxjs';
import { fallback, FallbackError } from '../../../src';
import { testScheduler } from '../../helpers/marbles';

/** Everything a synchronous subscription said, in order. */
function runSync<T>(source: Observable<T>): {
  values: T[];
  error: unknown;
  completed: boolean;
  ended: boolean;
} {
  const result = { values: [] as T[], error: undefined as unknown, completed: false, ended: false };
  source.subscribe({
    next: (value) => result.values.push(value),
    error: (error: unknown) => Object.assign(result, { error, ended: true }),
    complete: () => Object.assign(result, { completed: true, ended: true }),
  });
  return result;
}

const failing = (count: number): (() => Observable<never>)[] =>
  Array.from({ length: count }, (_, i) => () => throwError(() => new Error(`attempt ${i + 1}`)));

describe('fallback with many synchronous failures (issue 22, point 3)', () => {
  it.each([800, 3_000, 10_000])(
    '%i failing attempts, then one that works: its values, then complete',
    (count) => {
      const result = runSync(fallback(...failing(count), () => of('a', 'b')));
      expect(result).toEqual({ values: ['a', 'b'], error: undefined, completed: true, ended: true });
    },
  );

  it('10 000 failing attempts: a FallbackError with all 10 000 errors in order, and a bounded message', () => {
    const result = runSync(fallback(...failing(10_000)));
    expect(result.ended).toBe(true);
    expect(result.error).toBeInstanceOf(FallbackError);
    const error = result.error as FallbackError;
    expect(error.errors).toHaveLength(10_000);
    expect((error.errors[0] as Error).message).toBe('attempt 1');
    expect((error.errors[9_999] as Error).message).toBe('attempt 10000');
    // The message lists the first attempts and counts the rest: 10 000 lines would drown a log.
    expect(error.message).toMatch(/all 10 000 attempts failed/);
    expect(error.message).toMatch(/\n {2}10\. Error: attempt 10\n {2}… and 9 990 more\b/);
    expect(error.message.split('\n').length).toBeLessThanOrEqual(12);
  });

  it('factories that throw count as failures, also by the thousand', () => {
    const throwing = Array.from({ length: 5_000 }, (_, i) => (): Observable<string> => {
      throw new Error(`factory ${i}`);
    });
    const result = runSync(fallback(...throwing, () => ['ok']));
    expect(result.values).toEqual(['ok']);
    expect(result.completed).toBe(true);
  });

  it('the stack depth at which the working attempt is subscribed does not grow with the failures', () => {
    const depthAfter = (count: number): number => {
      let depth = -1;
      runSync(
        fallback(...failing(count), () =>
          defer(() => {
            depth = (new Error().stack ?? '').split('\n').length;
            return of(1);
          }),
        ),
      );
      return depth;
    };
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 100_000;
    try {
      expect(depthAfter(300)).toBe(depthAfter(3));
    } finally {
      Error.stackTraceLimit = limit;
    }
  });

  it('a mix of synchronous and asynchronous failures keeps the order and the timing (marbles)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const late = cold('--#', undefined, new Error('late'));
      const works = cold('-x|');
      const errors = [new Error('s1'), new Error('late'), new Error('s2')];
      expectObservable(
        fallback(
          () => throwError(() => errors[0]),
          () => late,
          () => throwError(() => errors[2]),
          () => works,
        ),
      ).toBe('---x|');
      expectSubscriptions(late.subscriptions).toBe('^-!');
      expectSubscriptions(works.subscriptions).toBe('--^-!');
    });
  });

  it('unsubscribing during a synchronous run of failures stops it: no later attempt starts', () => {
    let started = 0;
    const attempts = Array.from({ length: 100 }, () => () => {
      started++;
      return throwError(() => new Error('x'));
    });
    const subscription = fallback(
      ...attempts.slice(0, 3),
      () => new Observable<never>(),
      ...attempts,
    ).subscribe();
    subscription.unsubscribe();
    expect(started).toBe(3);
  });
});
