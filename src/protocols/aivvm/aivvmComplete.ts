import type { CompletionOptions } from '../../core/codecs';
import type { AivvmProvider } from './provider';
import type { Complete } from '../../conversation/types';

/**
 * The {@link Complete} function of a conversation over an Aivvm provider: a streamed `createCompletion` whose
 * leading system message is sent as the payload's `prompt` (the field chatbot-ui puts first upstream) instead of
 * a message. Without a system message the server's default prompt applies, and it is not counted in the budget:
 * give the conversation a `systemMessage` (e.g. `DEFAULT_SYSTEM_MESSAGE`) to count it.
 *
 * @example
 * ```ts
 * const conversation = createConversation(aivvmComplete(createAivvm({ baseURL }), 'gpt-4', { temperature: 0.2 }), {
 *   systemMessage: DEFAULT_SYSTEM_MESSAGE,
 *   budget: budgetFor('gpt-4'),
 * });
 * ```
 */
export function aivvmComplete(
  provider: Pick<AivvmProvider, 'createCompletion'>,
  model: string | null | undefined,
  options: Omit<CompletionOptions, 'systemMessage'> = {},
): Complete<string> {
  return (messages) => {
    const [first, ...rest] = messages;
    return first?.role === 'system'
      ? provider.createCompletion(model, rest, true, { ...options, systemMessage: first.content })
      : provider.createCompletion(model, messages, true, options);
  };
}
