import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { isPlainObject } from './snapshot';

/** The decoded type of {@link strictObject}: required fields, then optional ones. */
export type StrictObjectOf<R extends t.Props, O extends t.Props> = t.TypeOf<t.TypeC<R>> &
  t.TypeOf<t.PartialC<O>>;

/**
 * A codec of a plain object for caller input: `required` fields must be there, `optional` ones may be, and any
 * other key is an error naming it (`no such field (known: …)`): a typo must not be sent and silently ignored. Its
 * name, what an error shows when the value is not an object at all, is `name`. Decoding returns a copy of the known
 * fields (an `undefined` optional one left out).
 *
 * @example
 * ```ts
 * const Fn = strictObject({ name: NonEmptyString }, { description: t.string }, 'an object { name, description? }');
 * Fn.decode({ name: 'weather', descripton: 'x' }); // Left: descripton: no such field (known: name, description)
 * ```
 */
export function strictObject<R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name: string,
): t.Type<StrictObjectOf<R, O>, StrictObjectOf<R, O>, unknown> {
  const known = [...Object.keys(required), ...Object.keys(optional)];
  const decodeInto = (
    props: t.Props,
    input: Record<string, unknown>,
    c: t.Context,
    out: Record<string, unknown>,
    errors: t.ValidationError[],
    isRequired: boolean,
  ): void => {
    for (const [key, codec] of Object.entries(props)) {
      const value = input[key];
      if (!isRequired && value === undefined) continue;
      const result = codec.validate(value, t.appendContext(c, key, codec, value));
      if (E.isLeft(result)) for (const error of result.left) errors.push(error);
      else out[key] = result.right;
    }
  };
  const validate: t.Validate<unknown, StrictObjectOf<R, O>> = (u, c) => {
    if (!isPlainObject(u)) return t.failure(u, c);
    const errors: t.ValidationError[] = [];
    const out: Record<string, unknown> = {};
    decodeInto(required, u, c, out, errors, true);
    decodeInto(optional, u, c, out, errors, false);
    for (const key of Object.keys(u)) {
      if (known.includes(key)) continue;
      const value = u[key];
      errors.push({
        value,
        context: t.appendContext(c, key, t.never, value),
        message: `no such field (known: ${known.join(', ')})`,
      });
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out as StrictObjectOf<R, O>);
  };
  return new t.Type(name, (u): u is StrictObjectOf<R, O> => E.isRight(validate(u, [])), validate, t.identity);
}

/**
 * A codec choosing by a tag field: the value must be a plain object whose `key` (e.g. `type`) is one of `cases`'
 * keys, and is then checked by that case. A missing or unknown tag is one error at `…key` listing the tags (or
 * saying `expected`).
 *
 * @example
 * ```ts
 * const Part = byTag('type', { text: TextPart, image_url: ImagePart }, 'a content part { type, … }');
 * ```
 */
export function byTag<A>(
  key: string,
  cases: Readonly<Record<string, t.Decoder<unknown, A>>>,
  name: string,
  expected: string = Object.keys(cases)
    .map((tag) => JSON.stringify(tag))
    .join(' | '),
): t.Type<A, A, unknown> {
  const validate: t.Validate<unknown, A> = (u, c) => {
    if (!isPlainObject(u)) return t.failure(u, c);
    const tag = u[key];
    const codec =
      typeof tag === 'string' && Object.prototype.hasOwnProperty.call(cases, tag) ? cases[tag] : undefined;
    if (codec === undefined) return t.failure(tag, t.appendContext(c, key, t.never, tag), expected);
    return codec.validate(u, c);
  };
  return new t.Type(name, (u): u is A => E.isRight(validate(u, [])), validate, t.identity);
}
