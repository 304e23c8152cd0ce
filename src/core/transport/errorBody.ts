import { HttpError, MAX_ERROR_BODY_BYTES } from '../../errors';
import { parseErrorEnvelope } from '../errorEnvelope';

/**
 * How much of an error body is read. More than {@link MAX_ERROR_BODY_BYTES} (what `HttpError.body` keeps), so that
 * a protocol can parse a JSON error whose message is long (an OpenAI `context_length_exceeded` quotes the
 * request's size in several kilobytes) and still find its `code` and `type` after it.
 */
export const ERROR_BODY_READ_BYTES = 64 * 1024;

/** The whole read body of each HttpError a transport made, for the protocol's error mapping (`bodyOf`). */
const readBodies = /*#__PURE__*/ new WeakMap<HttpError, string>();

/**
 * The HttpError of a failed response (a non-2xx, or a 2xx whose body is a JSON error): `body` keeps at most
 * {@link MAX_ERROR_BODY_BYTES} bytes, cut on a whole character; the whole read text stays available to
 * {@link bodyOf}. A JSON error body (`{ error: { message, type, code } }` or `{ error: "…" }`) gives the error its
 * message, `code` and `type`.
 *
 * @example
 * ```ts
 * httpErrorWithBody(503, 'Busy', text, url, undefined).body.length; // ≤ 4096 bytes of text
 * ```
 */
export function httpErrorWithBody(
  status: number,
  statusText: string,
  text: string,
  url: string,
  retryAfterMs: number | undefined,
  method: 'GET' | 'POST' | 'DELETE' = 'POST',
): HttpError {
  const body = capUtf8(text, MAX_ERROR_BODY_BYTES);
  // A JSON error body says what went wrong better than a status line: its message, code and type.
  const error = new HttpError(status, statusText, body, url, retryAfterMs, {
    method,
    ...parseErrorEnvelope(text),
  });
  readBodies.set(error, text);
  return error;
}

/**
 * The error body as read (up to {@link ERROR_BODY_READ_BYTES}) when a transport made this error, else its `body`.
 *
 * @example
 * ```ts
 * const wire = JSON.parse(bodyOf(error)); // a long OpenAI error body, whole
 * ```
 */
export function bodyOf(error: HttpError): string {
  return readBodies.get(error) ?? error.body;
}

/**
 * `text` cut to at most `maxBytes` UTF-8 bytes, on a whole character.
 *
 * @example
 * ```ts
 * capUtf8('€€', 4); // '€'
 * ```
 */
export function capUtf8(text: string, maxBytes: number): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short texts need no encoding.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= maxBytes) return text;
  return new TextDecoder().decode(bytes.subarray(0, maxBytes), { stream: true });
}

/**
 * Drops the whole read body kept for {@link bodyOf} (it may hold what the error's own fields no longer show).
 *
 * @example
 * ```ts
 * forgetReadBody(error); bodyOf(error) === error.body; // true
 * ```
 */
export function forgetReadBody(error: HttpError): void {
  readBodies.delete(error);
}
