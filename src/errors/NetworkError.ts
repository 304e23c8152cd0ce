import { AivvmError } from './AivvmError';

/**
 * The connection failed: refused, reset, or closed before the response ended.
 *
 * @example
 * ```ts
 * createAivvm({ baseURL: 'http://127.0.0.1:1' }).createCompletion('gpt-4', messages, true).subscribe({
 *   error: (e) => { if (e instanceof NetworkError) console.error(e.code); }, // 'ECONNREFUSED'
 * });
 * ```
 */
export class NetworkError extends AivvmError {
  declare readonly _tag: 'NetworkError';

  constructor(
    message: string,
    /** The system error code when there is one (`ECONNREFUSED`, `ECONNRESET`, …). */
    readonly code: string | undefined,
    /** Body bytes received before the failure; text up to them was already delivered. */
    readonly receivedBytes: number,
    cause?: unknown,
  ) {
    super('NetworkError', message, { cause });
  }
}
