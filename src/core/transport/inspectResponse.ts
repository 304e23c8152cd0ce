import { InvalidResponseError, renderValue, type AivvmError } from '../../errors';
import { httpErrorWithBody } from './errorBody';
import type { HttpRequest } from '../httpRequest';
import { parseErrorEnvelope } from '../errorEnvelope';
import { retryAfterHeaders } from '../retryAfterHeaders';
import { classifyReasonPhrase } from '../reliability/classifyReasonPhrase';

/**
 * What to do with a response once its headers are in: stream the body (`undefined`), or read the first bytes of
 * the body (capped) and fail with the error this function builds from them.
 */
export type ResponseVerdict = undefined | ((body: string) => AivvmError);

/**
 * Checks status and content type. A non-2xx is an {@link HttpError} (with the server's delay parsed); a 2xx whose
 * content type cannot be the answer (an HTML page from a proxy, JSON where text is expected) is an
 * {@link InvalidResponseError}, unless it is a JSON error body (`{ error }`): that is an `HttpError` too, with the
 * server's message. Aivvm servers send no content type at all on success, so its absence is fine.
 */
export function inspectResponse(
  request: HttpRequest,
  status: number,
  statusText: string,
  header: (name: string) => string | undefined,
): ResponseVerdict {
  const method = request.method ?? 'POST';
  if (status < 200 || status > 299) {
    // `retry-after-ms`, `Retry-After` (and `x-ratelimit-reset-*` on a 429), then chatbot-ui's "try again in 20s".
    const retryAfterMs =
      retryAfterHeaders(header, Date.now(), status) ?? classifyReasonPhrase(statusText).retryAfterMs;
    return (body) => httpErrorWithBody(status, statusText, body, request.url, retryAfterMs, method);
  }
  const type = (header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const html = type === 'text/html' || type === 'application/xhtml+xml';
  const json = type === 'application/json' || type.endsWith('+json');
  if (html || (json && request.expect === 'text')) {
    return (body) =>
      // Gateways answer an error with a 2xx and a JSON error body: that is the server's error, not a bad answer.
      json && parseErrorEnvelope(body) !== undefined
        ? httpErrorWithBody(status, statusText, body, request.url, undefined, method)
        : new InvalidResponseError(
            `${method} ${request.url} answered ${status} with content-type ${type}, not the ${request.expect === 'text' ? 'completion text' : 'JSON'} ` +
              `(a proxy or challenge page?). Body starts: ${renderValue(body, 120)}. Check baseURL and any proxy in between.`,
          );
  }
  return undefined;
}
