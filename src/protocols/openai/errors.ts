import { HttpError, MAX_ERROR_BODY_BYTES, type AnyAivvmError } from '../../errors';
import { redact, withoutSecrets } from '../../core/redact';
import { defaultRetryWhen } from '../../core/reliability/defaultRetryWhen';
import { bodyOf, capUtf8 } from '../../core/transport/errorBody';
import { errorEnvelopeOf, parseErrorEnvelope, type ErrorEnvelope } from '../../core/errorEnvelope';

/**
 * Maps one attempt's failure to this protocol's error: an {@link HttpError} whose body is an OpenAI error
 * envelope `{ error: { message, type, code } }` gets the upstream message in its `message` and the `code` and
 * `type` fields; the API key is removed from every message and body. Other errors pass through (key removed).
 *
 * @example
 * ```ts
 * send(request, reliability, (error) => toOpenAIError(error, 'POST', apiKey));
 * ```
 */
export function toOpenAIError(error: unknown, method: 'GET' | 'POST', apiKey: string | undefined): unknown {
  if (error instanceof HttpError) {
    // The whole read body: a long message would push `code` and `type` past what `body` keeps.
    const wire = parseErrorEnvelope(bodyOf(error));
    const message = wire?.message;
    return new HttpError(
      error.status,
      // A reason phrase can echo the request too (chatbot-ui's family puts upstream messages there).
      redact(error.statusText, apiKey),
      redact(error.body, apiKey),
      error.url,
      error.retryAfterMs,
      {
        method,
        ...(message ? { message: redact(message, apiKey) } : {}),
        ...(wire?.code != null
          ? { code: typeof wire.code === 'string' ? redact(wire.code, apiKey) : wire.code }
          : {}),
        ...(wire?.type != null ? { type: redact(wire.type, apiKey) } : {}),
      },
    );
  }
  return withoutSecrets(error, apiKey === undefined ? [] : [apiKey]);
}

/**
 * The error an `{ error: … }` event in the middle of a stream becomes: an {@link HttpError} with the upstream
 * message, `code` (as sent: a number stays a number) and `type`. Its `status` is the event's numeric `code` when
 * that is an HTTP status (`429`, `400` …: vLLM, LiteLLM and gateways put it there); otherwise the stream's own 200,
 * and the message says so. It follows the events already delivered.
 *
 * @example
 * ```ts
 * streamError({ message: 'slow down', code: 429 }, body, url, undefined).status; // 429
 * streamError({ message: 'overloaded', type: 'server_error' }, body, url, undefined).message;
 * // "HTTP 200 OK from POST …: the stream sent an error event (it has no HTTP status code, so status is the stream's 200): overloaded (type server_error)"
 * ```
 */
export function streamError(
  wire: ErrorEnvelope,
  body: string,
  url: string,
  apiKey: string | undefined,
): HttpError {
  const code = wire.code;
  const status =
    typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599 ? code : undefined;
  const where =
    status === undefined
      ? "the stream sent an error event (it has no HTTP status code, so status is the stream's 200)"
      : 'the stream sent an error event (status from its code)';
  const message = `${where}: ${redact(wire.message ?? 'no message', apiKey)}`;
  // The reason phrase says where the status comes from: the response itself was a 200 OK.
  const statusText = status === undefined ? 'OK' : 'error event';
  // `body` keeps at most MAX_ERROR_BODY_BYTES, as for every HttpError: an error event can be any size.
  return new HttpError(
    status ?? 200,
    statusText,
    capUtf8(redact(body, apiKey), MAX_ERROR_BODY_BYTES),
    url,
    undefined,
    {
      message,
      ...(code != null ? { code: typeof code === 'string' ? redact(code, apiKey) : code } : {}),
      ...(wire.type != null ? { type: redact(wire.type, apiKey) } : {}),
    },
  );
}

/** "Later" statuses on any server: request timeout, too many requests, and the gateway / availability 5xx. */
const RETRIED = /*#__PURE__*/ new Set([408, 429, 500, 502, 503, 504]);

/** Error `type`s and `code`s that say the request itself is wrong: a `500` carrying one fails the same way again. */
const REQUEST_FAULT =
  /^(invalid_request_error|authentication_error|permission_error|not_found_error|invalid_api_key|model_not_found|context_length_exceeded|insufficient_quota|unsupported_.*)$/;
/** Upstream messages of deterministic failures that proxies (LiteLLM, chatbot-ui) wrap in a `500`. */
const REQUEST_FAULT_MESSAGE =
  /maximum context length|does not exist|model\b[^.]*\bnot found|invalid api key|incorrect api key/i;

/**
 * This protocol's retry decision for a failure before any body byte (`retry.when` of an OpenAI-compatible
 * provider; call it inside your own to extend it):
 *
 * | failure (before any body byte) | retried |
 * | --- | --- |
 * | connection refused / reset / DNS, first-byte timeout | yes (a browser's `ERR_NETWORK`: no) |
 * | `408`, `429`, `502`, `503`, `504` | yes, after `retry-after-ms` / `Retry-After` / `x-ratelimit-reset-*` |
 * | `500` | yes, unless its error body says the request is at fault (`type`/`code` such as `invalid_request_error`, `context_length_exceeded`, `model_not_found`; or a message such as `maximum context length`, `does not exist`) |
 * | `409`, `501`, `505`… and every other `4xx` (`400`, `401`, `403`, `404`, `422` …) | no: the same request fails the same way |
 *
 * Unlike openai-node it does not retry `409` (OpenAI's lock timeout) or every `5xx`: add them in your own `when`.
 *
 * @example
 * ```ts
 * isOpenAIRetryable(new HttpError(401, 'Unauthorized', '', url), 1); // false
 * createOpenAICompatible({ baseURL, retry: { when: (e, n) => isOpenAIRetryable(e, n) || (e._tag === 'HttpError' && e.status === 409) } });
 * ```
 */
export function isOpenAIRetryable(error: AnyAivvmError, attempt: number): boolean {
  if (!(error instanceof HttpError)) return defaultRetryWhen(error, attempt);
  if (!RETRIED.has(error.status)) return false;
  if (error.status !== 500) return true;
  const says = (value: string | undefined): boolean => value !== undefined && REQUEST_FAULT.test(value);
  const code = typeof error.code === 'string' ? error.code : undefined;
  return !says(error.type) && !says(code) && !REQUEST_FAULT_MESSAGE.test(error.message);
}

/**
 * The error a success response carries instead of an answer: gateways answer `200 {"error": {…}}`. An
 * {@link HttpError} with the status the body came with (a 2xx, `200` here: the transport passed it on), the
 * server's message, `code` and `type`, the API key removed from all of them; `undefined` when `json` is not an
 * error body.
 *
 * @example
 * ```ts
 * const error = errorInAnswer(json, text, 'POST', url, apiKey);
 * if (error !== undefined) throw error;
 * ```
 */
export function errorInAnswer(
  json: unknown,
  text: string,
  method: 'GET' | 'POST',
  url: string,
  apiKey: string | undefined,
): HttpError | undefined {
  const wire = errorEnvelopeOf(json);
  if (wire === undefined) return undefined;
  return new HttpError(200, 'OK', capUtf8(redact(text, apiKey), MAX_ERROR_BODY_BYTES), url, undefined, {
    method,
    ...(wire.message !== undefined ? { message: redact(wire.message, apiKey) } : {}),
    ...(wire.code !== undefined
      ? { code: typeof wire.code === 'string' ? redact(wire.code, apiKey) : wire.code }
      : {}),
    ...(wire.type !== undefined ? { type: redact(wire.type, apiKey) } : {}),
  });
}
