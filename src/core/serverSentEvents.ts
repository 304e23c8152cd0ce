import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Observable, type OperatorFunction } from 'rxjs';
import { ResponseTooLargeError } from '../errors';

/**
 * Text → server-sent events, one `eventsource-parser` per subscription (cold, nothing shared). Text may be cut
 * anywhere (inside a line, between CR and LF); CRLF, LF and CR endings, comments, `event:` and `id:` fields are the
 * parser's. Once the downstream has stopped, the rest of a chunk is ignored. An event growing past `maxBufferSize`
 * characters is a {@link ResponseTooLargeError}. `lastEvent` says what happens to an event without its closing
 * blank line when the text ends: `'deliver'` it (servers that omit the last blank line), or `'drop'` it (a cut
 * connection, read again on resume).
 *
 * @example
 * ```ts
 * of('data: {"a":1}\r', '\n\r\ndata: [DONE]').pipe(serverSentEvents(1 << 20, url, 'deliver'));
 * // { data: '{"a":1}' }, { data: '[DONE]' }
 * ```
 */
export function serverSentEvents(
  maxBufferSize: number,
  url: string,
  lastEvent: 'deliver' | 'drop',
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
          if (lastEvent === 'deliver' && !subscriber.closed) parser.feed('\n\n');
          subscriber.complete();
        },
      });
    });
}
