import { Observable, type MonoTypeOperatorFunction, type SchedulerLike } from 'rxjs';
import { TimeoutError } from '../../errors';

/**
 * Errors with a `TimeoutError('total')` if the source has not terminated `ms` after subscribe. Unlike `raceWith`,
 * values do not cancel the deadline; the error unsubscribes the source (aborting the request).
 */
export function totalDeadline<T>(
  ms: number,
  url: string,
  receivedBytes: () => number,
  scheduler: SchedulerLike,
  method: 'GET' | 'POST' | 'DELETE' = 'POST',
): MonoTypeOperatorFunction<T> {
  if (!Number.isFinite(ms)) return (source) => source;
  return (source) =>
    new Observable<T>((subscriber) => {
      const timer = scheduler.schedule(
        () => subscriber.error(new TimeoutError('total', ms, receivedBytes(), url, method)),
        ms,
      );
      const subscription = source.subscribe(subscriber);
      return () => {
        timer.unsubscribe();
        subscription.unsubscribe();
      };
    });
}
