import { parseRetryAfter } from './transport/parseRetryAfter';

/**
 * The delay a server asked for before a retry, in milliseconds from `now`, read from (first match wins)
 * `retry-after-ms` (OpenAI), `Retry-After` (seconds or an HTTP date), then, on a 429 only, the latest of the
 * `x-ratelimit-reset-*` headers (OpenAI's durations such as `1s`, `6m0s`, `20ms`: servers send them on every
 * response, but they say when to retry only once a limit was hit). `undefined` when none is readable.
 *
 * @example
 * ```ts
 * retryAfterHeaders((name) => ({ 'retry-after-ms': '250' })[name], Date.now(), 503); // 250
 * retryAfterHeaders((name) => ({ 'x-ratelimit-reset-tokens': '1m2.5s' })[name], Date.now(), 429); // 62500
 * ```
 */
export function retryAfterHeaders(
  header: (name: string) => string | undefined,
  now: number,
  status: number,
): number | undefined {
  const ms = header('retry-after-ms')?.trim();
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  const retryAfter = parseRetryAfter(header('retry-after'), now);
  if (retryAfter !== undefined || status !== 429) return retryAfter;
  const resets = RESET_HEADERS.map((name) => parseDuration(header(name))).filter(
    (value): value is number => value !== undefined,
  );
  return resets.length > 0 ? Math.max(...resets) : undefined;
}

const RESET_HEADERS = ['x-ratelimit-reset-requests', 'x-ratelimit-reset-tokens', 'x-ratelimit-reset'];
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** `1h2m3.5s`, `20ms`, `6m0s` or a bare number of seconds → milliseconds; `undefined` when unreadable. */
function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const parts = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/.test(text)
    ? text.match(/\d+(?:\.\d+)?(?:ms|h|m|s)/g)
    : null;
  if (parts === null) return undefined;
  let total = 0;
  for (const part of parts) {
    const unit = /(ms|h|m|s)$/.exec(part)?.[1] ?? 's';
    total += Number.parseFloat(part) * (UNIT_MS[unit] ?? 1000);
  }
  return Math.round(total);
}
