import { createAivvm, type AivvmConfig, type AivvmProvider } from '..';
import type { Protocol } from './parseCommand';

/**
 * A provider for each protocol `--protocol` accepts. Extension point: an OpenAI-compatible provider adds
 * `openai: (config) => createOpenAICompatible(config)` here (and `'openai'` to `PROTOCOLS`).
 */
export const providers: Readonly<Record<Protocol, (config: AivvmConfig) => AivvmProvider>> = {
  aivvm: createAivvm,
};
