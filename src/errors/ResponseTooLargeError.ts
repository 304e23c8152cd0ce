import { AivvmError } from './AivvmError';

/**
 * The response grew past `maxResponseBytes`; the bytes up to the limit were delivered.
 *
 * @example
 * ```ts
 * createAivvm({ baseURL, maxResponseBytes: 1_000_000 }).createCompletion('gpt-4', messages, true).subscribe({
 *   error: (e) => { if (e instanceof ResponseTooLargeError) console.error(`answer longer than ${e.limit} bytes`); },
 * });
 * ```
 */
export class ResponseTooLargeError extends AivvmError {
  declare readonly _tag: 'ResponseTooLargeError';

  constructor(
    /** The `maxResponseBytes` that was exceeded. */
    readonly limit: number,
    /** The URL requested. */
    readonly url: string,
    /** The HTTP method of the request (`GET` for `listModels` of an OpenAI-compatible server). */
    readonly method: 'GET' | 'POST' | 'DELETE' = 'POST',
  ) {
    super(
      'ResponseTooLargeError',
      `response too large: ${method} ${url} sent more than maxResponseBytes = ${limit} bytes; the connection was closed. ` +
        'Raise maxResponseBytes if such answers are expected.',
    );
  }
}
