import type { AivvmProvider, OpenAICompatibleProvider } from '..';

/**
 * The providers the Angular service can answer with: Aivvm's (`createAivvm`) or an OpenAI-compatible
 * server's (`createOpenAICompatible`). A relay client (`createRelayProvider`) has the OpenAI-compatible shape, so
 * it is one of these too: the key stays on your server.
 *
 * @example
 * ```ts
 * const provider: ChatProvider = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' });
 * const relay: ChatProvider = createRelayProvider({ baseURL: '/api/relay' });
 * ```
 */
export type ChatProvider = AivvmProvider | OpenAICompatibleProvider;

/** An OpenAI-compatible provider is the one with `createCompletionEvents` (Aivvm's has no event stream). */
export function isOpenAIProvider(
  provider: ChatProvider,
): provider is Extract<ChatProvider, { readonly createCompletionEvents: unknown }> {
  return 'createCompletionEvents' in provider;
}
