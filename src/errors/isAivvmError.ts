import { AivvmError } from './AivvmError';
import type { AnyAivvmError } from './AnyAivvmError';
import { AIVVM_ERROR } from './errorMark';

/**
 * True when `value` is any aivvm-rx error, also one made by another copy of the package (its ESM build when you
 * `require` the CommonJS one, or a second install), where `instanceof` fails.
 *
 * @example
 * ```ts
 * isAivvmError(new TimeoutError('idle', 60_000, 12, 'http://127.0.0.1:8787/api/chat')); // true
 * isAivvmError(new Error('boom'));                                                    // false
 * ```
 */
export function isAivvmError(value: unknown): value is AnyAivvmError {
  return (
    value instanceof AivvmError ||
    (typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[AIVVM_ERROR] === true)
  );
}
