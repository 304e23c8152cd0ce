/**
 * Cuts `source` into chunks of the given sizes (cycled), stopping after `limit` bytes in total. Chunks are
 * zero-copy `subarray` views, except a chunk of an `endless` body that wraps around its end. An endless
 * non-empty source never runs out; an empty one yields nothing.
 *
 * @example
 * ```ts
 * [...sliceChunks(Buffer.from('abcdef'), [1, 2], false, Infinity)].map(String); // ['a', 'bc', 'd', 'ef']
 * [...sliceChunks(Buffer.from('ab'), [3], true, 7)].map(String); // ['aba', 'bab', 'a']
 * ```
 */
export function* sliceChunks(
  source: Buffer,
  sizes: readonly number[],
  endless: boolean,
  limit: number,
): Generator<Buffer, void, undefined> {
  const length = source.length;
  if (length === 0) return;
  let offset = 0;
  let total = 0;
  let turn = 0;
  while (total < limit) {
    const remaining = endless ? limit - total : Math.min(limit - total, length - offset);
    if (remaining <= 0) return;
    const size = Math.min(sizes[turn++ % sizes.length] ?? 1, remaining);
    let chunk: Buffer;
    if (offset + size <= length) {
      chunk = source.subarray(offset, offset + size);
      offset += size;
    } else {
      chunk = Buffer.allocUnsafe(size);
      for (let filled = 0; filled < size;) {
        const copied = source.copy(chunk, filled, offset, Math.min(length, offset + size - filled));
        filled += copied;
        offset += copied;
        if (offset === length) offset = 0;
      }
    }
    if (endless && offset === length) offset = 0;
    total += size;
    yield chunk;
  }
}
