/**
 * Keeping secrets out of errors: a server may echo the request (its API key, its headers) in a reason phrase, a
 * body, a JSON error or a stream event, and errors get logged.
 *
 * @packageDocumentation
 */

import { AivvmError, HttpError, InvalidResponseError } from '../errors';

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

/** Headers that describe the request rather than authorise it: servers quote them in errors, and they are public. */
const DESCRIPTIVE = /*#__PURE__*/ new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-type',
  'origin',
  'referer',
  'user-agent',
]);

/**
 * The values of the caller's own headers (`config.headers`) that errors must never show: every value of at least
 * 8 characters, except of the descriptive headers (`accept*`, `content-type`, `user-agent`, `origin`, `referer`,
 * `cache-control`). Credentials travel in headers (`api-key`, `x-api-key`, `authorization`, cookies), and a server
 * that echoes one in its error would otherwise put it in a log.
 *
 * @example
 * ```ts
 * headerSecrets({ 'api-key': 'AZURE-SECRET-123', 'x-flag': '1', 'content-type': 'application/json' }); // ['AZURE-SECRET-123']
 * ```
 */
export function headerSecrets(headers: Readonly<Record<string, string>>): readonly string[] {
  return Object.entries(headers)
    .filter(
      ([name, value]) => !DESCRIPTIVE.has(name.toLowerCase()) && value.trim().length >= MIN_SECRET_CHARS,
    )
    .map(([, value]) => value);
}

/**
 * The same error with every secret removed from what it shows: its message and stack, and for an
 * {@link HttpError} its `statusText`, `body`, `code` and `type`, for an {@link InvalidResponseError} its issues'
 * quoted values. The error is changed in place (it is ours and not yet delivered), except an
 * `InvalidResponseError` with issues, which is rebuilt. Non-aivvm errors pass through.
 *
 * @example
 * ```ts
 * completion$.pipe(catchError((error) => throwError(() => withoutSecrets(error, [apiKey]))));
 * ```
 */
export function withoutSecrets(error: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0 || !(error instanceof AivvmError)) return error;
  const hide = (text: string): string => secrets.reduce((out, secret) => redact(out, secret), text);
  if (error instanceof InvalidResponseError && error.issues.length > 0) {
    const issues = error.issues.map((i) => ({ ...i, actual: hide(i.actual) }));
    return new InvalidResponseError(hide(error.message.split(':\n')[0] ?? ''), issues);
  }
  if (error instanceof HttpError) {
    const fields = error as { -readonly [K in 'statusText' | 'body' | 'code' | 'type']: HttpError[K] };
    fields.statusText = hide(error.statusText);
    fields.body = hide(error.body);
    if (error.code !== undefined) fields.code = hide(error.code);
    if (error.type !== undefined) fields.type = hide(error.type);
  }
  error.message = hide(error.message);
  // The stack was formatted with the old message in some engines.
  if (error.stack !== undefined) error.stack = hide(error.stack);
  return error;
}
