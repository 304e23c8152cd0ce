/**
 * io-ts codecs of the options of an OpenAI-compatible completion: strict (a caller's input), each named in words,
 * because the name is what an error message shows (`options.stop: expected a non-empty string, or …`).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { boundedArray } from '../../core/boundedArray';
import { jsonObject, type JsonObject } from '../../core/jsonValue';
import { isPlainObject } from '../../core/snapshot';
import { byTag, strictObject } from '../../core/strictObject';
import { MAX_CONTENT_CHARS, strictPartial, Temperature, withName, withReliability } from '../../core/codecs';
import { FUNCTION_NAME_RULE, isFunctionName, MAX_TOOLS } from './functionName';
import type { OpenAIResponseFormat, OpenAITool, OpenAIToolChoice } from './requestTypes';
import type { OpenAICompletionOptions } from './types';

/** A whole number of tokens > 0 (`max_tokens`). */
const MaxTokens = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.number, (n) => Number.isSafeInteger(n) && n > 0),
  'a whole number of tokens > 0',
);

/** A string of at least one character. */
export const NonEmptyString = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.string, (s) => s.length > 0),
  'a non-empty string',
);

const StopList = /*#__PURE__*/ boundedArray(NonEmptyString, 1, 4, 'an array of 1 to 4 non-empty strings');

/**
 * `stop`: one sequence, or 1 to 4. An array of the right length reports its bad items at their index
 * (`options.stop[1]`); anything else is one failure at `options.stop` (not one per union member, at an index
 * that is not in the value).
 */
const Stop = /*#__PURE__*/ new t.Type<string | readonly string[], string | readonly string[], unknown>(
  'a non-empty string, or an array of 1 to 4 non-empty strings',
  (u): u is string | readonly string[] => NonEmptyString.is(u) || StopList.is(u),
  (u, c) =>
    Array.isArray(u) && u.length >= 1 && u.length <= 4
      ? StopList.validate(u, c)
      : NonEmptyString.is(u)
        ? t.success(u)
        : t.failure(u, c),
  t.identity,
);

const SystemMessage = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.string, (s) => s.length <= MAX_CONTENT_CHARS),
  'string of at most 1000000 characters', // a literal, not a template: bundlers keep templates as side effects
);

/** A function or schema name as OpenAI takes it. */
const FunctionName = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.string, isFunctionName),
  FUNCTION_NAME_RULE,
);

const Schema = /*#__PURE__*/ jsonObject(
  'a JSON Schema object, e.g. { "type": "object", "properties": { … } }',
);

// Literals, not `Tool.name`: a property read at module level is a side effect to bundlers (no tree-shaking).
const TOOL_NAME = 'a tool { type: "function", function: { name, description?, parameters? } }';
const EXTRA_BODY_NAME = 'an object of server-specific fields with JSON values, e.g. { "top_k": 40 }';

const Tool: t.Type<OpenAITool, OpenAITool, unknown> = /*#__PURE__*/ strictObject(
  {
    type: /*#__PURE__*/ t.literal('function'),
    function: /*#__PURE__*/ strictObject(
      { name: FunctionName },
      { description: t.string, parameters: Schema, strict: t.boolean },
      'an object { name, description?, parameters?, strict? }',
    ),
  },
  {},
  TOOL_NAME,
);

const Tools = /*#__PURE__*/ boundedArray(
  // A tool of another type (`retrieval`, `code_interpreter`) is one issue at its type, not one per missing field.
  /*#__PURE__*/ byTag<OpenAITool>('type', { function: Tool }, TOOL_NAME),
  1,
  MAX_TOOLS,
  'an array of 1 to 128 tools',
);

const NamedToolChoice = /*#__PURE__*/ strictObject(
  {
    type: /*#__PURE__*/ t.literal('function'),
    function: /*#__PURE__*/ strictObject({ name: FunctionName }, {}, 'an object { name }'),
  },
  {},
  'an object { type: "function", function: { name } }',
);
const ToolChoiceWord = /*#__PURE__*/ t.keyof({ none: null, auto: null, required: null });

