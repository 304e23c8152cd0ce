/**
 * io-ts codecs of the OpenAI chat-completions wire, as loose as the servers that speak it (vercel/ai's habit):
 * only the fields we read, each nullable, unknown keys kept (never `t.exact`), `choices[0]` optional (a
 * usage-only last chunk has none), `delta` possibly null, `finish_reason` possibly null (Ollama).
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';

/**
 * `codec`, `null` or absent. Checked for `null`/`undefined` first: most fields of most chunks are absent, and an
 * io-ts union would first fail (and allocate an error for) the codec on every one of them. A wrong value is
 * reported with the codec's own name (`expected string, got 42`).
 */
const nullish = <C extends t.Mixed>(codec: C) =>
  /*#__PURE__*/ new t.Type<t.TypeOf<C> | null | undefined, t.OutputOf<C> | null | undefined, unknown>(
    codec.name,
    (u): u is t.TypeOf<C> | null | undefined => u === undefined || u === null || codec.is(u),
    (u, c) => (u === undefined || u === null ? t.success(u) : codec.validate(u, c)),
    (a) => (a === undefined || a === null ? a : codec.encode(a)),
  );

/** Per-kind token counts (`prompt_tokens_details`, `completion_tokens_details`): the ones we read, others kept. */
const TokenDetails = /*#__PURE__*/ t.partial(
  {
    cached_tokens: /*#__PURE__*/ nullish(t.number),
    reasoning_tokens: /*#__PURE__*/ nullish(t.number),
  },
  'TokenDetails',
);

/** Token counts as the server reports them; every other key (Groq's timings, DeepSeek's cache hits) is kept. */
export const WireUsage = /*#__PURE__*/ t.partial(
  {
    prompt_tokens: /*#__PURE__*/ nullish(t.number),
    completion_tokens: /*#__PURE__*/ nullish(t.number),
    total_tokens: /*#__PURE__*/ nullish(t.number),
    prompt_tokens_details: /*#__PURE__*/ nullish(TokenDetails),
    completion_tokens_details: /*#__PURE__*/ nullish(TokenDetails),
  },
  'Usage',
);
/** Token counts as the server reports them. */
export type WireUsage = t.TypeOf<typeof WireUsage>;

/**
 * One piece of a tool call: `index` (absent on Ollama and Gemini gateways), `id` (usually in the first piece
 * only, sometimes `''` later), the function's `name` and the next piece of its JSON `arguments` text.
 */
export const WireToolCall = /*#__PURE__*/ t.partial(
  {
    index: /*#__PURE__*/ nullish(t.number),
    id: /*#__PURE__*/ nullish(t.string),
    type: /*#__PURE__*/ nullish(t.string),
    function: /*#__PURE__*/ nullish(
      /*#__PURE__*/ t.partial({
        name: /*#__PURE__*/ nullish(t.string),
        arguments: /*#__PURE__*/ nullish(t.string),
      }),
    ),
  },
  'ToolCall',
);
/** One piece of a tool call. */
export type WireToolCall = t.TypeOf<typeof WireToolCall>;

/** The legacy `function_call` (before `tool_calls`): one call, no id. */
const WireFunctionCall = /*#__PURE__*/ t.partial(
  {
    name: /*#__PURE__*/ nullish(t.string),
    arguments: /*#__PURE__*/ nullish(t.string),
  },
  'FunctionCall',
);

/**
 * One part of a `content` array (Mistral's magistral): `{ type: 'text', text }`, or `{ type: 'thinking',
 * thinking: [{ type: 'text', text }] }` (a string `thinking` is read too). Other part types are kept, not read.
 */
export const ContentPart = /*#__PURE__*/ t.partial(
  {
    type: /*#__PURE__*/ nullish(t.string),
    text: /*#__PURE__*/ nullish(t.string),
    thinking: /*#__PURE__*/ nullish(
      /*#__PURE__*/ t.union([
        t.string,
        /*#__PURE__*/ t.readonlyArray(
          /*#__PURE__*/ t.partial({
            type: /*#__PURE__*/ nullish(t.string),
            text: /*#__PURE__*/ nullish(t.string),
          }),
        ),
      ]),
    ),
  },
  'ContentPart',
);
/** One part of a `content` array. */
export type ContentPart = t.TypeOf<typeof ContentPart>;

/** `content`: a string, or an array of parts. */
const Content = /*#__PURE__*/ t.union([t.string, /*#__PURE__*/ t.readonlyArray(ContentPart)]);

