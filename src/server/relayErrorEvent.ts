/**
 * The body of the relay's `event: error`: the error's tag and a message the relay wrote itself.
 *
 * @example
 * ```ts
 * const stopped: RelayErrorEvent = { _tag: 'StoppedError', message: 'The answer was stopped (DELETE).' };
 * ```
 */
export interface RelayErrorEvent {
  /** The error's class name (`HttpError`, `NetworkError`, … or the relay's own `StoppedError`). */
  readonly _tag: string;
  /** A message written by the relay: never the upstream's text, a header value or the key. */
  readonly message: string;
}

// One fixed sentence per tag: an upstream error's own message may quote its body, and the body may quote the key.
const MESSAGES: Readonly<Record<string, string>> = {
  NetworkError: 'The connection to the model server failed.',
  TimeoutError: 'The model server took too long to answer.',
  InvalidResponseError: 'The model server sent an answer that could not be read.',
  DecodeError: 'The model server sent an answer that could not be decoded.',
  ResponseTooLargeError: 'The answer was larger than allowed.',
  IncompleteResponseError: "The model server's answer was cut short.",
  RefusalError: 'The model refused to answer.',
  ContentFilterError: "The answer was stopped by the model server's content filter.",
  ToolCallsError: 'The model asked for tool calls, which this relay does not run.',
  UnexpectedFinishError: 'The model server ended the answer for an unexpected reason.',
  ReasoningOnlyError: 'The model answered with reasoning only, no text.',
  InvalidRequestError: 'The request was refused before it was sent to the model server.',
  UnsupportedModelError: 'The model is not supported.',
  FallbackError: 'Every model server failed.',
};

/**
 * The safe error event for a failure of `complete`'s Observable: the tag of an aivvm-rx error (`_tag`), else
 * `'Error'`, with the relay's own sentence for it. For an `HttpError` the status is kept (a number cannot leak).
 *
 * @example
 * ```ts
 * relayErrorEvent(new HttpError(…401…)); // { _tag: 'HttpError', message: 'The model server answered HTTP 401.' }
 * relayErrorEvent(new Error('sk-secret')); // { _tag: 'Error', message: 'The answer failed.' }
 * ```
 */
export function relayErrorEvent(error: unknown): RelayErrorEvent {
  const record = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const tag = typeof record['_tag'] === 'string' ? record['_tag'] : undefined;
  if (tag === 'HttpError') {
    const status = record['status'];
    const shown =
      typeof status === 'number' && Number.isInteger(status) ? ` HTTP ${status}` : ' with an error';
    return { _tag: tag, message: `The model server answered${shown}.` };
  }
  const message = tag === undefined ? undefined : MESSAGES[tag];
  return message === undefined || tag === undefined
    ? { _tag: 'Error', message: 'The answer failed.' }
    : { _tag: tag, message };
}