/** `toolChoice`: a word, or a named function (its errors at their own path). */
const ToolChoice = /*#__PURE__*/ new t.Type<OpenAIToolChoice, OpenAIToolChoice, unknown>(
  '"none" | "auto" | "required", or { type: "function", function: { name } }',
  (u): u is OpenAIToolChoice => ToolChoiceWord.is(u) || NamedToolChoice.is(u),
  (u, c) =>
    ToolChoiceWord.is(u)
      ? t.success(u)
      : isPlainObject(u)
        ? (NamedToolChoice.validate(u, c) as t.Validation<OpenAIToolChoice>)
        : t.failure(u, c),
  t.identity,
);

const ResponseFormat = /*#__PURE__*/ byTag<OpenAIResponseFormat>(
  'type',
  {
    text: /*#__PURE__*/ strictObject({ type: /*#__PURE__*/ t.literal('text') }, {}, '{ type: "text" }'),
    json_object: /*#__PURE__*/ strictObject(
      { type: /*#__PURE__*/ t.literal('json_object') },
      {},
      '{ type: "json_object" }',
    ),
    json_schema: /*#__PURE__*/ strictObject(
      {
        type: /*#__PURE__*/ t.literal('json_schema'),
        json_schema: /*#__PURE__*/ strictObject(
          { name: FunctionName },
          { description: t.string, schema: Schema, strict: t.boolean },
          'an object { name, description?, schema?, strict? }',
        ),
      },
      {},
      '{ type: "json_schema", json_schema: { name, schema?, strict? } }',
    ),
  },
  'a response format { type: "text" | "json_object" | "json_schema", … }',
);

const ReasoningEffortCodec = /*#__PURE__*/ t.keyof(
  { none: null, minimal: null, low: null, medium: null, high: null },
  '"none" | "minimal" | "low" | "medium" | "high"',
);

const Seed = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.number, (n) => Number.isSafeInteger(n)),
  'a whole number (a safe integer)',
);

/** Body fields the request itself sets: `extraBody` may not replace them. */
export const RESERVED_BODY_FIELDS: readonly string[] = ['model', 'messages', 'stream', 'stream_options'];

const ExtraBodyData = /*#__PURE__*/ jsonObject(EXTRA_BODY_NAME);

/** `n` (choices per answer): the events and the text are choice 0's, so asking for more would lose them. */
const oneChoice = (n: unknown): boolean => n === undefined || n === 1;

/** `extraBody`: JSON data, without the fields the request sets from its arguments. */
const ExtraBody = /*#__PURE__*/ new t.Type<JsonObject, JsonObject, unknown>(
  EXTRA_BODY_NAME,
  (u): u is JsonObject =>
    ExtraBodyData.is(u) &&
    !RESERVED_BODY_FIELDS.some((key) => (u as JsonObject)[key] !== undefined) &&
    oneChoice((u as JsonObject)['n']),
  (u, c) => {
    const result = ExtraBodyData.validate(u, c);
    if (!isPlainObject(u)) return result;
    const errors: t.ValidationError[] = [];
    for (const key of RESERVED_BODY_FIELDS) {
      if (u[key] === undefined) continue;
      errors.push({
        value: u[key],
        context: t.appendContext(c, key, t.never, u[key]),
        message:
          'a field other than model, messages, stream and stream_options: aivvm-rx sets them from the arguments',
      });
    }
    // Not JSON at all (a bigint …) is the JSON check's error alone.
    if (!oneChoice(u['n']) && (typeof u['n'] === 'number' || typeof u['n'] === 'string')) {
      errors.push({
        value: u['n'],
        context: t.appendContext(c, 'n', t.never, u['n']),
        message:
          '1 or nothing: aivvm-rx reads one choice (index 0) of an answer, so more would be dropped; send one request per answer',
      });
    }
    if (E.isLeft(result)) for (const error of result.left) errors.push(error);
    return errors.length > 0 ? t.failures(errors) : result;
  },
  t.identity,
);

/** Options of an OpenAI-compatible completion; unknown keys are errors naming them. */
export const OpenAICompletionOptionsCodec: t.Decoder<unknown, OpenAICompletionOptions> =
  /*#__PURE__*/ strictPartial(
    /*#__PURE__*/ withReliability({
      systemMessage: SystemMessage,
      temperature: Temperature,
      maxTokens: MaxTokens,
      stop: Stop,
      maxCompletionTokens: MaxTokens,
      seed: Seed,
      tools: Tools,
      toolChoice: ToolChoice,
      responseFormat: ResponseFormat,
      reasoningEffort: ReasoningEffortCodec,
      extraBody: ExtraBody,
    }),
  );
