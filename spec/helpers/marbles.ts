import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';

/** A TestScheduler asserting with jest's deep equality (marble frames, values, subscriptions). */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** What a synchronous Observable emitted, and how it ended. Throws if it did not end synchronously. */
export interface SyncResult<T> {
  readonly values: T[];
  readonly error: unknown;
  readonly completed: boolean;
}

export function runSync<T>(source: Observable<T>): SyncResult<T> {
  const values: T[] = [];
  let error: unknown = undefined;
  let completed = false;
  let ended = false;
  source.subscribe({
    next: (value) => values.push(value),
    error: (err: unknown) => {
      error = err;
      ended = true;
    },
    complete: () => {
      completed = true;
      ended = true;
    },
  });
  if (!ended) throw new Error('runSync: the Observable did not end synchronously');
  return { values, error, completed };
}
