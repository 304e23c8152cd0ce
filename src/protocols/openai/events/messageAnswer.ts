import type { WireMessage } from '../codecs';
import type { AnswerSummary } from './answerProblem';
import { deltaEvents } from './deltaEvents';
import { createToolCallAssembler } from './toolCallAssembler';

/**
 * A whole `stream: false` message read as one delta: its text (a string or text parts), refusal and tool calls
 * (ids made up where missing), with the choice's `finish_reason`. Reasoning is read but not kept: a text answer
 * does not include it.
 *
 * @example
 * ```ts
 * messageAnswer({ content: null, refusal: "I can't help with that." }, 'stop');
 * // { text: '', refusal: "I can't help with that.", toolCalls: [], reason: 'stop' }
 * ```
 */
export function messageAnswer(message: WireMessage, reason: string | null): AnswerSummary {
  const tools = createToolCallAssembler();
  let text = '';
  let refusal = '';
  let reasoning = '';
  deltaEvents(message, tools, (event) => {
    if (event.type === 'text') text += event.text;
    else if (event.type === 'refusal') refusal += event.text;
    else if (event.type === 'reasoning') reasoning += event.text;
  });
  return { text, refusal, reasoning, toolCalls: tools.calls(), reason };
}
