import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { collectIssues } from '../core/toIssues';
import { InvalidResponseError, renderValue } from '../errors';

/**
 * Decodes a parsed value with its codec. A failure is an {@link InvalidResponseError} whose issues have paths from
 * the document's root: `root` is where the value sits (`rows[3]`, or `''` for the whole document).
 */
export function decodeJson<C extends t.Mixed>(
  codec: C,
  value: unknown,
  root: string,
): E.Either<InvalidResponseError, t.TypeOf<C>> {
  const result = codec.validate(value, [{ key: root, type: codec, actual: value }]);
  if (result._tag === 'Right') return E.right(result.right as t.TypeOf<C>);
  // Model output is shown (short strings, quoted): it is the answer the subscriber already received.
  const { issues } = collectIssues(result.left, (_path, actual) =>
    typeof actual === 'string' ? renderValue(actual, 40) : undefined,
  );
  const what = root === '' ? 'the JSON value' : root;
  return E.left(new InvalidResponseError(`${what} does not match ${codec.name}`, issues));
}
