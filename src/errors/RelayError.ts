import { AivvmError } from './AivvmError';

/**
 * The relay ended the answer with an error event (`event: error`, data `{ _tag, message }`): the model server
 * failed, a limit was hit, or the answer was stopped. `remoteTag` is the relay's tag for it (e.g. `'HttpError'`,
 * `'TimeoutError'`); the message is the relay's own, which never quotes the model server, a key or a header.
 * The events before it were delivered.
 *
 * @example
 * ```ts
 * relay.createCompletion('gpt-4o', messages, true).subscribe({
 *   error: (e) => { if (e._tag === 'RelayError') console.error(e.remoteTag, e.message); },
 * });
 * ```
 */
export class RelayError extends AivvmError {
  declare readonly _tag: 'RelayError';

  constructor(
    /** The `_tag` of the relay's error event: what kind of failure ended the answer on the relay's side. */
    readonly remoteTag: string,
    /** The relay's message, as sent. */
    readonly remoteMessage: string,
    /** The relay's URL (its stream's). */
    readonly url: string,
    /** The id of the last event delivered before the error (0 when none). */
    readonly lastEventId: number,
  ) {
    super(
      'RelayError',
      `the relay at ${url} ended the answer with ${remoteTag}: ${remoteMessage} ` +
        `(after ${lastEventId} events, all delivered).`,
    );
  }
}
