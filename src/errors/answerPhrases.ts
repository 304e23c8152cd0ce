import { plural } from './groupDigits';
import { renderValue } from './renderValue';

/** Phrases shared by the messages of the errors for answers that are not text (refusal, filter, tool calls …). */

/** `finish_reason "stop"`, or `no finish_reason` for `null`. */
export function finishPhrase(reason: string | null): string {
  return reason === null ? 'no finish_reason' : `finish_reason ${renderValue(reason, 80)}`;
}

/** `, after the 12 characters of text delivered`, or nothing when no text arrived. */
export function afterText(text: string): string {
  return text === '' ? '' : `, after the ${plural(text.length, 'character')} of text delivered`;
}
