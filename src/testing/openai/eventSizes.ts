/**
 * The byte length of each server-sent event of `body`, in order, so that writing chunks of these sizes sends
 * one event per write. An event ends after the blank line that follows its last line; lines end in `\n`,
 * `\r\n` or `\r` (a CRLF counts as one ending). Blank lines before an event stay with it; bytes after the last
 * blank line form a last piece. The sizes add up to `body.length`.
 *
 * @example
 * ```ts
 * eventSizes(Buffer.from('data: a\n\ndata: b\r\n\r\n')); // [9, 11]
 * ```
 */
export function eventSizes(body: Uint8Array): number[] {
  const sizes: number[] = [];
  let start = 0; // start of the current event
  let lineStart = 0;
  let hasLine = false; // the current event has a non-blank line
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (byte !== LF && byte !== CR) continue;
    const end = byte === CR && body[i + 1] === LF ? i + 1 : i;
    const blank = i === lineStart;
    i = end;
    lineStart = end + 1;
    if (!blank) hasLine = true;
    else if (hasLine) {
      sizes.push(lineStart - start);
      start = lineStart;
      hasLine = false;
    }
  }
  if (start < body.length) sizes.push(body.length - start);
  return sizes;
}

const LF = 0x0a;
const CR = 0x0d;
