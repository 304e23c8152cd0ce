import type { AxiosInstance } from 'axios';
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { reliabilityProps } from './codecs';
import { InvalidRequestError, renderValue, type ValidationIssue } from './errors';
import {
  DEFAULT_POLICY,
  reliabilityOf,
  resolvePolicy,
  type Policy,
  type RetryOptions,
  type TimeoutOptions,
} from './reliability/policy';
import { toIssues } from './toIssues';
import { defaultTransportName, type TransportName } from './transport';

/** The public Aivvm service's address. The service is gone: point `baseURL` at your own server. */
export const AIVVM_PUBLIC_URL = 'https://chat.aivvm.com';

/** Configuration of {@link createAivvm}. Every field is optional. */
export interface AivvmConfig {
  /** Origin (and optional path prefix) of an Aivvm / chatbot-ui server. Default {@link AIVVM_PUBLIC_URL}. */
  readonly baseURL?: string;
  /** An axios instance to send requests with (interceptors, agents, proxies); default a private one. */
  readonly axios?: AxiosInstance;
  /** Extra request headers; they override the seed's browser-like headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * `'node'` (axios `http` adapter) or `'fetch'` (axios `fetch` adapter, the one that streams in browsers).
   * Default: `'node'` in Node.js, `'fetch'` elsewhere.
   */
  readonly transport?: TransportName;
  /** Deadlines in ms: `firstByte` (default 60 000), `idle` (default 60 000), `total` (default none). */
  readonly timeout?: TimeoutOptions;
  /** Retries before the first body byte: `count` (2), `baseDelayMs` (500), `maxDelayMs` (8 000). */
  readonly retry?: RetryOptions;
  /** Past this many body bytes a completion fails with `ResponseTooLargeError`. Default 16 MiB. */
  readonly maxResponseBytes?: number;
  /** Where timers run (timeouts, retry delays); a `TestScheduler` or `VirtualTimeScheduler` in tests. */
  readonly scheduler?: SchedulerLike;
}

/** A configuration with every field checked and normalised. */
export interface ResolvedConfig {
  readonly baseURL: string;
  readonly axios: AxiosInstance | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly transport: TransportName;
  /** The reliability policy every call starts from. */
  readonly policy: Policy;
  readonly scheduler: SchedulerLike;
  /** True outside Node.js: the headers browsers refuse to set are left out. */
  readonly browser: boolean;
}

const KNOWN_KEYS: readonly string[] = /*#__PURE__*/ [
  'baseURL',
  'axios',
  'headers',
  'transport',
  'scheduler',
].concat(/*#__PURE__*/ Object.keys(reliabilityProps));
// RFC 9110 token characters: anything else in a header name is a bug or an injection attempt.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// CR, LF and NUL would let a value inject headers; other controls are rejected by Node anyway.
const BAD_HEADER_VALUE = /[\r\n\0]/;

/**
 * Checks a configuration without throwing. Errors name the field, e.g.
 * `config.baseURL: expected an http(s) URL, got "ftp://x"`.
 *
 * @example
 * ```ts
 * validateConfig({ baseURL: 'http://127.0.0.1:8787/' }); // Right({ baseURL: 'http://127.0.0.1:8787', … })
 * ```
 */
export function validateConfig(config: unknown): E.Either<InvalidRequestError, ResolvedConfig> {
  if (config === undefined || config === null) {
    return E.right(defaultConfig());
  }
  if (typeof config !== 'object' || Array.isArray(config)) {
    return E.left(
      new InvalidRequestError([{ path: 'config', expected: 'an object', actual: renderValue(config) }]),
    );
  }
  const c = config as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(c)) {
    if (!KNOWN_KEYS.includes(key)) {
      issues.push({
        path: `config.${key}`,
        expected: `no such option (known: ${KNOWN_KEYS.join(', ')})`,
        actual: renderValue(c[key]),
      });
    }
  }
  const baseURL = checkBaseURL(c['baseURL'], issues);
  const headers = checkHeaders(c['headers'], issues);
  const axios = c['axios'];
  if (
    axios !== undefined &&
    (typeof axios !== 'function' || typeof (axios as { request?: unknown }).request !== 'function')
  ) {
    issues.push({ path: 'config.axios', expected: 'an AxiosInstance', actual: renderValue(axios) });
  }
  const transport = c['transport'] ?? defaultTransportName();
  if (transport !== 'node' && transport !== 'fetch') {
    issues.push({ path: 'config.transport', expected: '"node" | "fetch"', actual: renderValue(transport) });
  }
  const scheduler = c['scheduler'];
  if (scheduler !== undefined && typeof (scheduler as { schedule?: unknown }).schedule !== 'function') {
    issues.push({
      path: 'config.scheduler',
      expected: 'an rxjs SchedulerLike',
      actual: renderValue(scheduler),
    });
  }
  const reliability = t
    .partial(reliabilityProps)
    .validate(c, [{ key: 'config', type: t.unknown, actual: c }]);
  if (E.isLeft(reliability)) issues.push(...toIssues(reliability.left));
  if (issues.length > 0 || E.isLeft(reliability)) return E.left(new InvalidRequestError(issues));
  const defaults = defaultConfig();
  return E.right({
    ...defaults,
    baseURL,
    axios: axios as AxiosInstance | undefined,
    headers,
    transport: transport as TransportName,
    policy: resolvePolicy(DEFAULT_POLICY, reliabilityOf(reliability.right)),
    scheduler: (scheduler as SchedulerLike | undefined) ?? asyncScheduler,
  });
}

/** The configuration of the default {@link Aivvm} provider. */
export function defaultConfig(): ResolvedConfig {
  const transport = defaultTransportName();
  return {
    baseURL: AIVVM_PUBLIC_URL,
    axios: undefined,
    headers: {},
    transport,
    policy: DEFAULT_POLICY,
    scheduler: asyncScheduler,
    browser: transport === 'fetch',
  };
}

function checkBaseURL(value: unknown, issues: ValidationIssue[]): string {
  if (value === undefined) return AIVVM_PUBLIC_URL;
  const expected = 'an http(s) URL such as "http://127.0.0.1:8787"';
  if (typeof value !== 'string') {
    issues.push({ path: 'config.baseURL', expected, actual: renderValue(value) });
    return '';
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    issues.push({ path: 'config.baseURL', expected, actual: renderValue(value) });
    return '';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '') {
    issues.push({
      path: 'config.baseURL',
      expected: `${expected} without query or fragment`,
      actual: renderValue(value),
    });
    return '';
  }
  // Paths are joined as `${baseURL}/api/chat`: keep any prefix, drop trailing slashes.
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

function checkHeaders(value: unknown, issues: ValidationIssue[]): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.push({
      path: 'config.headers',
      expected: 'an object of header name → string',
      actual: renderValue(value),
    });
    return {};
  }
  const headers: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    const path = `config.headers[${JSON.stringify(name)}]`;
    if (!HEADER_NAME.test(name)) {
      issues.push({ path, expected: 'a header name made of token characters', actual: renderValue(name) });
    } else if (typeof v !== 'string' || BAD_HEADER_VALUE.test(v)) {
      // The value itself may be a secret: say what is wrong without echoing it.
      const actual = typeof v !== 'string' ? renderValue(v) : 'a string containing CR, LF or NUL';
      issues.push({ path, expected: 'a string without CR, LF or NUL', actual });
    } else {
      headers[name.toLowerCase()] = v;
    }
  }
  return headers;
}
