import type { EventSourceMessage } from 'eventsource-parser';
import type { OperatorFunction } from 'rxjs';
import { serverSentEvents } from '../core/serverSentEvents';

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
  return serverSentEvents(maxBufferSize, url, 'drop');
}
