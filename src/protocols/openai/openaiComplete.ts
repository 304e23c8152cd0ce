import type { Complete } from '../../conversation/types';
import { fromHistory } from './fromHistory';
import type { OpenAICompatibleProvider } from './createOpenAICompatible';
import type { CompletionEvent, OpenAICompletionOptions } from './types';

/**
 * The {@link Complete} function of a conversation over an OpenAI-compatible provider: its streamed
 * `createCompletionEvents`, so each answer keeps what the server sends beside the text — its finish reason
 * (`length` makes the answer `'truncated'`, `content_filter` `'filtered'`), usage, reasoning, refusal and tool
 * calls. The conversation's system message travels as the first message (the protocol has system messages), so
 * `options` take no `systemMessage`. An answer's reasoning sent back with the conversation's `sendReasoning` is not
 * on the wire, except with an answer's tool calls (as `reasoning_content`, see `fromHistory`): answers with tool
 * calls that ran (in a conversation over `toolsComplete`) go as the assistant's `tool_calls` and `tool` messages.
 *
 * @example
 * ```ts
 * const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' });
 * const conversation = createConversation(openaiComplete(ai, 'llama3.2', { maxTokens: 500 }), {
 *   systemMessage: 'Answer in one sentence.',
 *   budget: { maxTokens: 8192, reserveForAnswer: 500 },
 * });
 * conversation.messages$.subscribe((messages) => console.log(messages.at(-1)));
 * conversation.send('What is RxJS?'); // the answer ends 'done', or 'truncated' when cut at maxTokens
 * ```
 */
export function openaiComplete(
  provider: Pick<OpenAICompatibleProvider, 'createCompletionEvents'>,
  model: string,
  options: Omit<OpenAICompletionOptions, 'systemMessage'> = {},
): Complete<CompletionEvent> {
  return (messages) => provider.createCompletionEvents(model, fromHistory(messages), options);
}
