/**
 * The whole aivvm-rx error hierarchy. Every error is an {@link AivvmError} with a `_tag` equal to its class
 * name, so callers can `switch (err._tag)` without `instanceof` (which breaks across duplicated bundles).
 *
 * Messages read like a compiler's: what was wrong, where, what was expected, what to do. They never contain
 * request headers or the payload's `key` field.
 *
 * @packageDocumentation
 */

import type { ContextBudgetError } from './conversation/ContextBudgetError';
import type { ToolCallEvent } from './protocols/openai/types';
import type { RelayError } from './relay/RelayError';
import type { RelayStreamError } from './relay/RelayStreamError';

/** One problem found while validating a value: where it is, what was expected and what was there. */
export interface ValidationIssue {
  /** Path of the bad value, e.g. `messages[1].role`. */
  readonly path: string;
  /** What was expected, e.g. `"system" | "user" | "assistant"`. */
  readonly expected: string;
  /** The value found, rendered short and safe for a message (strings quoted and truncated). */
  readonly actual: string;
}

/** The mark every aivvm-rx error carries, shared across copies of the package (`Symbol.for`). */
const AIVVM_ERROR: unique symbol = /*#__PURE__*/ Symbol.for('aivvm-rx.error') as never;

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
  declare readonly _tag: string;

  /**
   * Bytes of an incomplete UTF-8 character that `decodeText` held when this error ended the stream, and
   * dropped instead of emitting: the delivered text ends on the last whole character. 0 when none were held.
   */
  declare readonly danglingBytes: number;

  /** @param tag - the concrete class's name: its `_tag` and `name`. */
  protected constructor(tag: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Set here rather than by field initializers: the CommonJS build (tsup's splitting runs sucrase) turns a class
    // with initializers into an anonymous `_class4`, which `name` and stack traces would then show. And `name` from
    // the tag, not from the class, survives a consumer's minifier.
    this._tag = tag;
    this.danglingBytes = 0;
    this.name = tag;
    // A mark that survives the dual-package hazard: the ESM and CommonJS builds each have their own classes, so an
    // error from one fails `instanceof` against the other; isAivvmError reads this mark instead.
    Object.defineProperty(this, AIVVM_ERROR, { value: true });
  }
}

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

/**
 * A model id that is not in the model table.
 *
 * @example
 * ```ts
 * const checked = validateRequest('gpt-5', [{ role: 'user', content: 'Hi' }], true);
 * if (isLeft(checked) && checked.left instanceof UnsupportedModelError) checked.left.supported; // ['gpt-3.5-turbo', …]
 * ```
 */
export class UnsupportedModelError extends AivvmError {
  declare readonly _tag: 'UnsupportedModelError';

  constructor(
    /** The id that was asked for. */
    readonly model: string,
    /** The ids that are supported. */
    readonly supported: readonly string[],
  ) {
    super(
      'UnsupportedModelError',
      `model: expected one of ${supported.map((id) => `"${id}"`).join(', ')}, got ${renderModelId(model)}. ` +
        'Pass one of these ids, or omit the model to use the default.',
    );
  }
}

/**
 * Arguments that do not satisfy the public API's contract. `issues` lists the problems found (at most
 * {@link MAX_KEPT_ISSUES}; `omittedIssues` counts the others); the message shows the first
 * {@link MAX_LISTED_ISSUES} and counts the rest.
 *
 * @example
 * ```ts
 * const checked = validateRequest('gpt-4', [{ role: 'robot', content: 'Hi' }], true);
 * if (isLeft(checked) && checked.left instanceof InvalidRequestError) checked.left.issues[0]?.path; // 'messages[0].role'
 * ```
 */
export class InvalidRequestError extends AivvmError {
  declare readonly _tag: 'InvalidRequestError';

  constructor(
    /** The problems found, each with its path, what was expected and what was given. */
    readonly issues: readonly ValidationIssue[],
    /** Problems found but not kept in `issues` (100 000 bad messages make 100 000 problems). */
    readonly omittedIssues = 0,
  ) {
    super(
      'InvalidRequestError',
      `${formatIssues('invalid request', issues, omittedIssues)}\nNothing was sent: fix the arguments above.`,
    );
  }
}

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

/** How much of a reason phrase {@link HttpError.message} shows (chatbot-ui puts whole upstream messages there). */
const MAX_REASON_CHARS = 500;

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

/**
 * The server's answer does not have the expected shape (bad JSON, wrong content type, …).
 *
 * @example
 * ```ts
 * ai.listModels().subscribe({
 *   error: (e) => { if (e instanceof InvalidResponseError) console.error(e.issues.map((issue) => issue.path)); },
 * });
 * ```
 */
export class InvalidResponseError extends AivvmError {
  declare readonly _tag: 'InvalidResponseError';

