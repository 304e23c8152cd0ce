/**
 * io-ts codecs of the OpenAI chat-completions wire, as loose as the servers that speak it (vercel/ai's habit):
 * only the fields we read, each nullable, unknown keys kept (never `t.exact`), `choices[0]` optional (a
 * usage-only last chunk has none), `delta` possibly null, `finish_reason` possibly null (Ollama).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';

/**
 * A string, or what `array` accepts: a union without `t.union`, whose member indexes would show in error paths
 * (`content[1][0]` instead of `content[0]`) and whose string member would be tried and fail on every array.
 */
const stringOr = <C extends t.Mixed>(array: C, words: string) =>
  /*#__PURE__*/ new t.Type<string | t.TypeOf<C>, string | t.OutputOf<C>, unknown>(
    `a string or ${words}`,
    (u): u is string | t.TypeOf<C> => typeof u === 'string' || array.is(u),
    (u, c) =>
      typeof u === 'string' ? t.success(u) : Array.isArray(u) ? array.validate(u, c) : t.failure(u, c),
    t.identity,
  );

/** What a nullable field expects, in words (errors show it): `a string or null`. */
const orNull = (name: string): string => {
  const words = IN_WORDS[name] ?? name;
  return words.includes(' or ') ? `${words.replace(' or ', ', ')} or null` : `${words} or null`;
};
const IN_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
};

// One shared result each: absent and null fields are most fields of most chunks.
const ABSENT = /*#__PURE__*/ t.success(undefined);
const NULL = /*#__PURE__*/ t.success(null);

/**
 * `codec`, `null` or absent. Checked for `null`/`undefined` first: most fields of most chunks are absent, and an
 * io-ts union would first fail (and allocate an error for) the codec on every one of them. A wrong value is
 * reported with the codec's own name (`expected string, got 42`).
 */
const nullish = <C extends t.Mixed>(codec: C) =>
  /*#__PURE__*/ new t.Type<t.TypeOf<C> | null | undefined, t.OutputOf<C> | null | undefined, unknown>(
    orNull(codec.name),
    (u): u is t.TypeOf<C> | null | undefined => u === undefined || u === null || codec.is(u),
    (u, c) => (u === undefined ? ABSENT : u === null ? NULL : codec.validate(u, c)),
    (a) => (a === undefined || a === null ? a : codec.encode(a)),
  );

/**
 * `t.partial` for server JSON read on every chunk: only the keys that are present are checked (an absent key costs
 * nothing, where `t.partial` checks it and builds a context for it), unknown keys are kept, and the object comes
 * back as it came (these codecs transform nothing). Errors name each bad key's path, as `t.partial`'s do.
 */
const loose = <P extends t.Props>(props: P, name: string) => {
  const keys = Object.keys(props);
  return /*#__PURE__*/ new t.Type<t.TypeOfPartialProps<P>, t.OutputOfPartialProps<P>, unknown>(
    name,
    (u): u is t.TypeOfPartialProps<P> =>
      t.UnknownRecord.is(u) && keys.every((k) => u[k] === undefined || (props[k] as t.Mixed).is(u[k])),
    (u, c) => {
      if (!t.UnknownRecord.is(u)) return t.failure(u, c);
      let errors: t.ValidationError[] | undefined;
      for (const k of keys) {
        const value = u[k];
        if (value === undefined) continue;
        const type = props[k] as t.Mixed;
        const result = type.validate(value, t.appendContext(c, k, type, value));
        if (E.isLeft(result)) (errors ??= []).push(...result.left);
      }
      return errors === undefined ? t.success(u as t.TypeOfPartialProps<P>) : t.failures(errors);
    },
    t.identity,
  );
};

/** Per-kind token counts (`prompt_tokens_details`, `completion_tokens_details`): the ones we read, others kept. */
const TokenDetails = /*#__PURE__*/ loose(
  {
    cached_tokens: /*#__PURE__*/ nullish(t.number),
    reasoning_tokens: /*#__PURE__*/ nullish(t.number),
  },
  'TokenDetails',
);

/** Token counts as the server reports them; every other key (Groq's timings, DeepSeek's cache hits) is kept. */
export const WireUsage = /*#__PURE__*/ loose(
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
export const WireToolCall = /*#__PURE__*/ loose(
  {
    index: /*#__PURE__*/ nullish(t.number),
    id: /*#__PURE__*/ nullish(t.string),
    type: /*#__PURE__*/ nullish(t.string),
    function: /*#__PURE__*/ nullish(
      /*#__PURE__*/ loose(
        {
          name: /*#__PURE__*/ nullish(t.string),
          arguments: /*#__PURE__*/ nullish(t.string),
        },
        'Function',
      ),
    ),
  },
  'ToolCall',
);
/** One piece of a tool call. */
export type WireToolCall = t.TypeOf<typeof WireToolCall>;

/** The legacy `function_call` (before `tool_calls`): one call, no id. */
const WireFunctionCall = /*#__PURE__*/ loose(
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
export const ContentPart = /*#__PURE__*/ loose(
  {
    type: /*#__PURE__*/ nullish(t.string),
    text: /*#__PURE__*/ nullish(t.string),
    thinking: /*#__PURE__*/ nullish(
      /*#__PURE__*/ stringOr(
        /*#__PURE__*/ t.readonlyArray(
          /*#__PURE__*/ loose(
            {
              type: /*#__PURE__*/ nullish(t.string),
              text: /*#__PURE__*/ nullish(t.string),
            },
            'ThinkingPart',
          ),
        ),
        'an array of thinking parts',
      ),
    ),
  },
  'ContentPart',
);
/** One part of a `content` array. */
export type ContentPart = t.TypeOf<typeof ContentPart>;

/** `content`: a string, or an array of parts. */
const Content = /*#__PURE__*/ stringOr(
  /*#__PURE__*/ t.readonlyArray(ContentPart),
  'an array of content parts',
);

/**
 * What a delta (streamed) or a message (`stream: false`) carries: text (`content`), reasoning
 * (`reasoning_content`: DeepSeek, Qwen, Moonshot …; `reasoning`: Groq, Ollama, vLLM ≥ 0.10, Cerebras, OpenRouter),
 * a refusal (`refusal`: OpenAI), tool calls and the legacy `function_call`.
 */
export const WireMessage = /*#__PURE__*/ loose(
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
export const ChatChunk = /*#__PURE__*/ loose(
  {
    choices: /*#__PURE__*/ nullish(
      /*#__PURE__*/ t.readonlyArray(
        /*#__PURE__*/ loose(
          {
            index: /*#__PURE__*/ nullish(t.number),
            delta: /*#__PURE__*/ nullish(WireMessage),
            finish_reason: /*#__PURE__*/ nullish(t.string),
          },
          'Choice',
        ),
      ),
    ),
    usage: /*#__PURE__*/ nullish(WireUsage),
    x_groq: /*#__PURE__*/ nullish(/*#__PURE__*/ loose({ usage: /*#__PURE__*/ nullish(WireUsage) }, 'XGroq')),
  },
  'ChatChunk',
);
/** One streamed chunk. */
export type ChatChunk = t.TypeOf<typeof ChatChunk>;

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
