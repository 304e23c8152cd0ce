import type { SharedConfig } from '../../core/config';
import type { ReliabilityOptions } from '../../core/reliability/policy';

/** Token counts of one completion, when the server reports them. */
export interface Usage {
  /** Tokens of the request's messages (`prompt_tokens`). */
  readonly promptTokens: number;
  /** Tokens of the answer (`completion_tokens`). */
  readonly completionTokens: number;
  /** Both together, as the server counted them (`total_tokens`). */
  readonly totalTokens: number;
}

/**
 * One event of a streamed completion: text deltas, then one `finish` with the server's reason (`'stop'`,
 * `'length'`, …, or `null` when it gave none but ended the stream properly) and the usage when it sent it.
 *
 * @example
 * ```ts
 * const events: CompletionEvent[] = [{ type: 'text', text: 'Hi' }, { type: 'finish', reason: 'stop' }];
 * ```
 */
export type CompletionEvent =
  | {
      /** A piece of the answer. */
      readonly type: 'text';
      /** The text of this delta, in order. */
      readonly text: string;
    }
  | {
      /** The end of the answer; always the last event. */
      readonly type: 'finish';
      /** The server's `finish_reason` (`'stop'`, `'length'`, …), or `null` when it gave none. */
      readonly reason: string | null;
      /** Token counts, when the server sent them. */
      readonly usage?: Usage;
    };

/**
 * Configuration of {@link createOpenAICompatible}: `baseURL` is required (it includes the `/v1` prefix), the
 * rest is the Aivvm provider's configuration plus `apiKey`.
 *
 * @example
 * ```ts
 * const config: OpenAIConfig = { baseURL: 'http://127.0.0.1:11434/v1', apiKey: process.env.KEY };
 * ```
 */
export interface OpenAIConfig extends SharedConfig {
  /** The API root, e.g. `http://127.0.0.1:11434/v1` (Ollama) or `http://127.0.0.1:8000/v1` (vLLM). */
  readonly baseURL: string;
  /** Sent as `Authorization: Bearer …`; never appears in an error message. */
  readonly apiKey?: string | undefined;
}

/**
 * Options of one OpenAI-compatible completion. Unknown keys are an `InvalidRequestError`.
 *
 * @example
 * ```ts
 * const options: OpenAICompletionOptions = { systemMessage: 'Be brief.', temperature: 0.2, maxTokens: 200, stop: ['\n\n'] };
 * ```
 */
export interface OpenAICompletionOptions extends ReliabilityOptions {
  /** Sent as a first `system` message when given (nothing is added otherwise). */
  readonly systemMessage?: string;
  /** Sampling temperature in [0, 2] (`temperature`). */
  readonly temperature?: number;
  /** Most tokens to generate (`max_tokens`). */
  readonly maxTokens?: number;
  /** Up to 4 stop sequences (`stop`). */
  readonly stop?: string | readonly string[];
}
