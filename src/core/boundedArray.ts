import { either as E } from 'fp-ts';
import * as t from 'io-ts';

/**
 * A codec of an array of `min` to `max` items of `item`, for caller input. The length is checked first, so a
 * sparse `new Array(1e9)` is refused at once (io-ts' own array codecs would visit a billion holes); then each item,
 * its errors at its own index (`options.stop[1]`). A wrong length or a value that is not an array is one failure
 * at the array's place, named `name` (say it in words: it is what the error message shows).
 *
 * @example
 * ```ts
 * const StopList = boundedArray(NonEmptyString, 1, 4, 'an array of 1 to 4 non-empty strings');
 * StopList.decode(['a', 5]); // Left: [1]: expected a non-empty string
 * ```
 */
export function boundedArray<C extends t.Mixed>(
  item: C,
  min: number,
  max: number,
  name: string,
): t.Type<readonly t.TypeOf<C>[], readonly t.OutputOf<C>[], unknown> {
  const fits = (u: unknown): u is readonly unknown[] =>
    Array.isArray(u) && u.length >= min && u.length <= max;
  return new t.Type<readonly t.TypeOf<C>[], readonly t.OutputOf<C>[], unknown>(
    name,
    (u): u is readonly t.TypeOf<C>[] => fits(u) && u.every((x) => item.is(x)),
    (u, c) => {
      if (!fits(u)) return t.failure(u, c);
      const errors: t.ValidationError[] = [];
      const decoded: t.TypeOf<C>[] = [];
      for (let i = 0; i < u.length; i++) {
        const value: unknown = u[i];
        const result = item.validate(value, t.appendContext(c, String(i), item, value));
        // A loop, not a spread: a list of errors may be long.
        if (E.isLeft(result)) for (const error of result.left) errors.push(error);
        else decoded.push(result.right);
      }
      return errors.length > 0 ? t.failures(errors) : t.success(decoded);
    },
    (a) => a.map((x) => item.encode(x) as t.OutputOf<C>),
  );
}
