import {
  throwError,
  timeout,
  type Observable,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import { TimeoutError } from '../errors';

/**
 * First-byte and idle deadlines over one attempt's byte stream (RxJS `timeout`, not axios': DESIGN.md says
 * why). On expiry the source is unsubscribed, which aborts the request and closes the socket.
 */
export function stageTimeouts(
  firstByte: number,
  idle: number,
  url: string,
  receivedBytes: () => number,
  scheduler: SchedulerLike,
): MonoTypeOperatorFunction<Uint8Array> {
  if (!Number.isFinite(firstByte) && !Number.isFinite(idle)) return (source) => source;
  return timeout<Uint8Array, Observable<never>>({
    ...(Number.isFinite(firstByte) ? { first: firstByte } : {}),
    ...(Number.isFinite(idle) ? { each: idle } : {}),
    with: ({ seen }) =>
      throwError(() =>
        seen === 0
          ? new TimeoutError('firstByte', firstByte, 0, url)
          : new TimeoutError('idle', idle, receivedBytes(), url),
      ),
    scheduler,
  });
}
