import type { IncomingHttpHeaders } from 'node:http';
import type { CorsOption } from './types';

/** What a preflight allows when it does not name the headers it wants. */
const DEFAULT_ALLOWED_HEADERS = 'content-type, accept, accept-language, authorization';
/** A comma-separated list of header names (RFC 9110 tokens), as `Access-Control-Request-Headers` sends it. */
const HEADER_LIST = /^\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+(\s*,\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+)*\s*$/;

/**
 * Checks {@link AivvmServerOptions.cors} and throws a `TypeError` naming the problem, so a typo fails at start
 * rather than as a browser's opaque CORS error.
 *
 * @example
 * ```ts
 * validateCors({ origin: 'http://localhost:4200/' }); // throws: cors.origin must be "*" or an origin …
 * ```
 */
export function validateCors(cors: unknown): CorsOption | undefined {
  if (cors === undefined || typeof cors === 'boolean') return cors;
  const origin: unknown =
    typeof cors === 'object' && cors !== null ? (cors as { origin?: unknown }).origin : undefined;
  if (origin === '*' || (typeof origin === 'string' && isOrigin(origin))) return { origin };
  throw new TypeError(
    `cors must be a boolean or { origin } where origin is "*" or an origin such as "http://localhost:4200" ` +
      `(scheme, host and port, no path), got ${JSON.stringify(cors)}`,
  );
}

/**
 * The CORS headers every response carries when CORS is on: the allowed origin (the configured one, or the
 * request's own for `true`), `Vary: Origin`, and `Retry-After` exposed to scripts.
 *
 * @example
 * ```ts
 * corsHeaders(true, 'http://127.0.0.1:5000'); // { 'access-control-allow-origin': 'http://127.0.0.1:5000', … }
 * ```
 */
export function corsHeaders(
  cors: CorsOption | undefined,
  origin: string | undefined,
): Record<string, string> {
  if (cors === undefined || cors === false) return {};
  return {
    'access-control-allow-origin': cors === true ? (origin ?? '*') : cors.origin,
    'access-control-expose-headers': 'retry-after',
    vary: 'Origin',
  };
}

/**
 * The extra headers of a `204` preflight answer: methods, the requested headers (when they are a valid list),
 * and a 10-minute cache.
 *
 * @example
 * ```ts
 * preflightHeaders({ 'access-control-request-headers': 'content-type' });
 * // { 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type', … }
 * ```
 */
export function preflightHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const requested = headers['access-control-request-headers'];
  return {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers':
      typeof requested === 'string' && HEADER_LIST.test(requested) ? requested : DEFAULT_ALLOWED_HEADERS,
    'access-control-max-age': '600',
    vary: 'Origin, Access-Control-Request-Headers',
  };
}

function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
  } catch {
    return false;
  }
}
