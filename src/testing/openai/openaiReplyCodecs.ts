import * as t from 'io-ts';
import { count, flag, integerIn, oneOf, strings, text } from '../replyCodecs';
import type { Reply } from '../types';
import type { OpenAIReply } from './types';

/** The fields {@link OpenAIReply} adds to {@link Reply}. */
type OpenAIField = Exclude<keyof OpenAIReply, keyof Reply>;

const usage = t.intersection(
  [
    t.type({ prompt_tokens: count, completion_tokens: count, total_tokens: count }),
    t.partial({
      prompt_tokens_details: t.record(t.string, count, 'an object of token counts'),
      completion_tokens_details: t.record(t.string, count, 'an object of token counts'),
    }),
  ],
  'an object { prompt_tokens, completion_tokens, total_tokens }',
);

const error = t.intersection(
  [
    t.type({ message: text }),
    t.partial({
      type: text,
      code: t.union([text, t.number, t.null], 'a string, a number or null'),
    }),
  ],
  'an object { message, type?, code? }',
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
};
