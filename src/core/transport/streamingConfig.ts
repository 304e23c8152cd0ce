import type { AxiosRequestConfig, GenericAbortSignal } from 'axios';
import type { HttpRequest } from '../httpRequest';

/** Built once: axios keeps these functions by reference, so no request needs its own. */
const ANY_STATUS = (): boolean => true;
const BODY_AS_IS = [(data: unknown): unknown => data];

/**
 * The axios settings both transports share (DESIGN.md): a streamed body, no axios timeout (deadlines are RxJS
 * operators), no redirects, our own status check (so an error body can be read), and the JSON body sent as is.
 */
export function streamingConfig(
  request: HttpRequest,
  adapter: 'http' | 'fetch',
  signal: GenericAbortSignal,
): AxiosRequestConfig {
  return {
    url: request.url,
    method: request.method ?? 'POST',
    ...((request.method ?? 'POST') === 'POST' ? { data: request.body } : {}),
    headers: request.headers,
    adapter,
    responseType: 'stream',
    signal,
    timeout: 0,
    maxRedirects: 0,
    validateStatus: ANY_STATUS,
    transformRequest: BODY_AS_IS,
  };
}
