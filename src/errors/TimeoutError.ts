import { AivvmError } from './AivvmError';

/** Which deadline a {@link TimeoutError} missed. */
export type TimeoutStage = 'firstByte' | 'idle' | 'total';

/**
 * A deadline passed: before the first body byte, between body bytes, or for the whole completion.
 *
 * @example
 * ```ts
 * createAivvm({ baseURL, timeout: { idle: 10_000 } }).createCompletion('gpt-4', messages, true).subscribe({
 *   error: (e) => { if (e instanceof TimeoutError) console.error(`${e.stage} after ${e.receivedBytes} bytes`); },
 * });
 * ```
 */
export class TimeoutError extends AivvmError {
  declare readonly _tag: 'TimeoutError';

  constructor(
    /** Which deadline passed: `firstByte`, `idle` or `total`. */
    readonly stage: TimeoutStage,
    /** The deadline that passed, in milliseconds. */
    readonly timeoutMs: number,
    /** Body bytes received (and delivered) before the deadline. */
    readonly receivedBytes: number,
    /** The URL requested. */
    readonly url: string,
    /** The HTTP method of the request (`GET` for `listModels` of an OpenAI-compatible server). */
    readonly method: 'GET' | 'POST' | 'DELETE' = 'POST',
  ) {
    const what =
      stage === 'firstByte'
        ? 'no body byte arrived'
        : stage === 'idle'
          ? `no further byte arrived after ${receivedBytes} body bytes`
          : `the completion did not finish (${receivedBytes} body bytes received)`;
    super(
      'TimeoutError',
      `timeout (${stage}): ${what} within ${timeoutMs} ms from ${method} ${url}; the request was aborted. ` +
        `Raise timeout.${stage} if the server is just slow.`,
    );
  }
}
