import { HttpError } from '../../errors';
import type { Policy } from './policy';

/**
 * The delay before retry number `retry` (1-based): the server's own delay when it stated one (`Retry-After`,
 * `retry-after-ms`, or "try again in 20s" in the reason phrase, all in {@link HttpError.retryAfterMs}),
 * otherwise exponential backoff with jitter in [½, 1] of `baseDelayMs · 2^(retry-1)`, at most `maxDelayMs`.
 * A server delay over `maxDelayMs` is not waited at all: {@link exceedsMaxDelay} ends the retries first.
 */
export function retryDelay(
  error: unknown,
  retry: number,
  policy: Pick<Policy['retry'], 'baseDelayMs' | 'maxDelayMs'>,
  random: () => number,
): number {
  if (error instanceof HttpError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, policy.maxDelayMs);
  }
  const exponential = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(policy.maxDelayMs, exponential * (0.5 + random() / 2));
}

/**
 * True when the server asked to wait longer than `maxDelayMs`: retrying sooner would only count against its
 * rate limit again, so the error goes to the caller at once, with `retryAfterMs` to decide on.
 */
export function exceedsMaxDelay(error: unknown, maxDelayMs: number): boolean {
  return error instanceof HttpError && error.retryAfterMs !== undefined && error.retryAfterMs > maxDelayMs;
}
