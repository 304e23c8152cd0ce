import type { ConversationMessage, HistoryMessage, HistoryToolCall } from './types';

/** Options of {@link requestHistory}. */
export interface RequestHistoryOptions {
  /** Send each answer's `reasoning` with it (default false: reasoning is shown, not sent back). */
  readonly sendReasoning?: boolean;
}

/**
 * The messages a conversation sends for its next answer, before the budget is applied: every message as
 * `{ role, content }`, in order. An answer's refusal is sent as its content (it is what the model said: after the
 * text, if both came); its reasoning only with `sendReasoning` (as `reasoning`); its tool calls that have an
 * outcome (a `tool` message after it) as `toolCalls`, each with what the model got back, and the `tool` messages
 * not apart. Calls without an outcome are data only (a `Complete` that does not run tools): not sent. Answers with
 * neither text nor calls sent (one cut before its first chunk, one that failed before any text arrived, one with
 * only reasoning) are left out: they would only cost tokens. Cut, truncated and failed answers that have text are sent: the user saw
 * them.
 *
 * @example
 * ```ts
 * requestHistory([{ role: 'user', content: 'Hi' }, { role: 'assistant', content: '', status: 'cut' }]);
 * // [{ role: 'user', content: 'Hi' }]
 * ```
 */
export function requestHistory(
  messages: readonly ConversationMessage[],
  options: RequestHistoryOptions = {},
): HistoryMessage[] {
  return historyOf(messages, options).sent;
}

/** {@link requestHistory}, with the index in `messages` of each message sent (for errors that name one). */
export function historyOf(
  messages: readonly ConversationMessage[],
  options: RequestHistoryOptions,
): { readonly sent: HistoryMessage[]; readonly positions: number[] } {
  const sent: HistoryMessage[] = [];
  const positions: number[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role === 'tool') continue; // sent with the call it answers
    if (message.role !== 'assistant') {
      sent.push({ role: message.role, content: message.content });
      positions.push(index);
      continue;
    }
    const content = [message.content, message.refusal ?? ''].filter((text) => text !== '').join('\n\n');
    const calls = answeredCalls(messages, index);
    if (content === '' && calls.length === 0) continue;
    const { reasoning } = message;
    sent.push({
      role: 'assistant',
      content,
      ...(options.sendReasoning === true && reasoning !== undefined && reasoning !== '' ? { reasoning } : {}),
      ...(calls.length > 0 ? { toolCalls: calls } : {}),
    });
    positions.push(index);
  }
  return { sent, positions };
}

/** The calls of the answer at `index` that a `tool` message after it answers, in the order of the calls. */
function answeredCalls(messages: readonly ConversationMessage[], index: number): HistoryToolCall[] {
  const answer = messages[index];
  if (answer?.role !== 'assistant' || answer.toolCalls === undefined) return [];
  const outcomes = new Map<string, string>();
  for (let i = index + 1; i < messages.length; i++) {
    const message = messages[i];
    if (message?.role !== 'tool') break;
    outcomes.set(message.toolCallId, message.content);
  }
  const calls: HistoryToolCall[] = [];
  for (const call of answer.toolCalls) {
    const content = call.id === undefined ? undefined : outcomes.get(call.id);
    if (call.done && call.id !== undefined && call.name !== undefined && content !== undefined)
      calls.push({ id: call.id, name: call.name, arguments: call.arguments, content });
  }
  return calls;
}
