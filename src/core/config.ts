import type { AxiosInstance } from 'axios';
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { BaseURL, RequestHeaders, strictPartial, withReliability } from './codecs';
import { InvalidRequestError, renderIdentifier, renderValue } from '../errors';
import {
  DEFAULT_POLICY,
  reliabilityOf,
  resolvePolicy,
  type Policy,
  type RetryOptions,
  type TimeoutOptions,
} from './reliability/policy';
import { snapshotPlain, unreadable, type ReadingAt } from './snapshot';
import { collectIssues, pathStep, type RenderActual } from './toIssues';
import { defaultTransportName, type TransportName } from './transport';

/** The public Aivvm service's address. The service is gone: point `baseURL` at your own server. */
export const AIVVM_PUBLIC_URL = 'https://chat.aivvm.com';

/**
 * The configuration every provider shares: transport, headers and reliability. Every field is optional.
 *
 * @example
 * ```ts
 * const shared: SharedConfig = { timeout: { idle: 10_000 }, retry: { count: 1 } };
 * createAivvm({ baseURL: 'http://127.0.0.1:8787', ...shared });
 * ```
 */
export interface SharedConfig {
  /** An axios instance to send requests with (interceptors, agents, proxies); default a private one. */
  readonly axios?: AxiosInstance;
  /**
   * Extra request headers; they win over the provider's own (the Aivvm seed's browser-like ones). The values of
   * credential headers (a name with `auth`, `key`, `token`, `secret`, `cookie`, `session`, `passw`, `signature`
   * or `credential`; 8 characters or more) never appear in an error, even when the server echoes them.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * `'node'` (axios `http` adapter) or `'fetch'` (axios `fetch` adapter, the one that streams in browsers).
   * Default: `'node'` in Node.js, `'fetch'` elsewhere.
   */
  readonly transport?: TransportName;
  /** Deadlines in ms: `firstByte` (default 60 000), `idle` (default 60 000), `total` (default none). */
  readonly timeout?: TimeoutOptions;
  /** Retries before the first body byte: `count` (2), `baseDelayMs` (500), `maxDelayMs` (8 000), `when`. */
  readonly retry?: RetryOptions;
  /** Past this many body bytes a completion fails with `ResponseTooLargeError`. Default 16 MiB. */
  readonly maxResponseBytes?: number;
  /** Where timers run (timeouts, retry delays); a `TestScheduler` or `VirtualTimeScheduler` in tests. */
  readonly scheduler?: SchedulerLike;
}

/** Configuration of {@link createAivvm}. Every field is optional. */
export interface AivvmConfig extends SharedConfig {
  /** Origin (and optional path prefix) of an Aivvm / chatbot-ui server. Default {@link AIVVM_PUBLIC_URL}. */
  readonly baseURL?: string;
}

/** A configuration with every field checked and normalised. */
export interface ResolvedConfig {
  /** The server's base URL: `origin + path`, no trailing slash, no credentials. */
  readonly baseURL: string;
  /** The caller's axios instance, or `undefined` for a private one. */
  readonly axios: AxiosInstance | undefined;
  /** The caller's extra headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The axios adapter requests go through: `'node'` or `'fetch'`. */
  readonly transport: TransportName;
  /** The reliability policy every call starts from. */
  readonly policy: Policy;
  /** Where timers run (timeouts, retry delays); `asyncScheduler` unless the config gave one. */
  readonly scheduler: SchedulerLike;
  /** True outside Node.js: the headers browsers refuse to set are left out. */
  readonly browser: boolean;
}

/** A transport's name. */
const Transport = /*#__PURE__*/ t.keyof({ node: null, fetch: null }, '"node" | "fetch"');

/** Anything that sends requests the way an axios instance does. */
const isAxios = (u: unknown): u is AxiosInstance =>
  typeof u === 'function' && typeof (u as { request?: unknown }).request === 'function';
const AxiosLike = /*#__PURE__*/ new t.Type<AxiosInstance>(
  'an AxiosInstance',
  isAxios,
  (u, c) => (isAxios(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** An rxjs scheduler (real or virtual time). */
const isScheduler = (u: unknown): u is SchedulerLike =>
  typeof u === 'object' && u !== null && typeof (u as { schedule?: unknown }).schedule === 'function';
const Scheduler = /*#__PURE__*/ new t.Type<SchedulerLike>(
  'an rxjs SchedulerLike',
  isScheduler,
  (u, c) => (isScheduler(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** The whole configuration, checked the way a completion's options are (unknown keys rejected). */
const Config = /*#__PURE__*/ strictPartial(
  /*#__PURE__*/ withReliability({
    baseURL: BaseURL,
    axios: AxiosLike,
    headers: RequestHeaders,
    transport: Transport,
    scheduler: Scheduler,
  }),
);

// The transport name and a base URL without credentials are safe to show; header values, never. A query or
// fragment may hold a key (`?api_key=…`): it is shown as `?…` / `#…`.
const renderConfigValue: RenderActual = (path, value) => {
  if (path === 'config.transport') return renderIdentifier(value);
  // A header name that is refused is already in its path: show it (a value equal to it shows nothing new either).
  if (typeof value === 'string' && path === `config.headers${pathStep(value, false)}`)
    return renderValue(value);
  if (path === 'config.baseURL' && typeof value === 'string' && !/@/.test(value)) {
    return renderValue(value.replace(/([?#])[\s\S]*$/, '$1…'));
  }
  return undefined;
};

/**
 * Checks a configuration without throwing (a throwing getter included). Errors name the field and never show
 * a header value or a password, e.g. `config.baseURL: expected an http(s) URL …, got "ftp://x"`.
 *
 * @example
 * ```ts
 * validateConfig({ baseURL: 'http://127.0.0.1:8787/' }); // Right({ baseURL: 'http://127.0.0.1:8787', … })
 * ```
 */
export function validateConfig(config: unknown): E.Either<InvalidRequestError, ResolvedConfig> {
  const at: ReadingAt = { path: 'config' };
  let decoded: t.Validation<t.TypeOf<typeof Config>>;
  try {
    if (config === undefined || config === null) return E.right(defaultConfig());
    // config → headers / retry → value: read once, so what was checked is what is used.
    const copy = snapshotPlain(config, 3, 'config', at);
    decoded = Config.validate(copy, [{ key: 'config', type: Config, actual: copy }]);
  } catch {
    return E.left(unreadable(at));
  }
  if (E.isLeft(decoded)) {
    const { issues, omitted } = collectIssues(decoded.left, renderConfigValue);
    return E.left(new InvalidRequestError(issues, omitted));
  }
  const c = decoded.right;
  const defaults = defaultConfig();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    // defineProperty, not assignment: whatever the name, it stays a key (`headers['__proto__'] = v` is lost).
    Object.defineProperty(headers, name.toLowerCase(), {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return E.right({
    ...defaults,
    baseURL: c.baseURL ?? AIVVM_PUBLIC_URL,
    axios: c.axios,
    headers,
    transport: c.transport ?? defaultTransportName(),
    policy: resolvePolicy(DEFAULT_POLICY, reliabilityOf(c)),
    scheduler: c.scheduler ?? asyncScheduler,
  });
}

/**
 * The configuration of the default {@link Aivvm} provider.
 *
 * @example
 * ```ts
 * defaultConfig().baseURL; // 'https://chat.aivvm.com'
 * ```
 */
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
