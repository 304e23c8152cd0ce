import { AivvmError } from './AivvmError';

/**
 * The newest message (with the system message, which is always kept) does not fit the context budget even after
 * every older turn was dropped. Nothing was sent: a conversation never drops that message silently (the
 * chatbot-ui server does, and the model then answers its system prompt alone).
 *
 * @example
 * ```ts
 * conversation.state$.subscribe(({ error }) => {
 *   if (error instanceof ContextBudgetError) alert(`Your message is ${error.over} tokens too long`);
 * });
 * ```
 */
export class ContextBudgetError extends AivvmError {
  declare readonly _tag: 'ContextBudgetError';
  /** By how many tokens the budget is exceeded: `needed - available`. */
  readonly over: number;

  constructor(
    /** Tokens the system message and the newest message need together. */
    readonly needed: number,
    /** Tokens the prompt may use: `maxTokens - reserveForAnswer - REPLY_PRIMING_TOKENS`. */
    readonly available: number,
    /** The budget's `maxTokens`. */
    readonly maxTokens: number,
    /** The budget's `reserveForAnswer`. */
    readonly reserveForAnswer: number,
    /** Tokens of the system message(s) alone, part of `needed`. */
    readonly systemTokens: number,
  ) {
    super(
      'ContextBudgetError',
      `context budget exceeded by ${needed - available} tokens: the newest message` +
        (systemTokens > 0 ? ` and the system message (${systemTokens} tokens)` : '') +
        ` ${systemTokens > 0 ? 'need' : 'needs'} ${needed} tokens, but the prompt may use ${available} ` +
        `(budget.maxTokens ${maxTokens} − budget.reserveForAnswer ${reserveForAnswer} − 3 for the reply's priming). ` +
        'Nothing was sent: shorten the message (edit it), lower reserveForAnswer, or use a model with a larger context.',
    );
    this.over = needed - available;
  }
}
