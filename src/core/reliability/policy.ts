import { defaultRetryWhen, type RetryWhen } from './defaultRetryWhen';

/** Deadlines of one completion, in milliseconds. `Infinity` (or leaving `total` out) means no deadline. */
export interface TimeoutOptions {
  /** From subscribe (of each attempt) to the first body byte; a server can send headers and then nothing. */
  readonly firstByte?: number;
  /** Between two body bytes: the chatbot-ui hang (a 200 that never ends) is caught here. */
  readonly idle?: number;
  /** For the whole completion, retries included. */
  readonly total?: number;
}

/** When and how often to retry. Retries happen only before any body byte was received. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly count?: number;
  /** The first delay; each further one doubles, with jitter. */
  readonly baseDelayMs?: number;
  /**
   * No backoff is longer than this; a server that asks for a longer wait (`Retry-After`, `retry-after-ms`,
   * "try again in 20s") is not retried: its error reaches the caller at once with `retryAfterMs` set.
   */
  readonly maxDelayMs?: number;
  /**
   * Which failures are retried, replacing the protocol's default (for Aivvm, {@link defaultRetryWhen}). Only
   * failures before any body byte are ever retried, whatever this says.
   */
  readonly when?: RetryWhen;
}

/** Reliability settings, on `createAivvm` and per call (per-call values win, field by field). */
export interface ReliabilityOptions {
  /** Deadlines for the first byte, between two bytes and for the whole completion. */
  readonly timeout?: TimeoutOptions;
  /** When and how often to retry a failure that came before any body byte. */
  readonly retry?: RetryOptions;
  /** Past this many body bytes the request is aborted with a `ResponseTooLargeError`. */
  readonly maxResponseBytes?: number;
}

/** Settings with every default applied. */
export interface Policy {
  /** Deadlines in milliseconds (`Infinity` for none); see {@link TimeoutOptions}. */
  readonly timeout: {
    /** From subscribe (of each attempt) to the first body byte. */
    readonly firstByte: number;
    /** Between two body bytes. */
    readonly idle: number;
    /** For the whole completion, retries included. */
    readonly total: number;
  };
  /** The retry settings; see {@link RetryOptions}. */
  readonly retry: {
    /** Retries after the first attempt; 0 disables retrying. */
    readonly count: number;
    /** The first delay in milliseconds; each further one doubles, with jitter. */
    readonly baseDelayMs: number;
    /** No backoff is longer than this many milliseconds. */
    readonly maxDelayMs: number;
    /** The retry decision: the protocol's default unless the config or the call replaced it. */
    readonly when: RetryWhen;
  };
  /** Past this many body bytes the request is aborted with a `ResponseTooLargeError`. */
  readonly maxResponseBytes: number;
}

/**
 * The defaults: 60 s to the first byte, 60 s between bytes, no total deadline, 2 retries decided by
 * {@link defaultRetryWhen}, 16 MiB. Another protocol starts from
 * `resolvePolicy(DEFAULT_POLICY, { retry: { when: itsOwnDefault } })`; the user's settings layer over that.
 */
export const DEFAULT_POLICY: Policy = /*#__PURE__*/ Object.freeze({
  timeout: /*#__PURE__*/ Object.freeze({ firstByte: 60_000, idle: 60_000, total: Infinity }),
  retry: /*#__PURE__*/ Object.freeze({
    count: 2,
    baseDelayMs: 500,
    maxDelayMs: 8_000,
    when: defaultRetryWhen,
  }),
  maxResponseBytes: 16_777_216, // 16 MiB, a literal: bundlers treat `16 * 1024 * 1024` as a side effect
});

/** Layers settings over a policy, field by field (later layers win; `undefined` fields are skipped). */
export function resolvePolicy(base: Policy, ...layers: readonly (ReliabilityOptions | undefined)[]): Policy {
  let policy = base;
  for (const layer of layers) {
    if (layer === undefined) continue;
    policy = {
      timeout: { ...policy.timeout, ...defined(layer.timeout) },
      retry: { ...policy.retry, ...defined(layer.retry) },
      maxResponseBytes: layer.maxResponseBytes ?? policy.maxResponseBytes,
    };
  }
  return policy;
}

function defined<T extends object>(value: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (value === undefined) return out;
  for (const [key, v] of Object.entries(value))
    if (v !== undefined) (out as Record<string, unknown>)[key] = v;
  return out;
}

/** The reliability part of options, without undefined keys (exactOptionalPropertyTypes). */
export function reliabilityOf(options: ReliabilityOptions): ReliabilityOptions {
  return {
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
  };
}
