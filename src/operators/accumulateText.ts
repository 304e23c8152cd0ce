import { Observable, type OperatorFunction } from 'rxjs';

/**
 * Emits the running full text after each chunk: what a UI binds to.
 *
 * Each emission is the concatenation of every chunk received so far. Empty chunks are skipped: they would
 * emit the same text again and make a UI re-render for nothing. The total cost is linear: one `+=` per chunk
 * (V8 and other engines build such strings as ropes), never a re-join of all chunks. Errors and completion
 * pass through; the state belongs to the subscription, so every subscriber starts from `''`.
 *
 * @example
 * ```ts
 * of('Hel', 'lo', '', ' world').pipe(accumulateText()).subscribe(console.log);
 * // 'Hel', 'Hello', 'Hello world'
 * ```
 *
 * @see {@link toText} for the whole text once, at completion.
 * @see {@link bufferText} to grow the text by whole words rather than by raw chunks.
 * @see {@link decodeText} to get text from bytes.
 */
export function accumulateText(): OperatorFunction<string, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      let text = '';
      return source.subscribe({
        next(chunk) {
          if (chunk.length === 0) return;
          text += chunk;
          subscriber.next(text);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}
