import type { ToolCallEvent } from '../protocols/openai/ToolCallEvent';
import { AivvmError } from './AivvmError';
import { afterText, finishPhrase } from './answerPhrases';
import { groupDigits, plural } from './groupDigits';
import { MAX_LISTED_ISSUES } from './limits';
import { renderIdentifier } from './renderValue';

/**
 * The answer is tool calls, which a text answer cannot carry: `createCompletion` delivers the text that came
 * with them (often none), then ends with this error, which holds the calls. Use `createCompletionEvents` to
 * receive tool calls as events.
 *
 * @example
 * ```ts
 * ai.createCompletion('llama3.2', messages, true).subscribe({
 *   error: (e) => { if (e instanceof ToolCallsError) console.log(e.calls.map((c) => `${c.name}(${c.arguments})`)); },
 * });
 * ```
 */
export class ToolCallsError extends AivvmError {
  declare readonly _tag: 'ToolCallsError';

  constructor(
    /** The whole calls, as `tool-call` events give them (raw JSON `arguments`). */
    readonly calls: readonly ToolCallEvent[],
    /** The answer's `finish_reason` (`'tool_calls'`; Ollama says `'stop'`), or `null`. */
    readonly reason: string | null,
    /** The answer text that arrived (and was delivered) with the calls. */
    readonly text: string,
  ) {
    // A hostile server can send 100 000 calls: the message names the first few and counts the rest.
    const shown = calls.slice(0, MAX_LISTED_ISSUES).map((call) => renderIdentifier(call.name));
    const more = calls.length - shown.length;
    const names = more > 0 ? `${shown.join(', ')} and ${groupDigits(more)} more` : shown.join(', ');
    super(
      'ToolCallsError',
      `the answer is ${calls.length === 0 ? 'a tool call the server did not send' : `${plural(calls.length, 'tool call')} (${names})`} ` +
        `instead of text (${finishPhrase(reason)}${afterText(text)}). createCompletion delivers text only: ` +
        'use createCompletionEvents to receive tool calls.',
    );
  }
}
