import { finishKind, isTokenLimit } from '../core/finishKind';
import type { AnswerEvent, AnswerStatus, AnswerToolCall, ConversationAnswer } from './types';

/**
 * The answer with one more event applied: text, reasoning and refusal pieces are appended to `content`,
 * `reasoning` and `refusal`; tool-call pieces build `toolCalls` (the whole `tool-call` replaces its pieces); a
 * `finish` or `step-finish` sets `finishReason` and `usage` (a tool's outcome changes nothing here: it is a message
 * of its own). Returns `answer` itself when the event changes nothing (an empty
 * piece), so that no state is emitted for it.
 *
 * @example
 * ```ts
 * applyAnswerEvent({ role: 'assistant', content: 'Hel', status: 'streaming' }, { type: 'text', text: 'lo' });
 * // { role: 'assistant', content: 'Hello', status: 'streaming' }
 * ```
 */
export function applyAnswerEvent(answer: ConversationAnswer, event: AnswerEvent): ConversationAnswer {
  switch (event.type) {
    case 'text':
      return event.text === '' ? answer : { ...answer, content: answer.content + event.text };
    case 'reasoning':
      return event.text === '' ? answer : { ...answer, reasoning: (answer.reasoning ?? '') + event.text };
    case 'refusal':
      return event.text === '' ? answer : { ...answer, refusal: (answer.refusal ?? '') + event.text };
    case 'tool-call-delta': {
      const before = answer.toolCalls?.find((call) => call.index === event.index);
      const id = event.id || before?.id; // an empty id is no id (some servers send '' after the first piece)
      const name = event.name || before?.name;
      const call: AnswerToolCall = {
        index: event.index,
        ...(id === undefined ? {} : { id }),
        ...(name === undefined ? {} : { name }),
        arguments: (before?.arguments ?? '') + event.argumentsDelta,
        done: false,
      };
      return { ...answer, toolCalls: withCall(answer.toolCalls, call) };
    }
    case 'tool-call': {
      const call: AnswerToolCall = {
        index: event.index,
        id: event.id,
        name: event.name,
        arguments: event.arguments,
        done: true,
        ...(event.generatedId === true ? { generatedId: true } : {}),
      };
      return { ...answer, toolCalls: withCall(answer.toolCalls, call) };
    }
    case 'tool-start':
    case 'tool-result':
    case 'tool-error':
      // A tool's outcome is a message of its own (the conversation adds it), not a change of the answer.
      return answer;
    case 'step-finish':
    case 'finish':
      return event.usage === undefined
        ? { ...answer, finishReason: event.reason }
        : { ...answer, finishReason: event.reason, usage: event.usage };
  }
}

/**
 * How an answer that its server ended is marked, from its finish reason, read as `createCompletion` reads it
 * (case-insensitively, `finishKind`): `length` or `max_tokens` → `'truncated'`; a content filter (`content_filter`,
 * Gemini's `SAFETY`, `RECITATION` …) → `'filtered'`; anything else (`stop`, `tool_calls`, none, a server's own) →
 * `'done'`.
 *
 * @example
 * ```ts
 * endStatus('length'); // 'truncated'
 * ```
 */
export function endStatus(finishReason: string | null | undefined): AnswerStatus {
  if (finishReason === null || finishReason === undefined) return 'done';
  if (isTokenLimit(finishReason)) return 'truncated';
  return finishKind(finishReason) === 'content-filter' ? 'filtered' : 'done';
}

/** The calls with `call` in place of the one with its index, or added (the list stays in order of index). */
function withCall(
  calls: readonly AnswerToolCall[] | undefined,
  call: AnswerToolCall,
): readonly AnswerToolCall[] {
  const others = (calls ?? []).filter((c) => c.index !== call.index);
  return [...others, call].sort((a, b) => a.index - b.index);
}
