import type { AxiosInstance } from 'axios';
import type { Observable } from 'rxjs';
import type { HttpRequest } from '../httpRequest';

/**
 * A transport turns one request into a cold Observable of body bytes: nothing happens before subscribe, each
 * subscription sends its own request, unsubscribing aborts it and closes the socket. A non-2xx status is an
 * `HttpError`; a failure in the middle of the body is a `NetworkError` after the chunks that did arrive.
 */
export type Transport = (client: AxiosInstance, request: HttpRequest) => Observable<Uint8Array>;