  constructor(
    message: string,
    /** What in the response did not match, one issue per wrong field (empty when the whole body was unusable). */
    readonly issues: readonly ValidationIssue[] = [],
    offset?: number,
  ) {
    super('InvalidResponseError', issues.length > 0 ? formatIssues(message, issues) : message);
    this.offset = offset;
  }

  /**
   * For JSON text read by `streamJson`: the character (UTF-16 code unit) offset, from the start of the text, of
   * the character that is not JSON. `undefined` for other responses, and for JSON that parsed but does not match
   * its codec (the issues' paths say where).
   */
  readonly offset: number | undefined;
}

/**
 * Bytes that are not valid UTF-8, met by `decodeText({ fallback: 'fatal' })`.
 *
 * @example
 * ```ts
 * of(new Uint8Array([0x48, 0xff])).pipe(decodeText({ fallback: 'fatal' })).subscribe({
 *   next: (text) => console.log(text),                   // 'H'
 *   error: (e: DecodeError) => console.error(e.offset, e.byte), // 1 255
 * });
 * ```
 */
export class DecodeError extends AivvmError {
  declare readonly _tag: 'DecodeError';

  constructor(
    /** Offset of the first invalid byte, counted from the start of the stream. */
    readonly offset: number,
    /** The invalid byte. */
    readonly byte: number,
  ) {
    super(
      'DecodeError',
      `invalid UTF-8 at byte offset ${offset}: unexpected byte 0x${byte.toString(16).padStart(2, '0')}. ` +
        "Use decodeText({ fallback: 'replacement' }) or 'unicode-escape' to tolerate invalid bytes.",
    );
  }
}

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
  | FallbackError
  | ContextBudgetError
  | RefusalError
  | ContentFilterError
  | ToolCallsError
  | UnexpectedFinishError
  | RelayError
  | RelayStreamError;

/** How much of an error body is kept on {@link HttpError.body}. */
export const MAX_ERROR_BODY_BYTES = 4096;

/** How many issues an error message lists; the rest are counted. */
export const MAX_LISTED_ISSUES = 10;

/** How many issues an {@link InvalidRequestError} keeps in `issues`; the rest are counted in `omittedIssues`. */
export const MAX_KEPT_ISSUES = 100;

/**
 * Renders a value for an error message: short, single-line, strings quoted and cut at `max` characters, other
 * values described by {@link describeValue}. Never throws. Use it only for values that cannot be secret (a
 * server's reason phrase, a model id); message content goes through {@link describeValue}.
 *
 * @example
 * ```ts
 * renderValue('gpt-5'); // '"gpt-5"'
 * renderValue([1, 2]);  // 'an array of 2 items'
 * ```
 */
export function renderValue(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, max)) : describeValue(value);
  return capText(text, max);
}

/**
 * Describes a value by its type and size, never by its content: `a string of 1 048 577 characters`,
 * `an array of 3 items`, `a Date`, `an instance of Foo`; numbers, booleans, `null` and `undefined` as
 * themselves. For error messages about values that may be secret (message content, system message, headers).
 * Never throws, not even for a hostile Proxy.
 *
 * @example
 * ```ts
 * describeValue('sk-SECRET'); // 'a string of 9 characters'
 * describeValue(42);          // '42'
 * ```
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return value.length === 0 ? 'an empty string' : `a string of ${plural(value.length, 'character')}`;
      case 'number':
      case 'boolean':
      case 'undefined':
        return String(value);
      case 'bigint':
        return capText(`${value}n`, 40);
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
    }
    if (value === null) return 'null';
    if (Array.isArray(value)) return `an array of ${plural(value.length, 'item')}`;
    if (value instanceof Date) return 'a Date';
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null || Object.getPrototypeOf(proto) === null) return 'an object';
    const name: unknown = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,40}$/.test(name)
      ? `an instance of ${name}`
      : 'an object';
  } catch {
    return 'a value that cannot be read';
  }
}

/**
 * Renders a string that is harmless to show (a role, a model id, a transport name) only when it looks like
 * one: a short identifier. Anything else, secrets pasted in the wrong place included, is described instead.
 *
 * @example
 * ```ts
 * renderIdentifier('robot');            // '"robot"'
 * renderIdentifier('my secret prompt'); // 'a string of 16 characters'
 * ```
 */
export function renderIdentifier(value: unknown): string {
  return typeof value === 'string' && /^[\w.:/@+-]{1,64}$/.test(value)
    ? JSON.stringify(value)
    : describeValue(value);
}

/**
 * Renders a model id as asked for: shown (quoted, capped) when it is one word, stray spaces around it included,
 * so `" gpt-4"` reads as the typo it is; described when it looks like a sentence (a prompt in the wrong place).
 *
 * @example
 * ```ts
 * renderModelId(' gpt-4');                  // '" gpt-4"'
 * renderModelId('You are a helpful pirate'); // 'a string of 24 characters'
 * ```
 */
