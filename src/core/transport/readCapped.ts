/** Reads at most `max` bytes of an async byte source, then stops (the caller releases the connection). */
export async function readCapped(source: AsyncIterable<Uint8Array>, max: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of source) {
    const room = max - size;
    parts.push(chunk.byteLength > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.byteLength, room);
    if (size >= max) break;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  // Cut by the cap: drop a character the cut split (stream mode holds it back) rather than show U+FFFD.
  return new TextDecoder().decode(bytes, { stream: size >= max });
}
