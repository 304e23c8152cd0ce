import type { EventSourceMessage } from 'eventsource-parser';
import type { OperatorFunction } from 'rxjs';
import { serverSentEvents } from '../../core/serverSentEvents';

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
  return serverSentEvents(maxBufferSize, url, 'deliver');
}
