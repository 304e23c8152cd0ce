import { HttpError, NetworkError, TimeoutError } from '../errors';
import type { Policy } from './policy';

const RETRYABLE_STATUS = new Set([408, 409, 429]);

/**
 * Whether a failure that happened before any body byte may be retried: a connection failure, 408, 409, 429,
 * 5xx, or a first-byte timeout. Everything else (4xx, bad responses, bad input) is final.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NetworkError) return error.receivedBytes === 0;
  if (error instanceof HttpError) return RETRYABLE_STATUS.has(error.status) || error.status >= 500;
  return error instanceof TimeoutError && error.stage === 'firstByte';
}

/**
 * The delay before retry number `retry` (1-based): the server's `Retry-After` when it sent one, otherwise
 * exponential backoff with jitter in [½, 1] of `baseDelayMs · 2^(retry-1)`; never more than `maxDelayMs`.
 */
export function retryDelay(
  error: unknown,
  retry: number,
  policy: Policy['retry'],
  random: () => number,
): number {
  if (error instanceof HttpError && error.retryAfterMs !== undefined) {
    return Math.min(error.retryAfterMs, policy.maxDelayMs);
  }
  const exponential = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(policy.maxDelayMs, exponential * (0.5 + random() / 2));
}
