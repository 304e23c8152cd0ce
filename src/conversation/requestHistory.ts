import type { Message } from '../core/codecs';
import type { ConversationMessage } from './types';

/**
 * The messages a conversation sends for its next answer, before the budget is applied: every message as
 * `{ role, content }` only, in order, except answers with no text (one cut before its first chunk, or one that
 * failed before any text arrived), which would only cost tokens. Cut and failed answers that have text are sent:
 * the user saw them.
 *
 * @example
 * ```ts
 * requestHistory([{ role: 'user', content: 'Hi' }, { role: 'assistant', content: '', status: 'cut' }]);
 * // [{ role: 'user', content: 'Hi' }]
 * ```
 */
export function requestHistory(messages: readonly ConversationMessage[]): Message[] {
  return messages
    .filter((message) => message.role !== 'assistant' || message.content !== '')
    .map(({ role, content }) => ({ role, content }));
}
