import { defer, retry, throwError, timer, type Observable, type SchedulerLike } from 'rxjs';
import { limitBytes, type ByteCount } from './limitBytes';
import type { Policy } from './policy';
import { isAivvmError } from '../../errors';
import { exceedsMaxDelay, retryDelay } from './retryDelay';
import { stageTimeouts } from './stageTimeouts';
import { totalDeadline } from './totalDeadline';

/** What {@link reliable} needs besides the attempt itself. */
export interface ReliableContext {
  readonly policy: Policy;
  readonly url: string;
  /** The request's HTTP method, for error messages; `POST` when left out. */
  readonly method?: 'GET' | 'POST' | 'DELETE';
  readonly scheduler: SchedulerLike;
  readonly random: () => number;
}

/**
 * Wraps a cold byte request with the reliability policy: a size limit, first-byte and idle deadlines per
 * attempt, retries only while no body byte has been delivered (so text is never sent twice) and only when
 * `policy.retry.when` says so (never sooner than a delay the server asked for, never when it asked for more
 * than `maxDelayMs`), and a total deadline over everything.
 */
export function reliable(attempt: Observable<Uint8Array>, context: ReliableContext): Observable<Uint8Array> {
  const { policy, url, scheduler } = context;
  const method = context.method ?? 'POST';
  return defer(() => {
    const delivered: ByteCount = { bytes: 0 };
    const received = (): number => delivered.bytes;
    return attempt.pipe(
      limitBytes(policy.maxResponseBytes, url, method, delivered),
      stageTimeouts(policy.timeout.firstByte, policy.timeout.idle, url, received, scheduler, method),
      retry({
        count: policy.retry.count,
        delay: (error: unknown, retryCount: number) =>
          delivered.bytes > 0 ||
          !isAivvmError(error) ||
          !policy.retry.when(error, retryCount) ||
          exceedsMaxDelay(error, policy.retry.maxDelayMs)
            ? throwError(() => error)
            : timer(retryDelay(error, retryCount, policy.retry, context.random), scheduler),
      }),
      totalDeadline(policy.timeout.total, url, received, scheduler, method),
    );
  });
}
