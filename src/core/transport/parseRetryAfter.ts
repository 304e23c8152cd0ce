/**
 * Parses a `Retry-After` header (delay-seconds or an HTTP-date) into milliseconds from `now`.
 * Returns `undefined` when absent or unreadable; a date in the past gives 0.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Parses an OpenAI-style `retry-after-ms` header (a non-negative number of milliseconds). */
export function parseRetryAfterMs(value: string | undefined): number | undefined {
  const text = value?.trim() ?? '';
  return /^\d+(?:\.\d+)?$/.test(text) ? Math.ceil(Number(text)) : undefined;
}
