/**
 * io-ts codecs of the OpenAI chat-completions wire, as loose as the servers that speak it (vercel/ai's habit):
 * only the fields we read, each nullable, unknown keys kept (never `t.exact`), `choices[0]` optional (a
 * usage-only last chunk has none), `delta` possibly null, `finish_reason` possibly null (Ollama).
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';

const nullish = <C extends t.Mixed>(codec: C) => /*#__PURE__*/ t.union([codec, t.null, t.undefined]);

/** Token counts as the server reports them. */
export const WireUsage = /*#__PURE__*/ t.partial(
  {
    prompt_tokens: /*#__PURE__*/ nullish(t.number),
    completion_tokens: /*#__PURE__*/ nullish(t.number),
    total_tokens: /*#__PURE__*/ nullish(t.number),
  },
  'Usage',
);
/** Token counts as the server reports them. */
export type WireUsage = t.TypeOf<typeof WireUsage>;

/** One streamed chunk: `choices[0].delta.content` is the text, `finish_reason` ends the answer. */
export const ChatChunk = /*#__PURE__*/ t.partial(
  {
    choices: /*#__PURE__*/ nullish(
      /*#__PURE__*/ t.readonlyArray(
        /*#__PURE__*/ t.partial({
          delta: /*#__PURE__*/ nullish(
            /*#__PURE__*/ t.partial({
              content: /*#__PURE__*/ nullish(t.string),
              role: /*#__PURE__*/ nullish(t.string),
            }),
          ),
          finish_reason: /*#__PURE__*/ nullish(t.string),
        }),
      ),
    ),
    usage: /*#__PURE__*/ nullish(WireUsage),
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

/** The whole answer of a `stream: false` request. */
export const ChatCompletion = /*#__PURE__*/ t.type(
  {
    choices: /*#__PURE__*/ t.readonlyArray(
      /*#__PURE__*/ t.type({
        message: /*#__PURE__*/ t.type({ content: /*#__PURE__*/ nullish(t.string) }),
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
