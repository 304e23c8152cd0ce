/**
 * The values of the structured request options of an OpenAI-compatible completion (`tools`, `toolChoice`,
 * `responseFormat`, `reasoningEffort`). Option names are camelCase like every option; their values are the wire's
 * own JSON (snake_case inside, e.g. `json_schema`), sent as they are, so they can be copied from the OpenAI docs.
 *
 * @packageDocumentation
 */
import type { JsonObject } from '../../core/jsonValue';

/**
 * A function the model may call (`tools[i]`).
 *
 * @example
 * ```ts
 * const tool: OpenAITool = {
 *   type: 'function',
 *   function: {
 *     name: 'weather',
 *     description: 'Current weather in a city',
 *     parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   },
 * };
 * ```
 */
export interface OpenAITool {
  /** Always `'function'`. */
  readonly type: 'function';
  /** The function. */
  readonly function: {
    /** 1 to 64 letters, digits, `_` or `-`; unique among the request's tools. */
    readonly name: string;
    /** What it does, for the model. */
    readonly description?: string;
    /** Its arguments as a JSON Schema object. */
    readonly parameters?: JsonObject;
    /** Ask the server to follow `parameters` exactly (OpenAI structured outputs). */
    readonly strict?: boolean;
  };
}

/**
 * Whether and which tool the model must call (`tool_choice`): `'none'`, `'auto'`, `'required'` (needs `tools`), or
 * one named function of `tools`.
 *
 * @example
 * ```ts
 * const choice: OpenAIToolChoice = { type: 'function', function: { name: 'weather' } };
 * ```
 */
export type OpenAIToolChoice =
  | 'none'
  | 'auto'
  | 'required'
  | {
      /** Always `'function'`. */
      readonly type: 'function';
      /** The function to call. */
      readonly function: {
        /** The name of one of the request's `tools`. */
        readonly name: string;
      };
    };

/**
 * The answer's format (`response_format`): text, any JSON object, or JSON following a schema.
 *
 * @example
 * ```ts
 * const format: OpenAIResponseFormat = {
 *   type: 'json_schema',
 *   json_schema: { name: 'city', schema: { type: 'object', properties: { name: { type: 'string' } } }, strict: true },
 * };
 * ```
 */
export type OpenAIResponseFormat =
  | {
      /** Plain text (the default). */
      readonly type: 'text';
    }
  | {
      /** Any JSON object (the prompt must ask for JSON too, or OpenAI refuses). */
      readonly type: 'json_object';
    }
  | {
      /** JSON following `json_schema.schema`. */
      readonly type: 'json_schema';
      /** The schema and its name. */
      readonly json_schema: {
        /** 1 to 64 letters, digits, `_` or `-`. */
        readonly name: string;
        /** What the answer is, for the model. */
        readonly description?: string;
        /** The JSON Schema object the answer follows. */
        readonly schema?: JsonObject;
        /** Ask the server to follow the schema exactly. */
        readonly strict?: boolean;
      };
    };

/**
 * How much a reasoning model thinks before it answers (`reasoning_effort`). Another server-specific value can be
 * sent with `extraBody: { reasoning_effort: … }`.
 *
 * @example
 * ```ts
 * const effort: ReasoningEffort = 'low';
 * ```
 */
export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';
