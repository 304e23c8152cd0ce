/**
 * io-ts codecs of the options of an OpenAI-compatible completion: strict (a caller's input), each named in words,
 * because the name is what an error message shows (`options.stop: expected a non-empty string, or …`).
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { boundedArray } from '../../core/boundedArray';
import { MAX_CONTENT_CHARS, strictPartial, Temperature, withName, withReliability } from '../../core/codecs';
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

/** Options of an OpenAI-compatible completion; unknown keys are errors naming them. */
export const OpenAICompletionOptionsCodec: t.Decoder<unknown, OpenAICompletionOptions> =
  /*#__PURE__*/ strictPartial(
    /*#__PURE__*/ withReliability({
      systemMessage: SystemMessage,
      temperature: Temperature,
      maxTokens: MaxTokens,
      stop: Stop,
    }),
  );
