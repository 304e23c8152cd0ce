import * as t from 'io-ts';
import { bytes, closed, count, flag, integerIn, oneOf, strings, text, textOrPieces } from '../replyCodecs';
import type { Reply } from '../types';
import type { OpenAIReply } from './types';

/** The fields {@link OpenAIReply} adds to {@link Reply}. */
type OpenAIField = Exclude<keyof OpenAIReply, keyof Reply>;

const counts = t.record(t.string, count, 'an object of token counts');
const usage = closed(
  t.intersection(
    [
      t.type({ prompt_tokens: count, completion_tokens: count, total_tokens: count }),
      t.partial({ prompt_tokens_details: counts, completion_tokens_details: counts }),
    ],
    'an object { prompt_tokens, completion_tokens, total_tokens }',
  ),
  [
    'prompt_tokens',
    'completion_tokens',
    'total_tokens',
    'prompt_tokens_details',
    'completion_tokens_details',
  ],
  'usage has prompt_tokens, completion_tokens, total_tokens and their details',
);

const error = closed(
  t.intersection(
    [
      t.type({ message: text }),
      t.partial({ type: text, code: t.union([text, t.number, t.null], 'a string, a number or null') }),
    ],
    'an object { message, type?, code? }',
  ),
  ['message', 'type', 'code'],
  'an error has message, type and code',
);

const toolCall = closed(
  t.intersection(
    [
      t.type({ name: text, arguments: textOrPieces() }),
      t.partial({ id: t.union([text, t.null], 'a string or null') }),
    ],
    'a tool call { id?, name, arguments }',
  ),
  ['id', 'name', 'arguments'],
  'a tool call has id, name and arguments',
);

const toolCalls = new t.Type<readonly t.TypeOf<typeof toolCall>[], unknown, unknown>(
  'a non-empty array of tool calls { id?, name, arguments }',
  (u): u is readonly t.TypeOf<typeof toolCall>[] => Array.isArray(u) && u.length > 0 && u.every(toolCall.is),
  (u, c) =>
    Array.isArray(u) && u.length === 0
      ? t.failure(u, c, 'a non-empty array of tool calls (leave toolCalls out for none)')
      : t.readonlyArray(toolCall).validate(u, c),
  t.identity,
);

const replayPayload = closed(
  t.partial({ file: text, bytes: t.union([text, bytes], 'a string or a Uint8Array') }),
  ['file', 'bytes'],
  'a replay has file or bytes',
);
const replay = new t.Type<t.TypeOf<typeof replayPayload>, unknown, unknown>(
  'an object { file } or { bytes }',
  (u): u is t.TypeOf<typeof replayPayload> => replayPayload.is(u),
  (u, c) => {
    const decoded = replayPayload.validate(u, c);
    if (decoded._tag === 'Left') return decoded;
    const { file, bytes: data } = decoded.right;
    return (file === undefined) === (data === undefined)
      ? t.failure(u, c, 'an object with exactly one of file (a path) and bytes')
      : decoded;
  },
  t.identity,
);

/**
 * The codec of each field {@link OpenAIReply} adds to {@link Reply}. Typed by the interface's keys, so a field
 * added there without a codec here does not compile.
 *
 * @example
 * ```ts
 * openaiReplyFields.deltaChars.is(0); // false
 * ```
 */
export const openaiReplyFields: {
  readonly [K in OpenAIField]-?: t.Type<Exclude<OpenAIReply[K], undefined>, unknown, unknown>;
} = {
  deltas: strings,
  deltaChars: integerIn(1, Number.MAX_SAFE_INTEGER, 'a positive integer (code points per delta)'),
  finishReason: t.union([text, t.null], 'a string or null'),
  done: flag,
  lineEnding: oneOf(['\n', '\r\n', '\r'] as const),
  comments: flag,
  error,
  usage,
  reasoning: textOrPieces(),
  reasoningField: oneOf(['reasoning_content', 'reasoning'] as const),
  refusal: textOrPieces(),
  toolCalls,
  toolCallStyle: oneOf(['openai', 'whole', 'ollama'] as const),
  firstToolCallIndex: count,
  contentParts: flag,
  filterResults: flag,
  contentFilter: flag,
  sendUsage: oneOf(['if-asked', 'always', 'never'] as const),
  usageChunk: oneOf(['separate', 'last-choice'] as const),
  usageOnEveryChunk: flag,
  perEvent: flag,
  replay,
};
