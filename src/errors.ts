/**
 * The whole aivvm-rx error hierarchy. Every error is an {@link AivvmError} with a `_tag` equal to its class
 * name, so callers can `switch (err._tag)` without `instanceof` (which breaks across duplicated bundles).
 *
 * Messages read like a compiler's: what was wrong, where, what was expected, what to do. They never contain
 * request headers or the payload's `key` field.
 *
 * @packageDocumentation
 */

/** One problem found while validating a value: where it is, what was expected and what was there. */
export interface ValidationIssue {
  /** Path of the bad value, e.g. `messages[1].role`. */
  readonly path: string;
  /** What was expected, e.g. `"system" | "user" | "assistant"`. */
  readonly expected: string;
  /** The value found, rendered short and safe for a message (strings quoted and truncated). */
  readonly actual: string;
}

/**
 * Base class of every error aivvm-rx emits.
 *
 * @example
 * ```ts
 * completion$.subscribe({ error: (e) => { if (isAivvmError(e)) console.error(e._tag, e.message); } });
 * ```
 */
export abstract class AivvmError extends Error {
  /** The concrete class name, usable as a discriminant. */
  abstract readonly _tag: string;

  protected constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** True when `value` is any aivvm-rx error. */
export function isAivvmError(value: unknown): value is AnyAivvmError {
  return value instanceof AivvmError;
}

/** A model id that is not in the model table. */
export class UnsupportedModelError extends AivvmError {
  readonly _tag = 'UnsupportedModelError' as const;

  constructor(
    /** The id that was asked for. */
    readonly model: string,
    /** The ids that are supported. */
    readonly supported: readonly string[],
  ) {
    super(
      `model: expected one of ${supported.map((id) => `"${id}"`).join(', ')}, got ${renderValue(model)}. ` +
        'Pass one of these ids, or omit the model to use the default.',
    );
  }
}

/** Arguments that do not satisfy the public API's contract; `issues` lists every problem found. */
export class InvalidRequestError extends AivvmError {
  readonly _tag = 'InvalidRequestError' as const;

  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`${formatIssues('invalid request', issues)}\nNothing was sent: fix the arguments above.`);
  }
}

/** The server answered with a non-success status. Aivvm servers put the useful message in the reason phrase. */
export class HttpError extends AivvmError {
  readonly _tag = 'HttpError' as const;

  constructor(
    readonly status: number,
    /** The HTTP reason phrase, e.g. `Rate limit reached for …`. */
    readonly statusText: string,
    /** At most {@link MAX_ERROR_BODY_BYTES} bytes of the error body, decoded as UTF-8. */
    readonly body: string,
    /** The URL that answered. */
    readonly url: string,
    /** The server's `Retry-After`, in milliseconds from when the response arrived, when it sent one. */
    readonly retryAfterMs?: number,
    /** What a JSON error body said (OpenAI-compatible servers): its message, `type` and `code`, and the method. */
    details?: HttpErrorDetails,
  ) {
    const where = `HTTP ${status} ${statusText} from ${details?.method ?? 'POST'} ${url}`;
    const tags = [details?.code && `code ${details.code}`, details?.type && `type ${details.type}`].filter(
      Boolean,
    );
    const detail =
      body.trim() && body.trim() !== statusText ? ` Body: ${renderValue(body.trim(), 200)}.` : '';
    super(
      details?.message !== undefined
        ? `${where}: ${details.message}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`
        : `${where}.${detail}`,
    );
    this.code = details?.code;
    this.type = details?.type;
  }

  /** The error `code` of an OpenAI-style error body (`invalid_api_key`, `rate_limit_exceeded`, …), if any. */
  readonly code: string | undefined;
  /** The error `type` of an OpenAI-style error body (`invalid_request_error`, …), if any. */
  readonly type: string | undefined;
}

