import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Observable, type OperatorFunction } from 'rxjs';
import { ResponseTooLargeError } from '../errors';

/**
 * Text → server-sent events, one `eventsource-parser` per subscription. Unlike the OpenAI protocol's parser, an
 * event without its closing blank line when the text ends is dropped, not delivered: a relay closes every event,
 * so an unclosed one is a cut connection (its `data` may be half a JSON value), and it is read again on resume.
 * An event growing past `maxBufferSize` characters is a {@link ResponseTooLargeError}.
 *
 * @example
 * ```ts
 * of('id: 1\ndata: {"type":"text","text":"Hi"}\n\nid: 2\ndata: {"ty').pipe(readServerSentEvents(1 << 20, url));
 * // { id: '1', data: '{"type":"text","text":"Hi"}' } only
 * ```
 */
export function readServerSentEvents(
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
        complete: () => subscriber.complete(),
      });
    });
}
