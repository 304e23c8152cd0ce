import { groupDigits, IncompleteResponseError, InvalidResponseError } from '../errors';

/**
 * Text that is not JSON: the character at `offset` cannot come where it is.
 *
 * @param found - the character (a surrogate pair when it is one), shown quoted with escapes.
 * @param expected - what could have come there, e.g. `"," or "}"`.
 * @param path - where in the value, e.g. `rows[3].price`.
 */
export function invalidJson(
  offset: number,
  found: string,
  expected: string,
  path: string,
): InvalidResponseError {
  return new InvalidResponseError(
    `invalid JSON at character ${groupDigits(offset)} (the partial values before it were delivered)`,
    [{ path, expected, actual: JSON.stringify(found) }],
    offset,
  );
}

/** Text that ended before its JSON value closed, after `offset` characters; `where` says what was left open. */
export function incompleteJson(offset: number, where: string): IncompleteResponseError {
  return new IncompleteResponseError('', 0, {
    offset,
    message:
      `incomplete JSON: the text ended after ${groupDigits(offset)} characters ${where}; the partial values up to ` +
      'there were delivered. The answer was cut (a length limit, or a connection closed early): retry, or allow ' +
      'longer answers.',
  });
}