/** The optional parts of an {@link HttpError} read from a JSON error body. */
export interface HttpErrorDetails {
  readonly method?: string;
  /** The server's own message (already stripped of secrets). */
  readonly message?: string;
  readonly code?: string;
  readonly type?: string;
}

/** The connection failed: refused, reset, or closed before the response ended. */
export class NetworkError extends AivvmError {
  readonly _tag = 'NetworkError' as const;

  constructor(
    message: string,
    /** The system error code when there is one (`ECONNREFUSED`, `ECONNRESET`, …). */
    readonly code: string | undefined,
    /** Body bytes received before the failure; text up to them was already delivered. */
    readonly receivedBytes: number,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}

/** The server's answer does not have the expected shape (bad JSON, wrong content type, …). */
export class InvalidResponseError extends AivvmError {
  readonly _tag = 'InvalidResponseError' as const;

  constructor(
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
  ) {
    super(issues.length > 0 ? formatIssues(message, issues) : message);
  }
}

/** Bytes that are not valid UTF-8, met by `decodeText({ fallback: 'fatal' })`. */
export class DecodeError extends AivvmError {
  readonly _tag = 'DecodeError' as const;

  constructor(
    /** Offset of the first invalid byte, counted from the start of the stream. */
    readonly offset: number,
    /** The invalid byte. */
    readonly byte: number,
  ) {
    super(
      `invalid UTF-8 at byte offset ${offset}: unexpected byte 0x${byte.toString(16).padStart(2, '0')}. ` +
        "Use decodeText({ fallback: 'replacement' }) or 'unicode-escape' to tolerate invalid bytes.",
    );
  }
}

/** Which deadline a {@link TimeoutError} missed. */
export type TimeoutStage = 'firstByte' | 'idle' | 'total';

/** A deadline passed: before the first body byte, between body bytes, or for the whole completion. */
export class TimeoutError extends AivvmError {
  readonly _tag = 'TimeoutError' as const;

  constructor(
    readonly stage: TimeoutStage,
    /** The deadline that passed, in milliseconds. */
    readonly timeoutMs: number,
    /** Body bytes received (and delivered) before the deadline. */
    readonly receivedBytes: number,
    /** The URL requested. */
    readonly url: string,
  ) {
    const what =
      stage === 'firstByte'
        ? 'no body byte arrived'
        : stage === 'idle'
          ? `no further byte arrived after ${receivedBytes} body bytes`
          : `the completion did not finish (${receivedBytes} body bytes received)`;
    super(
      `timeout (${stage}): ${what} within ${timeoutMs} ms from POST ${url}; the request was aborted. ` +
        `Raise timeout.${stage} if the server is just slow.`,
    );
  }
}

/** The response grew past `maxResponseBytes`; the bytes up to the limit were delivered. */
export class ResponseTooLargeError extends AivvmError {
  readonly _tag = 'ResponseTooLargeError' as const;

