import type { OpenAIMessage } from '../protocols/openai/messages';
import type { OpenAICompletionOptions } from '../protocols/openai/types';
import type { ValidatedOpenAIRequest } from '../protocols/openai/validateOpenAIRequest';

/**
 * The body a relay reads: `{ model, messages, options? }`.
 *
 * @example
 * ```ts
 * const body: RelayBody = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], options: { temperature: 0.2 } };
 * ```
 */
export interface RelayBody {
  /** The model name. */
  readonly model: string;
  /** The messages, as checked. */
  readonly messages: readonly OpenAIMessage[];
  /** The completion's options, without the client-side ones (timeouts, retries, size limit); absent when none. */
  readonly options?: OpenAICompletionOptions;
}

/**
 * A checked request as the relay's body: what was checked is what is sent, and the options that only concern
 * this client (timeouts, retries, `maxResponseBytes`) stay here.
 *
 * @example
 * ```ts
 * relayBody(checked); // { model: 'gpt-4o-mini', messages: [...], options: { temperature: 0.2 } }
 * ```
 */
export function relayBody(request: ValidatedOpenAIRequest): RelayBody {
  const options: Record<string, unknown> = {};
  const set = (key: keyof OpenAICompletionOptions, value: unknown): void => {
    if (value !== undefined) options[key] = value;
  };
  set('systemMessage', request.systemMessage);
  set('temperature', request.temperature);
  set('maxTokens', request.maxTokens);
  set('stop', request.stop);
  set('maxCompletionTokens', request.maxCompletionTokens);
  set('seed', request.seed);
  set('tools', request.tools);
  set('toolChoice', request.toolChoice);
  set('responseFormat', request.responseFormat);
  set('reasoningEffort', request.reasoningEffort);
  set('extraBody', request.extraBody);
  return Object.keys(options).length === 0
    ? { model: request.model, messages: request.messages }
    : { model: request.model, messages: request.messages, options: options as OpenAICompletionOptions };
}
