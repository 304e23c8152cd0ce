/**
 * Keeping secrets out of errors: a server may echo the request (its API key, its headers) in a reason phrase, a
 * body, a JSON error or a stream event, and errors get logged.
 *
 * @packageDocumentation
 */

import {
  AivvmError,
  ContentFilterError,
  HttpError,
  InvalidResponseError,
  RefusalError,
  ToolCallsError,
  UnexpectedFinishError,
  ReasoningOnlyError,
} from '../errors';
import { forgetReadBody } from './transport/errorBody';

const REDACTED = '[redacted]';

/** The shortest piece of a key that is removed on its own: a truncated quote can keep any part of it. */
const MIN_PIECE = 8;

/**
 * Removes every occurrence of `secret` from a text (an upstream message or body may echo the API key), and every
 * run of 8 or more characters that is a piece of it: error messages cut long quotes short, and a cut can fall
 * inside the key.
 *
 * @example
 * ```ts
 * redact('Incorrect API key provided: sk-123', 'sk-123'); // 'Incorrect API key provided: [redacted]'
 * redact('Body starts: "xxxxsk-proj-abcdef…', 'sk-proj-abcdefghij'); // 'Body starts: "xxxx[redacted]…'
 * ```
 */
export function redact(text: string, secret: string | undefined): string {
  if (secret === undefined || secret === '') return text;
  const piece = Math.min(MIN_PIECE, secret.length);
  const starts = new Set<string>();
  for (let i = 0; i + piece <= secret.length; i++) starts.add(secret.slice(i, i + piece));
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (i + piece <= text.length && starts.has(text.slice(i, i + piece))) {
      let end = i + piece;
      while (end < text.length && secret.includes(text.slice(i, end + 1))) end++;
      out += REDACTED;
      i = end;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Header values shorter than this are not treated as secrets: removing `1` or `en` would garble every message. */
const MIN_SECRET_CHARS = 8;

/** Header names that carry credentials: `authorization`, `api-key`, `x-api-key`, `x-auth-token`, `cookie`, … */
const CREDENTIAL_HEADER = /auth|key|token|secret|cookie|session|passw|signature|credential/i;

/**
 * The values of the caller's own credential headers (`config.headers` whose name contains `auth`, `key`, `token`,
 * `secret`, `cookie`, `session`, `passw`, `signature` or `credential`, values of 8 characters or more) that errors
 * must never show: a server that echoes one in its error would otherwise put it in a log. Other headers
 * (`user-agent`, OpenRouter's `HTTP-Referer`, `x-title`) are public and stay readable.
 *
 * @example
 * ```ts
 * headerSecrets({ 'api-key': 'AZURE-SECRET-123', 'x-title': 'My app', 'http-referer': 'https://my.app' }); // ['AZURE-SECRET-123']
 * ```
 */
export function headerSecrets(headers: Readonly<Record<string, string>>): readonly string[] {
  return Object.entries(headers)
    .filter(([name, value]) => CREDENTIAL_HEADER.test(name) && value.trim().length >= MIN_SECRET_CHARS)
    .map(([, value]) => value);
}

/**
 * The same error with every secret removed from what it shows: its message and stack, and for an
 * {@link HttpError} its `statusText`, `body`, `code` and `type`, for an {@link InvalidResponseError} its issues'
 * quoted values, for the errors of answers that are not text ({@link RefusalError}, {@link ToolCallsError} …) the
 * answer they carry (`refusal`, `text`, `reason`, the calls' `id`, `name` and `arguments`). An error that shows no secret is returned as it is; otherwise it is changed in place (it is ours
 * and not yet delivered), except an `InvalidResponseError` with issues, which is rebuilt with its stack, cause and
 * `danglingBytes`. Non-aivvm errors pass through.
 *
 * @example
 * ```ts
 * completion$.pipe(catchError((error) => throwError(() => withoutSecrets(error, [apiKey]))));
 * ```
 */
export function withoutSecrets(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || !(error instanceof AivvmError)) return error;
  const hide = (text: string): string => secrets.reduce((out, secret) => redact(out, secret), text);
  // The whole body read for parsing is not needed once the protocol mapped the error: do not keep it around.
  if (error instanceof HttpError) forgetReadBody(error);
  const shown = [error.message, String(error.stack)];
  if (error instanceof HttpError)
    shown.push(error.statusText, error.body, String(error.code ?? ''), error.type ?? '');
  if (error instanceof InvalidResponseError) shown.push(...error.issues.map((i) => i.actual));
  const answer = answerFields(error);
  if (answer !== undefined) {
    for (const key of ANSWER_KEYS) if (typeof answer[key] === 'string') shown.push(answer[key]);
    if (error instanceof ToolCallsError) for (const c of error.calls) shown.push(c.id, c.name, c.arguments);
  }
  if (shown.every((text) => hide(text) === text)) return error;
  if (error instanceof InvalidResponseError && error.issues.length > 0) {
    const issues = error.issues.map((i) => ({ ...i, actual: hide(i.actual) }));
    const rebuilt = new InvalidResponseError(hide(error.message.split(':\n')[0] ?? ''), issues, error.offset);
    const { stack, cause, danglingBytes } = error as InvalidResponseError & { cause?: unknown };
    Object.defineProperty(rebuilt, 'stack', {
      value: hide(String(stack)),
      writable: true,
      configurable: true,
    });
    if (cause !== undefined)
      Object.defineProperty(rebuilt, 'cause', { value: cause, writable: true, configurable: true });
    (rebuilt as { danglingBytes: number }).danglingBytes = danglingBytes;
    return rebuilt;
  }
  if (error instanceof HttpError) {
    const fields = error as { -readonly [K in 'statusText' | 'body' | 'code' | 'type']: HttpError[K] };
    fields.statusText = hide(error.statusText);
    fields.body = hide(error.body);
    if (typeof error.code === 'string') fields.code = hide(error.code);
    if (error.type !== undefined) fields.type = hide(error.type);
  }
  if (answer !== undefined) {
    for (const key of ANSWER_KEYS) if (typeof answer[key] === 'string') answer[key] = hide(answer[key]);
    if (error instanceof ToolCallsError) {
      answer['calls'] = error.calls.map((c) => ({
        ...c,
        id: hide(c.id),
        name: hide(c.name),
        arguments: hide(c.arguments),
      }));
    }
  }
  error.message = hide(error.message);
  // The stack was formatted with the old message in some engines.
  if (error.stack !== undefined) error.stack = hide(error.stack);
  return error;
}

/** The answer a server sent, kept on the errors of answers that are not text: it may echo anything. */
const ANSWER_KEYS = ['refusal', 'text', 'reason', 'reasoning'] as const;

function answerFields(error: AivvmError): Record<string, unknown> | undefined {
  return error instanceof RefusalError ||
    error instanceof ContentFilterError ||
    error instanceof ToolCallsError ||
    error instanceof UnexpectedFinishError ||
    error instanceof ReasoningOnlyError
    ? (error as unknown as Record<string, unknown>)
    : undefined;
}
