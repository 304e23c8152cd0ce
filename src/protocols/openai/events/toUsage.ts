import type { WireUsage } from '../codecs';
import type { Usage } from '../types';

/** The three counts every server sends, read into {@link Usage}'s own fields; the rest goes to `details`. */
const COUNTS = /*#__PURE__*/ new Set(['prompt_tokens', 'completion_tokens', 'total_tokens']);

/**
 * The wire's snake_case usage → {@link Usage}: missing counts as 0, a missing total summed, the cached and reasoning
 * tokens read from `prompt_tokens_details` / `completion_tokens_details`, and every other non-null key the server
 * sent kept, as sent, in `details` (so nothing a server reports is lost).
 *
 * @example
 * ```ts
 * toUsage({ prompt_tokens: 9, completion_tokens: 3, prompt_tokens_details: { cached_tokens: 8 } });
 * // { promptTokens: 9, completionTokens: 3, totalTokens: 12, cachedTokens: 8,
 * //   details: { prompt_tokens_details: { cached_tokens: 8 } } }
 * ```
 */
export function toUsage(wire: WireUsage): Usage {
  const promptTokens = wire.prompt_tokens ?? 0;
  const completionTokens = wire.completion_tokens ?? 0;
  const cachedTokens = wire.prompt_tokens_details?.cached_tokens;
  const reasoningTokens = wire.completion_tokens_details?.reasoning_tokens;
  let details: Record<string, unknown> | undefined;
  for (const key of Object.keys(wire)) {
    const value = (wire as Record<string, unknown>)[key];
    if (COUNTS.has(key) || value === null || value === undefined) continue;
    (details ??= {})[key] = value;
  }
  return {
    promptTokens,
    completionTokens,
    totalTokens: wire.total_tokens ?? promptTokens + completionTokens,
    ...(typeof cachedTokens === 'number' ? { cachedTokens } : {}),
    ...(typeof reasoningTokens === 'number' ? { reasoningTokens } : {}),
    ...(details === undefined ? {} : { details }),
  };
}