export function renderModelId(value: unknown): string {
  return typeof value === 'string' && /^\s*\S{1,60}\s*$/.test(value) && value.length <= 64
    ? renderValue(value, 70)
    : describeValue(value);
}

function plural(n: number, unit: string): string {
  return `${groupDigits(n)} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * `10 000`: digits in groups of three, as every count in messages is written.
 *
 * @internal
 */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function capText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The first {@link MAX_LISTED_ISSUES} issues, one line each with every part capped, then a count of the rest. */
function formatIssues(title: string, issues: readonly ValidationIssue[], omitted = 0): string {
  const lines = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map(
      (i) => `  ${capText(i.path, 120)}: expected ${capText(i.expected, 400)}, got ${capText(i.actual, 80)}`,
    );
  const more = issues.length - lines.length + omitted;
  if (more > 0) lines.push(`  … and ${plural(more, 'more issue')}`);
  return `${title}:\n${lines.join('\n')}`;
}

/** Where a transport failure happened, for {@link fromTransportFailure}. */
export interface FailureContext {
  /** The URL requested. */
  readonly url: string;
  /** Body bytes received (and delivered) before the failure. */
  readonly receivedBytes: number;
  /** The HTTP method of the request; `POST` when left out. */
  readonly method?: 'GET' | 'POST' | 'DELETE';
}

/**
 * The one factory that maps whatever a transport throws (axios errors, Node system errors, fetch's
 * `TypeError('terminated')`, a socket closed without an end) to an {@link AivvmError}. AivvmErrors pass
 * through unchanged. The original error is kept as `cause` stripped to its name, message and code, because
 * axios errors carry the request config (headers, payload) and must not leak into logs.
 *
 * @example
 * ```ts
 * const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
 * fromTransportFailure(refused, { url: 'http://127.0.0.1:1/api/chat', receivedBytes: 0 }).message;
 * // 'POST http://127.0.0.1:1/api/chat failed: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED). Is the server running, …'
 * ```
 */
export function fromTransportFailure(error: unknown, context: FailureContext): AivvmError {
  if (error instanceof AivvmError) return error;
  const { message, code } = describe(error);
  const where =
    context.receivedBytes > 0
      ? `the connection to ${context.url} broke after ${context.receivedBytes} body bytes (the text up to them was delivered)`
      : `${context.method ?? 'POST'} ${context.url} failed`;
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

const CONNECT_CODES = /*#__PURE__*/ new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

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

/**
 * Every attempt of `fallback(...)` failed before emitting anything; `errors` holds their errors, in order.
 *
 * @example
 * ```ts
 * fallback(() => a$, () => b$).subscribe({ error: (e) => e instanceof FallbackError && console.log(e.errors) });
 * ```
 */
export class FallbackError extends AivvmError {
  declare readonly _tag: 'FallbackError';

  constructor(
    /** Each attempt's error, in the order the attempts ran. */
    readonly errors: readonly unknown[],
  ) {
    // The first few, one line each; the rest counted (10 000 attempts must not make a 10 000-line message).
    const lines = errors.slice(0, MAX_LISTED_ISSUES).map((error, i) => {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : renderValue(error);
      return `  ${i + 1}. ${capText(text.split('\n')[0] ?? '', 400)}`;
    });
    if (errors.length > lines.length) lines.push(`  … and ${groupDigits(errors.length - lines.length)} more`);
    super(
      'FallbackError',
      errors.length === 0
        ? 'fallback: no attempts were given. Pass at least one () => Observable.'
        : `fallback: all ${plural(errors.length, 'attempt')} failed before emitting anything:\n${lines.join('\n')}`,
    );
  }
}

// ── Answers that are not text (OpenAI-compatible `createCompletion`) ─────────────────────────────────────────

/** How much of a refusal {@link RefusalError.message} quotes (the whole text is on `refusal`). */
const MAX_QUOTED_REFUSAL = 300;

/** `finish_reason "stop"`, or `no finish_reason` for `null`. */
function finishPhrase(reason: string | null): string {
  return reason === null ? 'no finish_reason' : `finish_reason ${renderValue(reason, 80)}`;
}

/** `, after the 12 characters of text delivered`, or nothing when no text arrived. */
function afterText(text: string): string {
  return text === '' ? '' : `, after the ${plural(text.length, 'character')} of text delivered`;
}

/**
 * The model refused (OpenAI's `delta.refusal` / `message.refusal`): the answer is a refusal, not text, so
 * `createCompletion` ends with this error instead of completing with `''`. Text that arrived before it was
 * delivered first; `createCompletionEvents` gives the refusal as `refusal` events instead.
 *
 * @example
 * ```ts
 * ai.createCompletion('gpt-4o', messages, true).subscribe({
 *   error: (e) => { if (e instanceof RefusalError) showRefusal(e.refusal); }, // "I'm sorry, I can't help with that."
 * });
 * ```
 */
export class RefusalError extends AivvmError {
  declare readonly _tag: 'RefusalError';

  constructor(
    /** The whole refusal text the model sent. */
    readonly refusal: string,
    /** The answer's `finish_reason` (`'stop'` on OpenAI), or `null` when there was none. */
    readonly reason: string | null,
    /** The answer text that arrived (and was delivered) before, usually `''`. */
    readonly text: string,
  ) {
    super(
      'RefusalError',
      `the model refused to answer (${finishPhrase(reason)}${afterText(text)}): ${capText(JSON.stringify(refusal), MAX_QUOTED_REFUSAL)}. ` +
        'Read refusals as events with createCompletionEvents, or rephrase the request.',
    );
  }
}

/**
 * The answer was stopped by a content filter (`finish_reason` `content_filter`, or a Gemini gateway's `SAFETY`,
 * `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `IMAGE_SAFETY`): `createCompletion` ends with this error
 * instead of completing as if the answer were whole. Text that arrived before it was delivered first.
 *
 * @example
 * ```ts
 * ai.createCompletion('gpt-4o', messages, true).subscribe({
 *   error: (e) => { if (e instanceof ContentFilterError) console.warn(`filtered (${e.reason}) after`, e.text); },
 * });
 * ```
 */
