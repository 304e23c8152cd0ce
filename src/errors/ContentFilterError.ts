import { AivvmError } from './AivvmError';
import { afterText, finishPhrase } from './answerPhrases';

/**
 * The answer was stopped by a content filter (`finish_reason` `content_filter`, or a Gemini gateway's `SAFETY`,
 * `RECITATION`, `BLOCKLIST`, `PROHIBITED_CONTENT`, `SPII`, `IMAGE_SAFETY`): `createCompletion` ends with this error
 * instead of completing as if the answer were whole. Text that arrived before it was delivered first.
 *
 * @example
 * ```ts
 * ai.createCompletion('gpt-4o', messages, true).subscribe({
 *   error: (e) => { if (e instanceof ContentFilterError) console.warn(`filtered (${e.reason}) after`, e.text); },
 * });
 * ```
 */
export class ContentFilterError extends AivvmError {
  declare readonly _tag: 'ContentFilterError';

  constructor(
    /** The `finish_reason` as sent, e.g. `'content_filter'`. */
    readonly reason: string,
    /** The answer text that arrived (and was delivered) before the filter stopped it. */
    readonly text: string,
  ) {
    super(
      'ContentFilterError',
      `the answer was stopped by a content filter (${finishPhrase(reason)}${afterText(text)}), so it is not whole. ` +
        "Rephrase the request, or check the server's content filter settings.",
    );
  }
}
