import type { HistoryMessage } from '../../conversation/types';
import type { OpenAIAssistantMessage, OpenAIMessage } from './messages';

/**
 * A conversation's protocol-free history as OpenAI messages: an answer with `toolCalls` becomes the assistant
 * message with its `tool_calls` (content `null` when it had no text; its `reasoning`, when the conversation sends
 * reasoning, as `reasoning_content`, which DeepSeek's thinking mode wants with tool calls), then one `tool` message
 * per call with what the model got back. Other messages go as `{ role, content }`.
 *
 * @example
 * ```ts
 * fromHistory([{ role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'add', arguments: '{}', content: '3' }] }]);
 * // [{ role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'add', arguments: '{}' } }] },
 * //  { role: 'tool', tool_call_id: 'c1', content: '3' }]
 * ```
 */
export function fromHistory(messages: readonly HistoryMessage[]): OpenAIMessage[] {
  const wire: OpenAIMessage[] = [];
  for (const message of messages) {
    const calls = message.role === 'assistant' ? (message.toolCalls ?? []) : [];
    if (calls.length === 0) {
      wire.push({ role: message.role, content: message.content });
      continue;
    }
    const assistant: OpenAIAssistantMessage = {
      role: 'assistant',
      content: message.content === '' ? null : message.content,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
      ...(message.reasoning !== undefined && message.reasoning !== ''
        ? { reasoning_content: message.reasoning }
        : {}),
    };
    wire.push(
      assistant,
      ...calls.map((call) => ({ role: 'tool' as const, tool_call_id: call.id, content: call.content })),
    );
  }
  return wire;
}
