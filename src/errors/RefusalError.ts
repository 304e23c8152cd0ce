import { AivvmError } from './AivvmError';
import { afterText, finishPhrase } from './answerPhrases';
import { capText } from './capText';

/** How much of a refusal {@link RefusalError.message} quotes (the whole text is on `refusal`). */
const MAX_QUOTED_REFUSAL = 300;

/**
 * The model refused (OpenAI's `delta.refusal` / `message.refusal`): the answer is a refusal, not text, so
 * `createCompletion` ends with this error instead of completing with `''`. Text that arrived before it was
 * delivered first; `createCompletionEvents` gives the refusal as `refusal` events instead.
 *
 * @example
 * ```ts
 * ai.createCompletion('gpt-4o', messages, true).subscribe({
 *   error: (e) => { if (e instanceof RefusalError) showRefusal(e.refusal); }, // "I'm sorry, I can't help with that."
 * });
 * ```
 */
export class RefusalError extends AivvmError {
  declare readonly _tag: 'RefusalError';

  constructor(
    /** The whole refusal text the model sent. */
    readonly refusal: string,
    /** The answer's `finish_reason` (`'stop'` on OpenAI), or `null` when there was none. */
    readonly reason: string | null,
    /** The answer text that arrived (and was delivered) before, usually `''`. */
    readonly text: string,
  ) {
    super(
      'RefusalError',
      `the model refused to answer (${finishPhrase(reason)}${afterText(text)}): ${capText(JSON.stringify(refusal), MAX_QUOTED_REFUSAL)}. ` +
        'Read refusals as events with createCompletionEvents, or rephrase the request.',
    );
  }
}