  constructor(
    readonly limit: number,
    readonly url: string,
  ) {
    super(
      `response too large: POST ${url} sent more than maxResponseBytes = ${limit} bytes; the connection was closed. ` +
        'Raise maxResponseBytes if such answers are expected.',
    );
  }
}

/** Every concrete error class, for exhaustive `switch (err._tag)`. */
export type AnyAivvmError =
  | UnsupportedModelError
  | InvalidRequestError
  | HttpError
  | NetworkError
  | InvalidResponseError
  | DecodeError
  | TimeoutError
  | ResponseTooLargeError
  | IncompleteResponseError
  | FallbackError;

/** How much of an error body is kept on {@link HttpError.body}. */
export const MAX_ERROR_BODY_BYTES = 4096;

/** Renders a value for an error message: short, single-line, strings quoted. */
export function renderValue(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (typeof value === 'number' || typeof value === 'boolean' || value == null) text = String(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else if (typeof value === 'function') text = 'a function';
  else if (Array.isArray(value)) text = `an array of ${value.length}`;
  else text = 'an object';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function formatIssues(title: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((i) => `  ${i.path}: expected ${i.expected}, got ${i.actual}`);
  return `${title}:\n${lines.join('\n')}`;
}

/** Where a transport failure happened, for {@link fromTransportFailure}. */
export interface FailureContext {
  /** The URL requested. */
  readonly url: string;
  /** Body bytes received (and delivered) before the failure. */
  readonly receivedBytes: number;
}

/**
 * The one factory that maps whatever a transport throws (axios errors, Node system errors, fetch's
 * `TypeError('terminated')`, a socket closed without an end) to an {@link AivvmError}. AivvmErrors pass
 * through unchanged. The original error is kept as `cause` stripped to its name, message and code, because
 * axios errors carry the request config (headers, payload) and must not leak into logs.
 */
export function fromTransportFailure(error: unknown, context: FailureContext): AivvmError {
  if (error instanceof AivvmError) return error;
  const { message, code } = describe(error);
  const where =
    context.receivedBytes > 0
      ? `the connection to ${context.url} broke after ${context.receivedBytes} body bytes (the text up to them was delivered)`
      : `POST ${context.url} failed`;
  const hint =
    code === 'ERR_NETWORK'
      ? // Browsers report a CORS refusal exactly like a refused connection.
        ' Is the server running, is baseURL right, and does the server allow this origin (CORS)?'
      : code !== undefined && CONNECT_CODES.has(code)
        ? ' Is the server running, and is baseURL right?'
        : '';
  return new NetworkError(
    `${where}: ${message}${code !== undefined ? ` (${code})` : ''}.${hint}`,
    code,
    context.receivedBytes,
    sanitized(error, message, code),
  );
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function describe(error: unknown): { message: string; code: string | undefined } {
  // Wrappers (axios' 'Network Error', fetch's 'fetch failed') hide the system error in their cause chain:
  // report the innermost code, and every distinct message on the way down.
  const messages: string[] = [];
  let code: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.message === 'string' && e.message !== '' && !messages.includes(e.message))
      messages.push(e.message);
    if (typeof e.code === 'string') code = e.code;
    current = e.cause;
  }
  return { message: messages.length > 0 ? messages.join(': ') : String(error), code };
}

function sanitized(error: unknown, message: string, code: string | undefined): Error {
  const copy = new Error(message);
  copy.name = error instanceof Error ? error.name : 'Error';
  if (code !== undefined) (copy as Error & { code?: string }).code = code;
  return copy;
}

// ── Streaming protocols and fallback (OpenAI-compatible SSE, `fallback`) ──────────────────────────────────────

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
  readonly _tag = 'IncompleteResponseError' as const;

  constructor(
    /** The URL that answered. */
    readonly url: string,
    /** Body bytes received (and their text delivered) before the stream ended. */
    readonly receivedBytes: number,
  ) {
    super(
      `incomplete response: the stream from POST ${url} ended after ${receivedBytes} body bytes without ` +
        '`data: [DONE]` and without a finish_reason, so the answer was cut (the text up to there was delivered). ' +
        'Retry, or check for a proxy that closes long responses.',
    );
  }
}

/**
 * Every attempt of `fallback(...)` failed before emitting anything; `errors` holds their errors, in order.
 *
 * @example
 * ```ts
 * fallback(() => a$, () => b$).subscribe({ error: (e) => e instanceof FallbackError && console.log(e.errors) });
 * ```
 */
export class FallbackError extends AivvmError {
  readonly _tag = 'FallbackError' as const;

  constructor(readonly errors: readonly unknown[]) {
    const lines = errors.map((error, i) => {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : renderValue(error);
      return `  ${i + 1}. ${text.split('\n')[0] ?? ''}`;
    });
    super(
      errors.length === 0
        ? 'fallback: no attempts were given. Pass at least one () => Observable.'
        : `fallback: all ${errors.length} attempts failed before emitting anything:\n${lines.join('\n')}`,
    );
  }
}
