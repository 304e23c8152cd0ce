import type { SharedConfig } from '../../core/config';
import type { JsonObject } from '../../core/jsonValue';
import type { ReliabilityOptions } from '../../core/reliability/policy';
import type { OpenAIResponseFormat, OpenAITool, OpenAIToolChoice, ReasoningEffort } from './requestTypes';
import type { ToolCallEvent } from './ToolCallEvent';

export type { ToolCallEvent } from './ToolCallEvent';

/** Token counts of one completion, when the server reports them. */
export interface Usage {
  /** Tokens of the request's messages (`prompt_tokens`). */
  readonly promptTokens: number;
  /** Tokens of the answer (`completion_tokens`), reasoning included where the server counts it there. */
  readonly completionTokens: number;
  /** Both together, as the server counted them (`total_tokens`). */
  readonly totalTokens: number;
  /** Prompt tokens served from the server's cache (`prompt_tokens_details.cached_tokens`), when sent. */
  readonly cachedTokens?: number;
  /** Tokens spent reasoning (`completion_tokens_details.reasoning_tokens`), when sent. */
  readonly reasoningTokens?: number;
  /**
   * Every other count the server sent, as sent (snake_case wire names, e.g. `prompt_cache_hit_tokens`,
   * `completion_tokens_details`), so that nothing a server reports is lost.
   */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * One event of a streamed completion, in the order the server sent them: pieces of `text`, `reasoning` and
 * `refusal`, `tool-call-delta`s as they arrive, then (only when the stream ended properly) one `tool-call` per
 * call with its whole arguments, and last one `finish` with the server's reason and usage.
 *
 * @example
 * ```ts
 * const events: CompletionEvent[] = [
 *   { type: 'reasoning', text: 'The user wants…' },
 *   { type: 'text', text: 'Hi' },
 *   { type: 'finish', reason: 'stop' },
 * ];
 * ```
 */
export type CompletionEvent =
  TextEvent | ReasoningEvent | RefusalEvent | ToolCallDeltaEvent | ToolCallEvent | FinishEvent;

/**
 * A piece of the answer (`delta.content`, or a `text` content part).
 *
 * @example
 * ```ts
 * const event: TextEvent = { type: 'text', text: 'Hel' };
 * ```
 */
export interface TextEvent {
  /** A piece of the answer. */
  readonly type: 'text';
  /** The text of this delta, in order. */
  readonly text: string;
}

/**
 * A piece of the model's reasoning (`delta.reasoning_content`, `delta.reasoning`, or a `thinking` content part).
 *
 * @example
 * ```ts
 * const event: ReasoningEvent = { type: 'reasoning', text: 'The user asks for 2+2.' };
 * ```
 */
export interface ReasoningEvent {
  /** A piece of reasoning, shown apart from the answer. */
  readonly type: 'reasoning';
  /** The text of this delta, in order. */
  readonly text: string;
}

/**
 * A piece of a refusal (`delta.refusal`): the model declined, and this is what it said instead of an answer.
 *
 * @example
 * ```ts
 * const event: RefusalEvent = { type: 'refusal', text: "I'm sorry, I can't help with that." };
 * ```
 */
export interface RefusalEvent {
  /** A piece of the refusal. */
  readonly type: 'refusal';
  /** The text of this delta, in order. */
  readonly text: string;
}

/**
 * A piece of a tool call as it arrives. `id` and `name` come when the server sends them (usually in a call's first
 * delta only); `argumentsDelta` is the next piece of the raw JSON arguments (possibly `''`).
 *
 * @example
 * ```ts
 * const event: ToolCallDeltaEvent = { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'weather', argumentsDelta: '{"ci' };
 * ```
 */
export interface ToolCallDeltaEvent {
  /** A piece of a tool call. */
  readonly type: 'tool-call-delta';
  /** Which call of the answer (0, 1, … in the order calls first appeared). */
  readonly index: number;
  /** The call's id, when this delta carries it. */
  readonly id?: string;
  /** The function's name, when this delta carries it. */
  readonly name?: string;
  /** The next piece of the raw JSON arguments. */
  readonly argumentsDelta: string;
}

/**
 * The end of the answer; always the last event.
 *
 * @example
 * ```ts
 * const event: FinishEvent = { type: 'finish', reason: 'length', usage: { promptTokens: 9, completionTokens: 64, totalTokens: 73 } };
 * ```
 */
export interface FinishEvent {
  /** The end of the answer. */
  readonly type: 'finish';
  /**
   * The server's `finish_reason` as sent (`'stop'`, `'length'`, `'tool_calls'`, `'content_filter'`, a gateway's
   * own such as `'MALFORMED_FUNCTION_CALL'` …), or `null` when it gave none but ended the stream properly. Of
   * several, the most severe (content filter, unknown, tool calls, `length`, `stop`): a filter is never hidden by
   * a later `stop`.
   */
  readonly reason: string | null;
  /** Token counts, when the server sent them. */
  readonly usage?: Usage;
}

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
 * const json: OpenAICompletionOptions = { responseFormat: { type: 'json_object' }, seed: 7, extraBody: { top_k: 40 } };
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
  /** Most tokens to generate, reasoning included (`max_completion_tokens`; OpenAI's reasoning models need it). */
  readonly maxCompletionTokens?: number;
  /** A whole number for (best-effort) reproducible sampling (`seed`). */
  readonly seed?: number;
  /** 1 to 128 functions the model may call (`tools`), their names unique. */
  readonly tools?: readonly OpenAITool[];
  /** Whether and which tool the model must call (`tool_choice`). */
  readonly toolChoice?: OpenAIToolChoice;
  /** The answer's format (`response_format`): `{ type: 'json_object' }` or `{ type: 'json_schema', json_schema }`. */
  readonly responseFormat?: OpenAIResponseFormat;
  /** How much a reasoning model thinks (`reasoning_effort`). */
  readonly reasoningEffort?: ReasoningEffort;
  /**
   * Server-specific fields added to the request body as they are (`{ top_k: 40 }` for vLLM, `{ keep_alive: '5m' }`
   * …): JSON data only, and never `model`, `messages`, `stream` or `stream_options`, nor `n` other than 1 (an
   * answer is one choice), nor a field an option of the same call sets.
   */
  readonly extraBody?: JsonObject;
}