/**
 * What a delta (streamed) or a message (`stream: false`) carries: text (`content`), reasoning
 * (`reasoning_content`: DeepSeek, Qwen, Moonshot …; `reasoning`: Groq, Ollama, vLLM ≥ 0.10, Cerebras, OpenRouter),
 * a refusal (`refusal`: OpenAI), tool calls and the legacy `function_call`.
 */
export const WireMessage = /*#__PURE__*/ t.partial(
  {
    role: /*#__PURE__*/ nullish(t.string),
    content: /*#__PURE__*/ nullish(Content),
    reasoning_content: /*#__PURE__*/ nullish(t.string),
    reasoning: /*#__PURE__*/ nullish(t.string),
    refusal: /*#__PURE__*/ nullish(t.string),
    tool_calls: /*#__PURE__*/ nullish(/*#__PURE__*/ t.readonlyArray(WireToolCall)),
    function_call: /*#__PURE__*/ nullish(WireFunctionCall),
  },
  'Delta',
);
/** What a delta or a message carries. */
export type WireMessage = t.TypeOf<typeof WireMessage>;

/**
 * One streamed chunk: `choices[0].delta` carries the pieces, `finish_reason` ends the answer; `usage` may come in
 * any chunk (every chunk on NIM, a last chunk with empty `choices` on OpenAI, `x_groq.usage` on older Groq).
 * Azure's first chunk has empty `choices` and `prompt_filter_results`, and chunks with only
 * `content_filter_results` may follow: both carry nothing to read.
 */
export const ChatChunk = /*#__PURE__*/ t.partial(
  {
    choices: /*#__PURE__*/ nullish(
      /*#__PURE__*/ t.readonlyArray(
        /*#__PURE__*/ t.partial({
          index: /*#__PURE__*/ nullish(t.number),
          delta: /*#__PURE__*/ nullish(WireMessage),
          finish_reason: /*#__PURE__*/ nullish(t.string),
        }),
      ),
    ),
    usage: /*#__PURE__*/ nullish(WireUsage),
    x_groq: /*#__PURE__*/ nullish(/*#__PURE__*/ t.partial({ usage: /*#__PURE__*/ nullish(WireUsage) })),
  },
  'ChatChunk',
);
/** One streamed chunk. */
export type ChatChunk = t.TypeOf<typeof ChatChunk>;

/** The `error` object of an error body or of an error event mid-stream. */
export const WireError = /*#__PURE__*/ t.partial(
  {
    message: /*#__PURE__*/ nullish(t.string),
    type: /*#__PURE__*/ nullish(t.string),
    code: /*#__PURE__*/ nullish(/*#__PURE__*/ t.union([t.string, t.number])),
  },
  'Error',
);
/** The `error` object of an error body or event. */
export type WireError = t.TypeOf<typeof WireError>;

/** `{ error: { message, type, code } }`: an error body, or an error event in the stream. */
export const ErrorEnvelope = /*#__PURE__*/ t.type({ error: WireError }, 'ErrorEnvelope');
/** `{ error: { message, type, code } }`. */
export type ErrorEnvelope = t.TypeOf<typeof ErrorEnvelope>;

/** The whole answer of a `stream: false` request: the message holds what a delta would (text, refusal, tool calls …). */
export const ChatCompletion = /*#__PURE__*/ t.type(
  {
    choices: /*#__PURE__*/ t.readonlyArray(
      /*#__PURE__*/ t.type({
        message: WireMessage,
        finish_reason: /*#__PURE__*/ nullish(t.string),
      }),
    ),
  },
  'ChatCompletion',
);
/** The whole answer of a `stream: false` request. */
export type ChatCompletion = t.TypeOf<typeof ChatCompletion>;

/** One model of `GET /models`: an `id`, other fields kept as they come. */
export const OpenAIModel = /*#__PURE__*/ t.intersection(
  [
    /*#__PURE__*/ t.type({
      /** The name to pass as `model`, e.g. `llama3.2`. */
      id: t.string,
    }),
    /*#__PURE__*/ t.partial({
      /** The object type; `'model'` on OpenAI-compatible servers. */
      object: t.string,
      /** When the model was created, in Unix seconds. */
      created: t.number,
      /** Who publishes the model, e.g. `library` on Ollama. */
      owned_by: t.string,
    }),
  ],
  'OpenAIModel',
);
/** One model of `GET /models`. */
export type OpenAIModel = t.TypeOf<typeof OpenAIModel>;

/** The `GET /models` body: `{ data: [...] }`. */
export const ModelList = /*#__PURE__*/ t.type(
  { data: /*#__PURE__*/ t.readonlyArray(OpenAIModel) },
  'ModelList',
);
/** The `GET /models` body. */
export type ModelList = t.TypeOf<typeof ModelList>;
