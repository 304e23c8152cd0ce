import type { Reply } from './types';

/**
 * Checks a scripted {@link Reply} and throws a `RangeError` or `TypeError` naming the bad field, so a typo in a
 * test fails at `enqueue`/`setReply` time rather than as a mysterious hang.
 *
 * @example
 * ```ts
 * validateReply({ chunkSize: 0 }); // throws RangeError: reply.chunkSize must be a positive integer, got 0
 * ```
 */
export function validateReply(reply: Reply, where = 'reply'): Reply {
  if (typeof reply !== 'object' || reply === null) throw new TypeError(`${where} must be an object`);
  const sizes = typeof reply.chunkSize === 'number' ? [reply.chunkSize] : reply.chunkSize;
  if (sizes !== undefined) {
    if (sizes.length === 0) throw new RangeError(`${where}.chunkSize must not be an empty array`);
    for (const size of sizes)
      if (!isCount(size) || size === 0) fail(where, 'chunkSize', 'a positive integer', size);
  }
  for (const key of ['chunkDelayMs', 'headersDelayMs'] as const) {
    const value = reply[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0))
      fail(where, key, 'a finite number ≥ 0', value);
  }
  for (const key of ['closeAfterBytes', 'stallAfterBytes', 'truncateCompressedAt'] as const) {
    const value = reply[key];
    if (value !== undefined && !isCount(value)) fail(where, key, 'an integer ≥ 0', value);
  }
  if (reply.encoding !== undefined && !ENCODINGS.includes(reply.encoding))
    fail(where, 'encoding', "'gzip', 'deflate' or 'br'", reply.encoding);
  if (reply.encoding !== undefined && reply.endless === true)
    throw new RangeError(`${where}.encoding cannot be combined with endless: the body is compressed whole`);
  if (reply.truncateCompressedAt !== undefined && reply.encoding === undefined)
    throw new RangeError(`${where}.truncateCompressedAt needs an encoding ('gzip', 'deflate' or 'br')`);
  const { status } = reply;
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 999)) {
    fail(where, 'status', 'an integer in 200…999', status);
  }
  // ArrayBuffer.isView, not instanceof: a Buffer made in another realm (jest's sandbox) is still bytes.
  if (reply.bytes !== undefined && !ArrayBuffer.isView(reply.bytes))
    fail(where, 'bytes', 'a Uint8Array', reply.bytes);
  return reply;
}

const ENCODINGS: readonly unknown[] = ['gzip', 'deflate', 'br'];

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function fail(where: string, key: string, expected: string, actual: unknown): never {
  throw new RangeError(`${where}.${key} must be ${expected}, got ${String(actual)}`);
}
