/** What a reason phrase says about retrying: whether the upstream was only busy, and for how long. */
export interface ReasonPhraseClass {
  /** `'rateLimited'` or `'overloaded'`: a transient upstream state; `'final'`: anything else. */
  readonly kind: 'rateLimited' | 'overloaded' | 'final';
  /** The delay the phrase asks for (`try again in 20s`), in milliseconds, when it states one. */
  readonly retryAfterMs: number | undefined;
}

// OpenAI's rate-limit text, which chatbot-ui forwards as the reason phrase of a 500. "You exceeded your current
// quota" (insufficient_quota) is also a 429 upstream but deterministic: it does not match.
const RATE_LIMITED = /\brate[ -]?limit(?:ed)?\b|\btoo many requests\b/i;
// "That model is currently overloaded with other requests.", "The server is overloaded or not ready yet."
const OVERLOADED = /\boverloaded\b/i;
// "Please try again in 20s." / "in 1m30s" / "in 250ms" / "in 6.5s" (OpenAI's duration format).
const TRY_AGAIN_IN = /\btry again in ((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i;
// "Please retry after 20 seconds." (Azure OpenAI's wording).
const RETRY_AFTER_SECONDS = /\bretry after (\d+(?:\.\d+)?) ?(?:s|sec|secs|seconds?)\b/i;
const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/**
 * Reads an upstream message carried in an HTTP reason phrase (chatbot-ui turns every upstream failure into a
 * `500` with that message): is the upstream rate-limited or overloaded (worth retrying), and what delay does it
 * ask for? Everything else is `'final'`: "model does not exist", "maximum context length", a bad key, or the
 * generic `Internal Server Error` would fail the same way again.
 *
 * @example
 * ```ts
 * classifyReasonPhrase('Rate limit reached for default-gpt-3.5-turbo … Please try again in 20s. …');
 * // { kind: 'rateLimited', retryAfterMs: 20000 }
 * classifyReasonPhrase("This model's maximum context length is 4097 tokens…"); // { kind: 'final', retryAfterMs: undefined }
 * ```
 */
export function classifyReasonPhrase(reason: string): ReasonPhraseClass {
  const kind = RATE_LIMITED.test(reason) ? 'rateLimited' : OVERLOADED.test(reason) ? 'overloaded' : 'final';
  return { kind, retryAfterMs: kind === 'final' ? undefined : retryAfterFromReason(reason) };
}

/**
 * The delay a message asks for, in milliseconds: `try again in 20s` → 20 000, `in 1m30s` → 90 000,
 * `in 250ms` → 250, `in 6.5s` → 6 500, `retry after 20 seconds` → 20 000; `undefined` when it states none.
 *
 * @example
 * ```ts
 * retryAfterFromReason('Please try again in 1m30s.'); // 90000
 * ```
 */
export function retryAfterFromReason(reason: string): number | undefined {
  // Reason phrases come from servers: look at a bounded prefix only, whatever its length.
  const text = reason.slice(0, 2000);
  const tryAgain = TRY_AGAIN_IN.exec(text)?.[1];
  if (tryAgain !== undefined) {
    let ms = 0;
    for (const [, amount, unit] of tryAgain.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/gi))
      ms += Number(amount) * (UNIT_MS[(unit ?? '').toLowerCase()] ?? 0);
    return Math.ceil(ms);
  }
  const seconds = RETRY_AFTER_SECONDS.exec(text)?.[1];
  return seconds === undefined ? undefined : Math.ceil(Number(seconds) * 1000);
}
