import { Observable, type OperatorFunction } from 'rxjs';

/**
 * Emits the whole text once, when the source completes.
 *
 * The chunks are concatenated as they arrive (linear cost, nothing else is kept). An empty source gives `''`.
 * When the source errors, the text received so far is emitted first (when there is any), then the error is
 * forwarded: like the other text operators, nothing received is lost, and the error says the text is
 * incomplete. So take the result with `lastValueFrom` or a `complete` handler, not `firstValueFrom`, which
 * would resolve with a partial text.
 *
 * @example
 * ```ts
 * of('Hel', 'lo', ' world').pipe(toText()).subscribe(console.log); // 'Hello world'
 * EMPTY.pipe(toText()).subscribe(console.log); // ''
 * ```
 *
 * @see {@link accumulateText} for the running text after each chunk.
 * @see {@link decodeText} to get text from bytes.
 * @see {@link bufferText} to re-chunk text at word, line or sentence boundaries.
 */
export function toText(): OperatorFunction<string, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      let text = '';
      return source.subscribe({
        next(chunk) {
          text += chunk;
        },
        error(err: unknown) {
          if (text.length !== 0) subscriber.next(text);
          subscriber.error(err);
        },
        complete() {
          subscriber.next(text);
          subscriber.complete();
        },
      });
    });
}
