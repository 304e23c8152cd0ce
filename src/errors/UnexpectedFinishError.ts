import { AivvmError } from './AivvmError';
import { afterText, finishPhrase } from './answerPhrases';

/**
 * The answer ended with a `finish_reason` that says it is neither whole nor cut by `length`, and that is not a
 * refusal, a content filter or tool calls: e.g. a Gemini gateway's `function_call_filter: MALFORMED_FUNCTION_CALL`.
 * Rather than report a broken answer as a success, `createCompletion` ends with this error after the text.
 *
 * @example
 * ```ts
 * ai.createCompletion('gemini', messages, true).subscribe({
 *   error: (e) => { if (e instanceof UnexpectedFinishError) console.warn(e.reason); }, // 'MALFORMED_FUNCTION_CALL'
 * });
 * ```
 */
export class UnexpectedFinishError extends AivvmError {
  declare readonly _tag: 'UnexpectedFinishError';

  constructor(
    /** The `finish_reason` as sent. */
    readonly reason: string,
    /** The answer text that arrived (and was delivered) before. */
    readonly text: string,
  ) {
    super(
      'UnexpectedFinishError',
      `the answer ended with ${finishPhrase(reason)}${afterText(text)}, which is neither "stop" nor "length": ` +
        'the server says the answer is not a whole text. Read the events with createCompletionEvents to see what arrived.',
    );
  }
}
