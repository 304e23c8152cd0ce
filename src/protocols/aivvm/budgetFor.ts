import { contextTokens, type ModelId } from './modelTable';
import type { ContextBudget, TokenCounter } from '../../conversation/types';

/**
 * The share of the context window {@link budgetFor} keeps for the answer when not told: a quarter.
 *
 * @example
 * ```ts
 * budgetFor('gpt-4').reserveForAnswer === 8192 * DEFAULT_RESERVE_FRACTION; // true
 * ```
 */
export const DEFAULT_RESERVE_FRACTION = 0.25;

/**
 * The context budget of a model of the table: its context window (`contextTokens[model]`), a quarter of it kept
 * for the answer unless `reserveForAnswer` says otherwise, and the given counter (default: the estimate).
 *
 * @example
 * ```ts
 * budgetFor('gpt-4');                                  // { maxTokens: 8192, reserveForAnswer: 2048 }
 * budgetFor('gpt-3.5-turbo', { reserveForAnswer: 500, countTokens: countMessageTokens }); // aivvm-rx/tokenizer
 * ```
 */
export function budgetFor(
  model: ModelId,
  options: { readonly reserveForAnswer?: number; readonly countTokens?: TokenCounter } = {},
): ContextBudget {
  const maxTokens = contextTokens[model];
  const reserveForAnswer = options.reserveForAnswer ?? Math.floor(maxTokens * DEFAULT_RESERVE_FRACTION);
  return options.countTokens === undefined
    ? { maxTokens, reserveForAnswer }
    : { maxTokens, reserveForAnswer, countTokens: options.countTokens };
}
