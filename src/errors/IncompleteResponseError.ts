import { AivvmError } from './AivvmError';

/**
 * A stream that ended without its end marker: no `data: [DONE]` and no `finish_reason`, so the answer was cut
 * (a proxy or server dropped it). The text that arrived was delivered before this error.
 *
 * @example
 * ```ts
 * ai.createCompletion('llama3.2', messages, true).subscribe({
 *   error: (e) => { if (e._tag === 'IncompleteResponseError') console.warn('answer cut after', e.receivedBytes); },
 * });
 * ```
 */
export class IncompleteResponseError extends AivvmError {
  declare readonly _tag: 'IncompleteResponseError';

  constructor(
    /** The URL that answered; `''` from `streamJson`, which reads text and does not know where it came from. */
    readonly url: string,
    /** Body bytes received (and their text delivered) before the stream ended; `0` from `streamJson` (see `offset`). */
    readonly receivedBytes: number,
    /** From `streamJson`: the message saying what the JSON text lacked, and how many characters had arrived. */
    json?: {
      /** The whole message. */
      readonly message: string;
      /** Characters (UTF-16 code units) of text received when it ended. */
      readonly offset: number;
    },
  ) {
    super(
      'IncompleteResponseError',
      json?.message ??
        `incomplete response: the stream from POST ${url} ended after ${receivedBytes} body bytes without ` +
          '`data: [DONE]` and without a finish_reason, so the answer was cut (the text up to there was delivered). ' +
          'Retry, or check for a proxy that closes long responses.',
    );
    this.offset = json?.offset;
  }

  /**
   * For JSON text read by `streamJson`: how many characters (UTF-16 code units) had arrived when the text ended
   * before the JSON value closed. `undefined` for a cut stream of a protocol.
   */
  readonly offset: number | undefined;
}
