import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import type { JsonObject } from '../../core/jsonValue';
import { reliabilityOf, type ReliabilityOptions } from '../../core/reliability/policy';
import { readArguments, snapshotData } from '../../core/snapshot';
import { IssueList, type RenderActual } from '../../core/toIssues';
import { validateMessageList } from '../../core/validateMessageList';
import { InvalidRequestError, renderIdentifier, renderValue } from '../../errors';
import { OpenAIMessage, OpenAIMessages, readOpenAIMessages } from './messages';
import { OpenAICompletionOptionsCodec } from './optionCodecs';
import type { OpenAIResponseFormat, OpenAITool, OpenAIToolChoice, ReasoningEffort } from './requestTypes';
import type { OpenAICompletionOptions } from './types';

/** An OpenAI-compatible request whose every field was checked. */
export interface ValidatedOpenAIRequest {
  /** The model name, non-empty; the server decides whether it exists. */
  readonly model: string;
  /** The messages, each with only the fields its role sends (`role`, `content`, `tool_calls`, `tool_call_id`). */
  readonly messages: readonly OpenAIMessage[];
  /** True to stream the answer (server-sent events), false for one JSON response. */
  readonly stream: boolean;
  /** Sent as a first `system` message when given. */
  readonly systemMessage: string | undefined;
  /** Sampling temperature in [0, 2], or `undefined` for the server's default. */
  readonly temperature: number | undefined;
  /** Most tokens to generate (`max_tokens`), or `undefined` for the server's default. */
  readonly maxTokens: number | undefined;
  /** Up to 4 stop sequences (`stop`), or `undefined` for none. */
  readonly stop: string | readonly string[] | undefined;
  /** Most tokens to generate, reasoning included (`max_completion_tokens`), or `undefined`. */
  readonly maxCompletionTokens: number | undefined;
  /** The sampling seed (`seed`), or `undefined`. */
  readonly seed: number | undefined;
  /** The tools the model may call (`tools`), or `undefined`. */
  readonly tools: readonly OpenAITool[] | undefined;
  /** Whether and which tool to call (`tool_choice`), or `undefined`. */
  readonly toolChoice: OpenAIToolChoice | undefined;
  /** The answer's format (`response_format`), or `undefined`. */
  readonly responseFormat: OpenAIResponseFormat | undefined;
  /** How much a reasoning model thinks (`reasoning_effort`), or `undefined`. */
  readonly reasoningEffort: ReasoningEffort | undefined;
  /** Server-specific body fields, checked JSON data (a copy), or `undefined`. */
  readonly extraBody: JsonObject | undefined;
  /** Per-call reliability settings (timeouts, retries, size limit); the provider's config fills the rest. */
  readonly reliability: ReliabilityOptions;
}

/** The wire field each body option sets: `extraBody` may not set it again in the same call. */
const OPTION_FIELDS: readonly [keyof OpenAICompletionOptions, string][] = [
  ['temperature', 'temperature'],
  ['maxTokens', 'max_tokens'],
  ['stop', 'stop'],
  ['maxCompletionTokens', 'max_completion_tokens'],
  ['seed', 'seed'],
  ['tools', 'tools'],
  ['toolChoice', 'tool_choice'],
  ['responseFormat', 'response_format'],
  ['reasoningEffort', 'reasoning_effort'],
];

/**
 * How deep the options are read: options → tools → [i] → function → parameters, then a JSON Schema of up to
 * MAX_JSON_DEPTH (64) levels.
 */
const OPTIONS_DEPTH = 72;

/**
 * How a request's problems show their values: words that cannot be secret are shown (roles, part and format types,
 * the effort, a tool choice); content, URLs, tool arguments, schemas and extraBody values never.
 *
 * @example
 * ```ts
 * const issues = new IssueList(renderRequestValue);
 * ```
 */
export const renderRequestValue: RenderActual = (path, value) =>
  /(^|\.)(role|type|detail)$/.test(path) ||
  path === 'options.reasoningEffort' ||
  path === 'options.toolChoice'
    ? renderIdentifier(value)
    : undefined;

