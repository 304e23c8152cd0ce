import { HttpError, NetworkError, TimeoutError, type AnyAivvmError } from '../../errors';
import { classifyReasonPhrase } from './classifyReasonPhrase';

/**
 * Decides whether a failed attempt is retried: `(error, attempt) => boolean`, `attempt` being the 1-based number
 * of the attempt that failed. It is only asked about failures before any body byte (text is never sent twice),
 * and only while `retry.count` allows another attempt.
 */
export type RetryWhen = (error: AnyAivvmError, attempt: number) => boolean;

/** Statuses that say "later" whatever the server: timeout, too many requests, bad gateway, unavailable, gateway timeout. */
const TRANSIENT_STATUS: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

/**
 * The default retry decision for the Aivvm (chatbot-ui) protocol, where every upstream failure is a `500` with
 * the upstream's message as reason phrase:
 *
 * | failure (before any body byte) | retried |
 * | --- | --- |
 * | connection refused / reset / DNS (`NetworkError` with a system code) | yes |
 * | `NetworkError` `ERR_NETWORK` (a browser's fetch: offline, refused **or CORS**, indistinguishable) | no |
 * | first-byte timeout | yes |
 * | `408`, `429`, `502`, `503`, `504` | yes |
 * | `500` whose reason phrase says rate-limited or overloaded | yes, after the delay the phrase states |
 * | any other `500` (model does not exist, context length, `Internal Server Error`) | no |
 * | `409`, other `4xx` / `5xx`, invalid or oversized responses, idle / total timeouts | no |
 *
 * Pass your own `retry.when` to change it; call this one inside yours to extend it.
 *
 * @example
 * ```ts
 * createAivvm({ baseURL, retry: { when: (e, n) => defaultRetryWhen(e, n) || (e._tag === 'HttpError' && e.status === 409) } });
 * ```
 */
export function defaultRetryWhen(error: AnyAivvmError, attempt: number): boolean {
  void attempt;
  if (error instanceof NetworkError) {
    // A browser's fetch says ERR_NETWORK, with no cause, for a CORS refusal as well as for a refused
    // connection; a CORS refusal never heals by retrying, and the user would wait for nothing.
    return error.receivedBytes === 0 && error.code !== 'ERR_NETWORK';
  }
  if (error instanceof TimeoutError) return error.stage === 'firstByte';
  if (!(error instanceof HttpError)) return false;
  if (TRANSIENT_STATUS.has(error.status)) return true;
  return error.status === 500 && classifyReasonPhrase(error.statusText).kind !== 'final';
}
