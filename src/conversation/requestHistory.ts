import type { ConversationMessage, HistoryMessage } from './types';

/** Options of {@link requestHistory}. */
export interface RequestHistoryOptions {
  /** Send each answer's `reasoning` with it (default false: reasoning is shown, not sent back). */
  readonly sendReasoning?: boolean;
}

/**
 * The messages a conversation sends for its next answer, before the budget is applied: every message as
 * `{ role, content }`, in order. An answer's refusal is sent as its content (it is what the model said: after the
 * text, if both came); its
 * reasoning only with `sendReasoning` (as `reasoning`); its tool calls never. Answers with no text (one cut
 * before its first chunk, one that failed before any text arrived, one with only reasoning or tool calls) are
 * left out: they would only cost tokens. Cut, truncated and failed answers that have text are sent: the user saw
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
    if (message.role !== 'assistant') {
      sent.push({ role: message.role, content: message.content });
      positions.push(index);
      continue;
    }
    const content = [message.content, message.refusal ?? ''].filter((text) => text !== '').join('\n\n');
    if (content === '') continue;
    const { reasoning } = message;
    sent.push(
      options.sendReasoning === true && reasoning !== undefined && reasoning !== ''
        ? { role: 'assistant', content, reasoning }
        : { role: 'assistant', content },
    );
    positions.push(index);
  }
  return { sent, positions };
}