/**
 * Checks every argument of an OpenAI-compatible completion at once. Never throws: problems come back as a `Left`
 * {@link InvalidRequestError} listing each with its path, what was expected in words and what was there (message
 * content, URLs, tool arguments and `extraBody` values are described, never shown). Models are free-form: any
 * non-empty name (the server decides which exist). Messages may carry content parts, tool calls and tool results;
 * the options `tools`, `toolChoice`, `responseFormat`, `reasoningEffort`, `maxCompletionTokens`, `seed` and
 * `extraBody` are checked like the others, and `toolChoice` must name one of `tools`.
 *
 * @example
 * ```ts
 * validateOpenAIRequest('llama3.2', [{ role: 'user', content: 'Hi' }], true, { maxTokens: 64 }); // Right(…)
 * validateOpenAIRequest('', [], true, { topP: 1 }); // Left(InvalidRequestError: model, messages, options.topP)
 * ```
 */
export function validateOpenAIRequest(
  model: unknown,
  messages: unknown,
  stream: unknown,
  options?: unknown,
): E.Either<InvalidRequestError, ValidatedOpenAIRequest> {
  return readArguments(messages, options, (ms, opts) => check(model, ms, stream, opts), {
    messages: readOpenAIMessages,
    options: (value, at) => snapshotData(value, OPTIONS_DEPTH, 'options', at),
  });
}

function check(
  model: unknown,
  messages: unknown,
  stream: unknown,
  options: unknown,
): E.Either<InvalidRequestError, ValidatedOpenAIRequest> {
  const issues = new IssueList(renderRequestValue);
  if (typeof model !== 'string' || model.trim() === '') {
    issues.add({
      path: 'model',
      expected: 'a non-empty model name, e.g. "llama3.2" (the server decides which exist)',
      actual: renderValue(model),
    });
  }
  const checkedMessages = validateMessageList(messages, OpenAIMessages, OpenAIMessage, issues);
  if (typeof stream !== 'boolean')
    issues.add({ path: 'stream', expected: 'boolean', actual: renderValue(stream) });
  let opts: OpenAICompletionOptions = {};
  if (options !== undefined && options !== null) {
    const context: t.Context = [{ key: 'options', type: OpenAICompletionOptionsCodec, actual: options }];
    const result = OpenAICompletionOptionsCodec.validate(options, context);
    if (E.isLeft(result)) issues.addErrors(result.left);
    else {
      opts = result.right;
      checkTogether(opts, issues);
    }
  }
  if (issues.size > 0 || checkedMessages === undefined) return E.left(issues.toError());
  return E.right({
    model: model as string,
    messages: checkedMessages,
    stream: stream as boolean,
    systemMessage: opts.systemMessage,
    temperature: opts.temperature,
    maxTokens: opts.maxTokens,
    stop: opts.stop,
    maxCompletionTokens: opts.maxCompletionTokens,
    seed: opts.seed,
    tools: opts.tools,
    toolChoice: opts.toolChoice,
    responseFormat: opts.responseFormat,
    reasoningEffort: opts.reasoningEffort,
    extraBody: opts.extraBody,
    reliability: reliabilityOf(opts),
  });
}

/** What each option is right about alone, but wrong about with another: unique tool names, a choosable choice. */
function checkTogether(opts: OpenAICompletionOptions, issues: IssueList): void {
  const tools = opts.tools ?? [];
  const first = new Map<string, number>();
  tools.forEach((tool, i) => {
    const earlier = first.get(tool.function.name);
    if (earlier === undefined) first.set(tool.function.name, i);
    else
      issues.add({
        path: `options.tools[${i}].function.name`,
        expected: `a name no other tool has (options.tools[${earlier}] has it too)`,
        actual: renderIdentifier(tool.function.name),
      });
  });
  const choice = opts.toolChoice;
  if (choice === 'required' && tools.length === 0) {
    issues.add({
      path: 'options.toolChoice',
      expected: '"none" or "auto" without options.tools ("required" needs tools to call)',
      actual: '"required"',
    });
  } else if (typeof choice === 'object' && !first.has(choice.function.name)) {
    const names = [...first.keys()].map((name) => JSON.stringify(name)).join(', ');
    issues.add({
      path: 'options.toolChoice.function.name',
      expected:
        tools.length === 0
          ? 'a tool of options.tools (none given)'
          : `the name of one of options.tools: ${names}`,
      actual: renderIdentifier(choice.function.name),
    });
  }
  const extra = opts.extraBody;
  if (extra === undefined) return;
  for (const [option, field] of OPTION_FIELDS) {
    if (opts[option] === undefined || extra[field] === undefined) continue;
    issues.add({
      path: `options.extraBody.${field}`,
      expected: `no ${field}: options.${option} sets it in this call (give it once)`,
      actual: 'a value',
    });
  }
}
