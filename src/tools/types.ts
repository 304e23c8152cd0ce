import type * as t from 'io-ts';
import type { Observable } from 'rxjs';
import type { JsonObject } from '../core/jsonValue';
import type { OpenAICompatibleProvider } from '../protocols/openai/createOpenAICompatible';
import type { OpenAIMessage } from '../protocols/openai/messages';
import type { CompletionEvent, FinishEvent, OpenAICompletionOptions, Usage } from '../protocols/openai/types';
import type { ToolCallError } from '../errors';

/**
 * What a running tool is given besides its arguments.
 *
 * @example
 * ```ts
 * const execute = (args: { url: string }, { signal }: ToolContext) => fetch(args.url, { signal }).then((r) => r.status);
 * ```
 */
export interface ToolContext {
  /** Aborted when the run is unsubscribed while this call is running: pass it to `fetch`, timers … */
  readonly signal: AbortSignal;
  /** The id of the tool call (`tool_call_id` of its answer). */
  readonly id: string;
}

/**
 * A function the model may call: its JSON schema (sent to the server), an io-ts codec that checks the parsed
 * arguments, and `execute`, which returns a value, a Promise or an Observable (its last value is the result).
 * {@link defineTool} infers the arguments' type from the codec.
 *
 * @example
 * ```ts
 * const weather: Tool<{ city: string }> = {
 *   description: 'Current weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   codec: t.type({ city: t.string }),
 *   execute: ({ city }) => ({ city, celsius: 7 }),
 * };
 * ```
 */
export interface Tool<A = unknown> {
  /** What the tool does, for the model. */
  readonly description?: string;
  /** Its arguments as a JSON Schema object, sent as `tools[i].function.parameters`. */
  readonly parameters?: JsonObject;
  /** Checks the parsed arguments; a failure goes back to the model as the tool's answer (paths, expected, got). */
  readonly codec: t.Decoder<unknown, A>;
  /** Runs the call. A throw, a rejected Promise or an Observable error is a tool error. */
  execute(args: A, context: ToolContext): Observable<unknown> | PromiseLike<unknown> | unknown;
}

/**
 * The tools of a run, by name (1 to 64 letters, digits, `_` or `-`; 1 to 128 tools).
 *
 * @example
 * ```ts
 * const tools: Tools = { weather, search };
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each tool has its own argument type
export type Tools = Readonly<Record<string, Tool<any>>>;

/**
 * The provider a run needs: only `createCompletionEvents` (any {@link OpenAICompatibleProvider} is one).
 *
 * @example
 * ```ts
 * const provider: ToolsProvider = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' });
 * ```
 */
export type ToolsProvider = Pick<OpenAICompatibleProvider, 'createCompletionEvents'>;

/**
 * Options of {@link runTools}: the tools, the loop's limits, and every option of a completion (sent with each
 * step's request).
 *
 * @example
 * ```ts
 * const options: RunToolsOptions = { tools: { weather }, maxSteps: 5, concurrency: 4, temperature: 0 };
 * ```
 */
export interface RunToolsOptions extends Omit<OpenAICompletionOptions, 'tools'> {
  /** The tools the model may call, by name. */
  readonly tools: Tools;
  /** Most completions (steps) of the run, a whole number ≥ 1. Default {@link DEFAULT_MAX_STEPS}. */
  readonly maxSteps?: number;
  /** Most tool calls of one step running at once, a whole number ≥ 1 or `Infinity` (the default). */
  readonly concurrency?: number;
  /**
   * What a tool that throws does: `'continue'` (default) sends the error text back to the model as the call's
   * answer (and emits `tool-error`); `'fail'` ends the run with a {@link ToolCallError}. Unknown tools and
   * invalid arguments always go back to the model.
   */
  readonly onToolError?: 'continue' | 'fail';
}

/**
 * A tool call that succeeded: `result` is what `execute` gave (the last value of an Observable).
 *
 * @example
 * ```ts
 * const event: ToolResultEvent = { type: 'tool-result', id: 'call_1', name: 'weather', result: { celsius: 7 } };
 * ```
 */
export interface ToolResultEvent {
  /** A tool call's result. */
  readonly type: 'tool-result';
  /** The call's id. */
  readonly id: string;
  /** The tool's name. */
  readonly name: string;
  /** What the tool returned. */
  readonly result: unknown;
}

/**
 * A tool call that failed: unknown tool, arguments that are not JSON or fail the codec, or a tool that threw. The
 * model got `error.message` as the call's answer.
 *
 * @example
 * ```ts
 * const onEvent = (e: RunToolsEvent) => e.type === 'tool-error' && console.warn(e.name, e.error.kind, e.error.message);
 * ```
 */
export interface ToolErrorEvent {
  /** A tool call's failure. */
  readonly type: 'tool-error';
  /** The call's id. */
  readonly id: string;
  /** The name the model called. */
  readonly name: string;
  /** What went wrong (its `message` is what the model was told; `cause` is what the tool threw). */
  readonly error: ToolCallError;
}

/**
 * The end of one step: its completion ended (`reason`, `usage` as the server sent them) and its tool calls, if
 * any, have answered.
 *
 * @example
 * ```ts
 * const event: StepFinishEvent = { type: 'step-finish', step: 1, reason: 'tool_calls' };
 * ```
 */
export interface StepFinishEvent {
  /** A step ended. */
  readonly type: 'step-finish';
  /** Its number, from 1. */
  readonly step: number;
  /** The completion's `finish_reason` as sent (`null` when the server gave none). */
  readonly reason: string | null;
  /** The completion's token counts, when the server sent them. */
  readonly usage?: Usage;
}

/**
 * The end of the run, always the last event: the last step's finish reason (or `'max-steps'` when the model was
 * still calling tools at `maxSteps`), the usage summed over the steps and the whole history.
 *
 * @example
 * ```ts
 * const onEvent = (e: RunToolsEvent) => e.type === 'finish' && console.log(e.reason, e.steps, e.usage?.totalTokens);
 * ```
 */
export interface RunFinishEvent {
  /** The run ended. */
  readonly type: 'finish';
  /** The last completion's `finish_reason`, or `'max-steps'` when the model still called tools at `maxSteps`. */
  readonly reason: string | null;
  /** How many steps (completions) ran. */
  readonly steps: number;
  /** Token counts summed over the steps that reported them (absent when none did). */
  readonly usage?: Usage;
  /** The messages given, then each step's assistant message and tool answers: continue a run with them. */
  readonly messages: readonly OpenAIMessage[];
}

/**
 * One event of {@link runTools}: each step's completion events as they arrive (text, reasoning, tool-call
 * deltas, tool calls …; not its `finish`), the tools' results and errors, one `step-finish` per step, and one
 * final `finish`.
 *
 * @example
 * ```ts
 * const print = (e: RunToolsEvent) => (e.type === 'text' ? process.stdout.write(e.text) : undefined);
 * ```
 */
export type RunToolsEvent =
  Exclude<CompletionEvent, FinishEvent> | ToolResultEvent | ToolErrorEvent | StepFinishEvent | RunFinishEvent;
