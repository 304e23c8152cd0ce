import { isTokenLimit } from '../core/finishKind';
import { AivvmError } from './AivvmError';
import { finishPhrase } from './answerPhrases';
import { plural } from './groupDigits';

/**
 * The answer has reasoning and no text at all: a reasoning model that spent its whole `maxTokens` thinking
 * (`finish_reason` `length`), or a server whose reasoning parser put the whole answer in `reasoning_content`
 * (an end of thinking it did not recognise). Rather than report an empty answer as a success, `createCompletion`
 * ends with this error, which carries the reasoning.
 *
 * @example
 * ```ts
 * ai.createCompletion('deepseek-r1', messages, true, { maxTokens: 64 }).subscribe({
 *   error: (e) => { if (e instanceof ReasoningOnlyError) console.warn(e.reason, e.reasoning.length); }, // 'length'
 * });
 * ```
 */
export class ReasoningOnlyError extends AivvmError {
  declare readonly _tag: 'ReasoningOnlyError';

  constructor(
    /** The reasoning that arrived (`createCompletionEvents` gives it as `reasoning` events). */
    readonly reasoning: string,
    /** The `finish_reason` as sent, `null` when none came. */
    readonly reason: string | null,
  ) {
    super(
      'ReasoningOnlyError',
      `the answer has ${plural(reasoning.length, 'character')} of reasoning and no text (${finishPhrase(reason)}). ` +
        (reason !== null && isTokenLimit(reason)
          ? 'The model used its whole token budget thinking: raise maxTokens.'
          : 'The server may have put the whole answer in its reasoning field: check its reasoning parser.') +
        ' The reasoning is on this error (reasoning), and createCompletionEvents gives it as events.',
    );
  }
}
