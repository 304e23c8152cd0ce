/**
 * `aivvm-rx/tokenizer`: exact token counts for GPT-3.5 and GPT-4 (`cl100k_base`, via js-tiktoken), for a
 * conversation's context budget. A separate entry because its rank table is about 1 MB: the root entry's cheap
 * `estimateMessageTokens` costs nothing.
 *
 * @example
 * ```ts
 * import { budgetFor, createConversation } from 'aivvm-rx';
 * import { countMessageTokens } from 'aivvm-rx/tokenizer';
 *
 * createConversation(complete, { budget: budgetFor('gpt-4', { countTokens: countMessageTokens }) });
 * ```
 *
 * @packageDocumentation
 */
export { countTokens, countMessageTokens } from './countTokens';
