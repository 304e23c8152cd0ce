import { Observable } from 'rxjs';

/** Everything an Observable said, in order: values, then how it ended. */
export interface Collected<T> {
  readonly values: T[];
  readonly error: unknown;
  readonly completed: boolean;
}

/** Subscribes and resolves once the Observable terminates (error included). */
export function collect<T>(source: Observable<T>): Promise<Collected<T>> {
  return new Promise((resolve) => {
    const values: T[] = [];
    source.subscribe({
      next: (v) => values.push(v),
      error: (error: unknown) => resolve({ values, error, completed: false }),
      complete: () => resolve({ values, error: undefined, completed: true }),
    });
  });
}
