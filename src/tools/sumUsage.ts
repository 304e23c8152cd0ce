import type { Usage } from '../protocols/openai/types';

/**
 * Two usages added field by field (`cachedTokens` and `reasoningTokens` when either has them; `details` are per
 * completion and not added). `undefined` counts as nothing.
 *
 * @example
 * ```ts
 * sumUsage({ promptTokens: 5, completionTokens: 2, totalTokens: 7 }, { promptTokens: 9, completionTokens: 3, totalTokens: 12 });
 * // { promptTokens: 14, completionTokens: 5, totalTokens: 19 }
 * ```
 */
export function sumUsage(a: Usage | undefined, b: Usage | undefined): Usage | undefined {
  if (a === undefined || b === undefined) return a ?? (b === undefined ? undefined : withoutDetails(b));
  const cached = add(a.cachedTokens, b.cachedTokens);
  const reasoning = add(a.reasoningTokens, b.reasoningTokens);
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    ...(cached !== undefined ? { cachedTokens: cached } : {}),
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
  };
}

function withoutDetails(usage: Usage): Usage {
  const { details: _details, ...rest } = usage;
  return rest;
}

function add(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}
