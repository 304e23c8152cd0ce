import { createAivvm, describeValue, InvalidRequestError, type AivvmConfig, type ServerModel } from '..';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import { isOpenAIProvider, type ChatProvider } from './ChatProvider';

function looksLikeProvider(u: unknown): u is ChatProvider {
  try {
    return (
      typeof u === 'object' &&
      u !== null &&
      typeof (u as { url?: unknown }).url === 'string' &&
      typeof (u as { createCompletion?: unknown }).createCompletion === 'function' &&
      typeof (u as { listModels?: unknown }).listModels === 'function'
    );
  } catch {
    return false; // a getter or Proxy trap that throws: not a provider, and an InvalidRequestError, not its error
  }
}

/**
 * The service's provider: `config.provider` when given (checked: a provider, and no Aivvm setting beside it,
 * which it would silently ignore), else Aivvm's built from the configuration. Throws `InvalidRequestError`.
 */
export function resolveProvider(config: AivvmConfig & { readonly provider?: ChatProvider }): ChatProvider {
  const { provider, ...aivvmConfig } = config;
  if (provider === undefined && !('provider' in config)) return createAivvm(aivvmConfig);
  const issues = Object.keys(aivvmConfig).map((key) => ({
    path: `config.${key}`,
    expected: 'nothing: with config.provider, configure that provider itself',
    actual: 'a setting',
  }));
  if (!looksLikeProvider(provider))
    issues.unshift({
      path: 'config.provider',
      expected: 'a provider from createAivvm(…), createOpenAICompatible(…) or createRelayProvider(…)',
      actual: describeValue(provider),
    });
  if (issues.length > 0 || provider === undefined) throw new InvalidRequestError(issues);
  return provider;
}

/**
 * The models as a picker shows them: Aivvm's as they are; an OpenAI-compatible server's, which have no display
 * name, named by their id.
 */
export function listServerModels(provider: ChatProvider): Observable<readonly ServerModel[]> {
  if (!isOpenAIProvider(provider)) return provider.listModels();
  return provider.listModels().pipe(map((list) => list.map((model) => ({ id: model.id, name: model.id }))));
}