export class ContentFilterError extends AivvmError {
  declare readonly _tag: 'ContentFilterError';

  constructor(
    /** The `finish_reason` as sent, e.g. `'content_filter'`. */
    readonly reason: string,
    /** The answer text that arrived (and was delivered) before the filter stopped it. */
    readonly text: string,
  ) {
    super(
      'ContentFilterError',
      `the answer was stopped by a content filter (${finishPhrase(reason)}${afterText(text)}), so it is not whole. ` +
        "Rephrase the request, or check the server's content filter settings.",
    );
  }
}

/**
 * The answer is tool calls, which a text answer cannot carry: `createCompletion` delivers the text that came
 * with them (often none), then ends with this error, which holds the calls. Use `createCompletionEvents` to
 * receive tool calls as events.
 *
 * @example
 * ```ts
 * ai.createCompletion('llama3.2', messages, true).subscribe({
 *   error: (e) => { if (e instanceof ToolCallsError) console.log(e.calls.map((c) => `${c.name}(${c.arguments})`)); },
 * });
 * ```
 */
export class ToolCallsError extends AivvmError {
  declare readonly _tag: 'ToolCallsError';

  constructor(
    /** The whole calls, as `tool-call` events give them (raw JSON `arguments`). */
    readonly calls: readonly ToolCallEvent[],
    /** The answer's `finish_reason` (`'tool_calls'`; Ollama says `'stop'`), or `null`. */
    readonly reason: string | null,
    /** The answer text that arrived (and was delivered) with the calls. */
    readonly text: string,
  ) {
    // A hostile server can send 100 000 calls: the message names the first few and counts the rest.
    const shown = calls.slice(0, MAX_LISTED_ISSUES).map((call) => renderIdentifier(call.name));
    const more = calls.length - shown.length;
    const names = more > 0 ? `${shown.join(', ')} and ${groupDigits(more)} more` : shown.join(', ');
    super(
      'ToolCallsError',
      `the answer is ${calls.length === 0 ? 'a tool call the server did not send' : `${plural(calls.length, 'tool call')} (${names})`} ` +
        `instead of text (${finishPhrase(reason)}${afterText(text)}). createCompletion delivers text only: ` +
        'use createCompletionEvents to receive tool calls.',
    );
  }
}

/**
 * The answer ended with a `finish_reason` that says it is neither whole nor cut by `length`, and that is not a
 * refusal, a content filter or tool calls: e.g. a Gemini gateway's `function_call_filter: MALFORMED_FUNCTION_CALL`.
 * Rather than report a broken answer as a success, `createCompletion` ends with this error after the text.
 *
 * @example
 * ```ts
 * ai.createCompletion('gemini', messages, true).subscribe({
 *   error: (e) => { if (e instanceof UnexpectedFinishError) console.warn(e.reason); }, // 'MALFORMED_FUNCTION_CALL'
 * });
 * ```
 */
export class UnexpectedFinishError extends AivvmError {
  declare readonly _tag: 'UnexpectedFinishError';

  constructor(
    /** The `finish_reason` as sent. */
    readonly reason: string,
    /** The answer text that arrived (and was delivered) before. */
    readonly text: string,
  ) {
    super(
      'UnexpectedFinishError',
      `the answer ended with ${finishPhrase(reason)}${afterText(text)}, which is neither "stop" nor "length": ` +
        'the server says the answer is not a whole text. Read the events with createCompletionEvents to see what arrived.',
    );
  }
}
