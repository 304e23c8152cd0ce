/**
 * The hand-written loops the operators are compared with: what a careful programmer writes without RxJS, doing
 * the same work (same outputs, fed to the same sink).
 */

type Sink = (text: string) => void;

/** One streaming TextDecoder; empty strings (a chunk that only starts a character) are not emitted. */
export function decodeLoop(chunks: readonly Uint8Array[], sink: Sink): void {
  const decoder = new TextDecoder();
  for (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') sink(text);
  }
  const rest = decoder.decode();
  if (rest !== '') sink(rest);
}

/** Emits the text up to and including the last whitespace seen, keeping the rest for later; the rest at the end. */
export function bufferWordsLoop(texts: readonly string[], sink: Sink): void {
  let pending = '';
  for (const text of texts) {
    // Only the new text can hold a new boundary.
    let cut = text.length;
    while (cut > 0 && !isSpace(text.charCodeAt(cut - 1))) cut--;
    if (cut === 0) {
      pending += text;
      continue;
    }
    sink(pending + text.slice(0, cut));
    pending = text.slice(cut);
  }
  if (pending !== '') sink(pending);
}

/** Emits the whole text so far after each chunk. */
export function accumulateLoop(texts: readonly string[], sink: Sink): void {
  let text = '';
  for (const chunk of texts) {
    text += chunk;
    sink(text);
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x3000;
}
