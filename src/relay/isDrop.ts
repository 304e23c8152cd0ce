import { isAivvmError } from '../errors';

/**
 * A broken connection worth resuming: the network, a stalled stream (a first-byte or idle timeout), or a relay
 * (or a proxy before it) saying "later" (5xx, 408, 429). Anything else ends the answer.
 *
 * @example
 * ```ts
 * isDrop(new NetworkError('socket hang up', 'ECONNRESET', 120)); // true
 * ```
 */
export function isDrop(error: unknown): boolean {
  if (!isAivvmError(error)) return false;
  switch (error._tag) {
    case 'NetworkError':
      return true;
    case 'TimeoutError':
      return error.stage !== 'total';
    case 'HttpError':
      return error.status >= 500 || error.status === 408 || error.status === 429;
    default:
      return false;
  }
}
