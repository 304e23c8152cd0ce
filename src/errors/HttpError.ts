import { AivvmError } from './AivvmError';
import { capText } from './capText';

/** How much of a reason phrase {@link HttpError.message} shows (chatbot-ui puts whole upstream messages there). */
const MAX_REASON_CHARS = 500;

/**
 * The server answered with a non-success status. Aivvm servers put the useful message in the reason phrase.
 *
 * @example
 * ```ts
 * ai.createCompletion('gpt-4', messages, true).subscribe({
 *   error: (e) => { if (e instanceof HttpError) console.error(e.status, e.statusText); }, // 500 'Rate limit reached for …'
 * });
 * ```
 */
export class HttpError extends AivvmError {
  declare readonly _tag: 'HttpError';

  constructor(
    /** The HTTP status code (an Aivvm server answers every failure with `500`). */
    readonly status: number,
    /** The HTTP reason phrase, e.g. `Rate limit reached for …`. */
    readonly statusText: string,
    /** At most {@link MAX_ERROR_BODY_BYTES} bytes of the error body, decoded as UTF-8 (a cut ends on a whole character). */
    readonly body: string,
    /** The URL that answered. */
    readonly url: string,
    /** The server's `Retry-After`, in milliseconds from when the response arrived, when it sent one. */
    readonly retryAfterMs?: number,
    /** What a JSON error body said (OpenAI-compatible servers): its message, `type` and `code`, and the method. */
    details?: HttpErrorDetails,
  ) {
    // Status and reason phrase (or a JSON error body's own message) only: a server may echo the request
    // (secrets included) in its body, and the body is on `body` for whoever wants it.
    const where = `HTTP ${status} ${capText(statusText, MAX_REASON_CHARS)} from ${details?.method ?? 'POST'} ${url}`;
    const tags = [
      details?.code !== undefined && details.code !== '' && `code ${details.code}`,
      details?.type && `type ${details.type}`,
    ].filter(Boolean);
    super(
      'HttpError',
      details?.message !== undefined
        ? `${where}: ${capText(details.message, MAX_REASON_CHARS)}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`
        : `${where}.`,
    );
    this.code = details?.code;
    this.type = details?.type;
  }

  /**
   * The error `code` of an OpenAI-style error body or stream event (`invalid_api_key`, `rate_limit_exceeded`, …),
   * as sent: some servers send a number (`429`). `undefined` when there is none.
   */
  readonly code: string | number | undefined;
  /** The error `type` of an OpenAI-style error body (`invalid_request_error`, …), if any. */
  readonly type: string | undefined;
}

/** The optional parts of an {@link HttpError} read from a JSON error body. */
export interface HttpErrorDetails {
  /** The HTTP method of the failed request (the message says `POST` when it is left out). */
  readonly method?: string;
  /** The server's own message (already stripped of secrets). */
  readonly message?: string;
  /** The error body's `code`, e.g. `invalid_api_key`, or a number (`429`) as some servers send it. */
  readonly code?: string | number;
  /** The error body's `type`, e.g. `invalid_request_error`. */
  readonly type?: string;
}
