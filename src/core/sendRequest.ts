import axios, { type AxiosInstance } from 'axios';
import { catchError, throwError, type Observable } from 'rxjs';
import type { ResolvedConfig } from './config';
import type { HttpRequest } from './httpRequest';
import { reliable } from './reliability/reliable';
import { resolvePolicy, type ReliabilityOptions } from './reliability/policy';
import { selectTransport } from './transport';
import { headerSecrets, withoutSecrets } from './redact';

/**
 * Sends one built request through the configured transport, wrapped in the reliability policy (per-call
 * `reliability` over the config's). `mapError` rewrites each attempt's failure (a protocol's error mapping) before
 * the retry decision sees it. Cold: one request per subscription, unsubscribe aborts.
 *
 * @example
 * ```ts
 * const send = createSender(config);
 * send(request, { retry: { count: 0 } }).pipe(decodeText()).subscribe(console.log);
 * ```
 */
export type Sender = (
  request: HttpRequest,
  reliability?: ReliabilityOptions,
  mapError?: (error: unknown) => unknown,
) => Observable<Uint8Array>;

/**
 * The {@link Sender} of a resolved configuration: its transport, its axios instance (a private one, made on first
 * use so importing the library costs nothing), its policy and scheduler. Shared by every protocol.
 *
 * @example
 * ```ts
 * const send = createSender(checked.right);
 * ```
 */
export function createSender(config: ResolvedConfig): Sender {
  let client: AxiosInstance | undefined = config.axios;
  const http = (): AxiosInstance => (client ??= axios.create());
  const transport = selectTransport(config.transport);
  // A server may echo a header (an `api-key`, a token) in its error: never let one reach an error.
  const secrets = headerSecrets(config.headers);
  const hide = secrets.length === 0 ? undefined : (error: unknown): unknown => withoutSecrets(error, secrets);
  return (request, reliability = {}, mapError) => {
    const attempt = transport(http(), request);
    const map =
      mapError === undefined ? hide : hide === undefined ? mapError : (e: unknown) => hide(mapError(e));
    return reliable(
      map === undefined ? attempt : attempt.pipe(catchError((error) => throwError(() => map(error)))),
      {
        policy: resolvePolicy(config.policy, reliability),
        url: request.url,
        method: request.method ?? 'POST',
        scheduler: config.scheduler,
        random: Math.random,
      },
    );
  };
}
