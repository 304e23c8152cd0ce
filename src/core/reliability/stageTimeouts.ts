import { Observable, type MonoTypeOperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import { TimeoutError } from '../../errors';

/**
 * First-byte and idle deadlines over one attempt's byte stream, in RxJS rather than axios (DESIGN.md says
 * why). On expiry the source is unsubscribed, which aborts the request and closes the socket.
 *
 * RxJS' `timeout({ each })` re-arms a timer on every value; at 100 000 token-sized chunks that churn is most of
 * our overhead. Here one timer runs at a time: when it fires it checks how long the stream has really been
 * quiet and, if a byte came meanwhile, re-arms for the time that is left.
 */
export function stageTimeouts(
  firstByte: number,
  idle: number,
  url: string,
  receivedBytes: () => number,
  scheduler: SchedulerLike,
  method: 'GET' | 'POST' | 'DELETE' = 'POST',
): MonoTypeOperatorFunction<Uint8Array> {
  const hasFirst = Number.isFinite(firstByte);
  const hasIdle = Number.isFinite(idle);
  if (!hasFirst && !hasIdle) return (source) => source;
  const keepFirst = hasFirst && hasIdle && idle >= firstByte;
  return (source) =>
    new Observable<Uint8Array>((subscriber) => {
      let seen = false;
      let lastAt = 0;
      let timer: Subscription | undefined;
      const expire = (): void => {
        if (!seen) return subscriber.error(new TimeoutError('firstByte', firstByte, 0, url, method));
        const quiet = scheduler.now() - lastAt;
        if (quiet >= idle)
          return subscriber.error(new TimeoutError('idle', idle, receivedBytes(), url, method));
        timer = scheduler.schedule(expire, idle - quiet);
      };
      if (hasFirst) timer = scheduler.schedule(expire, firstByte);
      const subscription = source.subscribe({
        next(chunk) {
          if (hasIdle) lastAt = scheduler.now();
          if (!seen) {
            seen = true;
            // The first-byte timer fires before the idle deadline can pass (lastAt ≥ subscribe time, idle ≥
            // firstByte): keep it, and `expire` re-arms for what is left. One timer per request instead of two.
            if (keepFirst) return subscriber.next(chunk);
            timer?.unsubscribe();
            timer = hasIdle ? scheduler.schedule(expire, idle) : undefined;
          }
          subscriber.next(chunk);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        timer?.unsubscribe();
        subscription.unsubscribe();
      };
    });
}
