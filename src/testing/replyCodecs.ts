import * as t from 'io-ts';
import type { Reply } from './types';

/**
 * The io-ts codecs that check scripted replies. Each codec's name is what a user reads after "must be" in the
 * error (`reply.deltaChars must be a positive integer (code points per delta), got 0`), so names are words.
 *
 * @packageDocumentation
 */

/** The longest delay a Node timer honours: a longer one fires at once (with a warning), so it is refused. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * A codec for values that `is` accepts, named `name` (the words after "must be" in an error).
 *
 * @example
 * ```ts
 * const even = check<number>('an even number', (u): u is number => typeof u === 'number' && u % 2 === 0);
 * ```
 */
export function check<A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> {
  return new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity);
}

/**
 * An integer in `[min, max]` (safe integers only).
 *
 * @example
 * ```ts
 * const status = integerIn(200, 999, 'an integer in 200…999');
 * ```
 */
export function integerIn(min: number, max: number, name: string): t.Type<number, number, unknown> {
  return check(
    name,
    (u): u is number => typeof u === 'number' && Number.isSafeInteger(u) && u >= min && u <= max,
  );
}

/**
 * One of the given strings, named `one of "a", "b"`.
 *
 * @example
 * ```ts
 * const lineEnding = oneOf(['\n', '\r\n', '\r'] as const);
 * ```
 */
export function oneOf<const T extends readonly string[]>(values: T): t.Type<T[number], T[number], unknown> {
  return check(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`, (u): u is T[number] =>
    values.includes(u as string),
  );
}

/**
 * A string, or an array of strings (the pieces, in order).
 *
 * @example
 * ```ts
 * const reasoning = textOrPieces('a string or an array of strings');
 * ```
 */
export function textOrPieces(
  name = 'a string or an array of strings',
): t.Type<string | readonly string[], string | readonly string[], unknown> {
  return t.union([text, strings], name);
}

/** `true` or `false`. */
export const flag = check('true or false', (u): u is boolean => typeof u === 'boolean');
/** Any string. */
export const text = check('a string', (u): u is string => typeof u === 'string');
/** An array of strings. */
export const strings = t.readonlyArray(text, 'an array of strings');
/** Bytes: any typed-array view (`ArrayBuffer.isView`, not instanceof: a Buffer of another realm is bytes too). */
export const bytes = check(
  'a Uint8Array',
  (u): u is Uint8Array => ArrayBuffer.isView(u) && !(u instanceof DataView),
);
/** An integer ≥ 0 (a byte count, a token count). */
export const count = integerIn(0, Number.MAX_SAFE_INTEGER, 'an integer ≥ 0');
/** A delay a timer can wait. */
export const milliseconds = check(
  `a number of milliseconds from 0 to ${MAX_DELAY_MS}`,
  (u): u is number => typeof u === 'number' && u >= 0 && u <= MAX_DELAY_MS,
);

const positiveInteger = integerIn(1, Number.MAX_SAFE_INTEGER, 'a positive integer');

/** `chunkSize`: a positive integer, or a non-empty array of them (cycled). Reports the element that is wrong. */
const chunkSize = new t.Type<number | readonly number[], number | readonly number[], unknown>(
  'a positive integer or a non-empty array of them',
  (u): u is number | readonly number[] =>
    positiveInteger.is(u) || (Array.isArray(u) && u.length > 0 && u.every(positiveInteger.is)),
  (u, c) => {
    if (typeof u === 'number')
      return positiveInteger.is(u) ? t.success(u) : t.failure(u, c, positiveInteger.name);
    if (!Array.isArray(u)) return t.failure(u, c);
    if (u.length === 0) return t.failure(u, c, 'a non-empty array of positive integers');
    return t.readonlyArray(positiveInteger).validate(u, c);
  },
  t.identity,
);

/** Response headers: an object of names to string values. */
const headers = t.record(t.string, text, 'an object of header names to string values');

/**
 * The codec of each field of {@link Reply}. Typed by the interface's keys, so a field added there without a
 * codec here does not compile.
 *
 * @example
 * ```ts
 * replyFields.chunkSize.is([1, 2]); // true
 * ```
 */
export const replyFields: {
  readonly [K in keyof Reply]-?: t.Type<Exclude<Reply[K], undefined>, unknown, unknown>;
} = {
  bytes,
  text,
  echo: flag,
  endless: flag,
  chunkSize,
  chunkDelayMs: milliseconds,
  headersDelayMs: milliseconds,
  status: integerIn(200, 999, 'an integer in 200…999'),
  reason: text,
  body: t.union([text, bytes], 'a string or a Uint8Array'),
  headers,
  closeAfterBytes: count,
  stallAfterBytes: count,
  stallBeforeHeaders: flag,
  encoding: oneOf(['gzip', 'deflate', 'br'] as const),
  truncateCompressedAt: count,
};

/**
 * `codec`, refusing keys other than `keys` (user input is strict: a misspelt field must not be ignored). The
 * unknown key is reported at its own path: `toolCalls[0].args must be left out (…)`.
 *
 * @example
 * ```ts
 * const call = closed(t.type({ name: t.string }), ['name'], 'a tool call has only a name');
 * ```
 */
export function closed<C extends t.Mixed>(
  codec: C,
  keys: readonly string[],
  hint: string,
): t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown> {
  return new t.Type<t.TypeOf<C>, t.OutputOf<C>, unknown>(
    codec.name,
    codec.is,
    (u, c) => {
      if (typeof u === 'object' && u !== null && !Array.isArray(u)) {
        const extra = Object.keys(u).find((key) => !keys.includes(key));
        if (extra !== undefined) {
          const value = (u as Record<string, unknown>)[extra];
          return t.failure(value, t.appendContext(c, extra, codec, value), `left out (${hint})`);
        }
      }
      // Validate as `codec` itself, so the reporter sees its tag (union, intersection) at this place.
      const last = c[c.length - 1];
      return codec.validate(u, last === undefined ? c : [...c.slice(0, -1), { ...last, type: codec }]);
    },
    codec.encode,
  );
}
