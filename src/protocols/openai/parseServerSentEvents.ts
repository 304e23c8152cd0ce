import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Observable, type OperatorFunction } from 'rxjs';
import { ResponseTooLargeError } from '../../errors';

/**
 * Text → server-sent events, with one `eventsource-parser` per subscription (cold, nothing shared). Text may be
 * cut anywhere (inside a line, between CR and LF); CRLF, LF and CR endings, comments, `event:` and `id:` fields
 * are handled by the parser. When the text ends, one blank line is fed so that a last event without its blank
 * line still counts. Once the downstream has stopped (after `[DONE]` or an error), the rest of a chunk is
 * ignored. An event growing past `maxBufferSize` characters is a {@link ResponseTooLargeError}.
 *
 * @example
 * ```ts
 * of('data: {"a":1}\r', '\n\r\ndata: [DONE]').pipe(parseServerSentEvents(1 << 20, url));
 * // { data: '{"a":1}' }, { data: '[DONE]' }
 * ```
 */
export function parseServerSentEvents(
  maxBufferSize: number,
  url: string,
): OperatorFunction<string, EventSourceMessage> {
  return (source) =>
    new Observable<EventSourceMessage>((subscriber) => {
      const parser = createParser({
        onEvent: (event) => {
          if (!subscriber.closed) subscriber.next(event);
        },
        onError: (error) => {
          // Unknown fields and bad `retry:` values are ignored, as the SSE standard says.
          if (error.type === 'max-buffer-size-exceeded')
            subscriber.error(new ResponseTooLargeError(maxBufferSize, url));
        },
        maxBufferSize,
      });
      return source.subscribe({
        next: (text) => {
          if (!subscriber.closed) parser.feed(text);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          if (!subscriber.closed) parser.feed('\n\n');
          subscriber.complete();
        },
      });
    });
}
