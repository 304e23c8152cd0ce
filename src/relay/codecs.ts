import * as t from 'io-ts';
import type { CompletionEvent, Usage } from '../protocols/openai/types';

// Loose codecs (server JSON): required fields with t.type, optional ones with t.partial, unknown keys kept, so a
// newer relay that adds a field is still read. Each mirrors one member of the root's `CompletionEvent`.

const TextLike = <T extends 'text' | 'reasoning' | 'refusal'>(type: T, name: string) =>
  /*#__PURE__*/ t.type({ type: /*#__PURE__*/ t.literal(type), text: t.string }, name);

/**
 * The usage of a `finish` event (`Usage`): three counts, two optional ones, and the server's other fields.
 *
 * @example
 * ```ts
 * UsageCodec.is({ promptTokens: 9, completionTokens: 64, totalTokens: 73 }); // true
 * ```
 */
export const UsageCodec: t.Type<Usage> = /*#__PURE__*/ t.intersection(
  [
    /*#__PURE__*/ t.type({ promptTokens: t.number, completionTokens: t.number, totalTokens: t.number }),
    /*#__PURE__*/ t.partial({
      cachedTokens: t.number,
      reasoningTokens: t.number,
      details: /*#__PURE__*/ t.UnknownRecord,
    }),
  ],
  'Usage',
);

/**
 * One `CompletionEvent` as a relay sends it in an SSE event's `data`: `text`, `reasoning`, `refusal`,
 * `tool-call-delta`, `tool-call` or `finish`, with the fields each carries. Used by the relay client on every
 * event it reads, so a malformed one is an `InvalidResponseError` naming the field.
 *
 * @example
 * ```ts
 * import { isRight } from 'fp-ts/Either';
 * isRight(CompletionEventCodec.decode({ type: 'text', text: 'Hi' })); // true
 * isRight(CompletionEventCodec.decode({ type: 'finish' }));           // false: reason is missing
 * ```
 */
export const CompletionEventCodec: t.Type<CompletionEvent> = /*#__PURE__*/ t.union(
  [
    /*#__PURE__*/ TextLike('text', 'TextEvent'),
    /*#__PURE__*/ TextLike('reasoning', 'ReasoningEvent'),
    /*#__PURE__*/ TextLike('refusal', 'RefusalEvent'),
    /*#__PURE__*/ t.intersection(
      [
        /*#__PURE__*/ t.type({
          type: /*#__PURE__*/ t.literal('tool-call-delta'),
          index: t.number,
          argumentsDelta: t.string,
        }),
        /*#__PURE__*/ t.partial({ id: t.string, name: t.string }),
      ],
      'ToolCallDeltaEvent',
    ),
    /*#__PURE__*/ t.intersection(
      [
        /*#__PURE__*/ t.type({
          type: /*#__PURE__*/ t.literal('tool-call'),
          index: t.number,
          id: t.string,
          name: t.string,
          arguments: t.string,
        }),
        /*#__PURE__*/ t.partial({ generatedId: /*#__PURE__*/ t.literal(true) }),
      ],
      'ToolCallEvent',
    ),
    /*#__PURE__*/ t.intersection(
      [
        /*#__PURE__*/ t.type({
          type: /*#__PURE__*/ t.literal('finish'),
          reason: /*#__PURE__*/ t.union([t.string, t.null]),
        }),
        /*#__PURE__*/ t.partial({ usage: UsageCodec }),
      ],
      'FinishEvent',
    ),
  ],
  'CompletionEvent',
);

/**
 * The `data` of a relay's `event: error`: the error's tag and a message safe to show (the relay never puts the
 * upstream's text, a key or a header value there).
 *
 * @example
 * ```ts
 * RelayErrorData.decode({ _tag: 'HttpError', message: 'the model server answered 503' });
 * ```
 */
export const RelayErrorData = /*#__PURE__*/ t.type({ _tag: t.string, message: t.string }, 'RelayErrorData');
/** The `data` of a relay's `event: error`. */
export type RelayErrorData = t.TypeOf<typeof RelayErrorData>;
