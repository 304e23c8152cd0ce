import { AivvmError } from './AivvmError';

/**
 * A reconnect to a relay stream was refused, so the rest of the answer cannot be read: `404` when the relay no
 * longer knows the stream (its TTL passed, the relay restarted, or the id is wrong), `403` when it refused the
 * stream's token. The events before it were delivered; send the question again for a new answer.
 *
 * @example
 * ```ts
 * relay.createCompletionEvents('gpt-4o', messages).subscribe({
 *   error: (e) => { if (e._tag === 'RelayStreamError' && e.status === 404) askAgain(); },
 * });
 * ```
 */
export class RelayStreamError extends AivvmError {
  declare readonly _tag: 'RelayStreamError';

  constructor(
    /** `404` (unknown or expired stream) or `403` (token refused). */
    readonly status: 404 | 403,
    /** The URL of the stream that was asked for. */
    readonly url: string,
    /** The id of the last event delivered before the connection broke (0 when none). */
    readonly lastEventId: number,
  ) {
    super(
      'RelayStreamError',
      status === 404
        ? `the relay no longer knows the stream ${url} (404: expired, or the relay restarted), so the answer ` +
            `cannot be resumed after event ${lastEventId} (the events up to it were delivered). Ask again, or ` +
            `raise the relay's ttlMs/graceMs if reconnects come late.`
        : `the relay refused the token of the stream ${url} (403), so the answer cannot be resumed after event ` +
            `${lastEventId} (the events up to it were delivered). Check the relay's authorize hook.`,
    );
  }
}
