import { either as E } from 'fp-ts';
import type { EventSourceMessage } from 'eventsource-parser';
import { filter, map, type OperatorFunction } from 'rxjs';
import { toIssues } from '../core/toIssues';
import { InvalidResponseError, renderValue } from '../errors';
import type { CompletionEvent } from '../protocols/openai/types';
import { CompletionEventCodec, RelayErrorData } from './codecs';
import { RelayError } from '../errors';

/**
 * One event of a relay stream: its position in the answer and the completion event it carries.
 *
 * @example
 * ```ts
 * const frame: RelayFrame = { id: 1, event: { type: 'text', text: 'Hel' } };
 * ```
 */
export interface RelayFrame {
  /** The event's position in the answer (its SSE `id`), from 1. */
  readonly id: number;
  /** The completion event (its SSE `data`, checked). */
  readonly event: CompletionEvent;
}

const EVENT_TYPES: readonly string[] = [
  'text',
  'reasoning',
  'refusal',
  'tool-call-delta',
  'tool-call',
  'finish',
];

// Whole positive numbers only, as the relay writes them: no sign, no exponent, no leading zero.
const POSITION = /^[1-9][0-9]{0,15}$/;

/**
 * Server-sent events of a relay → {@link RelayFrame}s. Each event's `id` must be its position (1, 2, 3 …) and its
 * `data` a `CompletionEvent` as JSON (checked with io-ts); `event: error` ends the stream with a
 * {@link RelayError} carrying the relay's `{ _tag, message }`. Events of another name are skipped (a newer relay
 * may add some); comments (heartbeats) never get here. Anything malformed is an `InvalidResponseError` naming the
 * event and the field.
 *
 * @example
 * ```ts
 * text$.pipe(readServerSentEvents(1 << 20, url), toRelayFrames(url)).subscribe((frame) => console.log(frame.id));
 * ```
 */
export function toRelayFrames(url: string): OperatorFunction<EventSourceMessage, RelayFrame> {
  return (source) =>
    source.pipe(
      map((message) => readFrame(message, url)),
      filter((frame): frame is RelayFrame => frame !== undefined),
    );
}

/** One SSE event → its frame; `undefined` for an event of another name; throws for an error event. */
function readFrame(message: EventSourceMessage, url: string): RelayFrame | undefined {
  const name = message.event ?? 'message';
  if (name !== 'message' && name !== 'error') return undefined;
  const id = message.id === undefined ? undefined : POSITION.test(message.id) ? Number(message.id) : NaN;
  if (name === 'error') {
    const data = parseData(message.data, url, id);
    const decoded = RelayErrorData.validate(data, [{ key: 'data', type: RelayErrorData, actual: data }]);
    if (E.isLeft(decoded)) throw badData(decoded.left, url, id, 'an error { _tag, message }');
    throw new RelayError(
      decoded.right._tag,
      decoded.right.message,
      url,
      id === undefined || Number.isNaN(id) ? 0 : id - 1,
    );
  }
  if (id === undefined || Number.isNaN(id))
    throw new InvalidResponseError(
      `the relay at ${url} sent an event whose id is not its position (1, 2, 3 …). Is baseURL a relay made by createRelay?`,
      [
        {
          path: 'id',
          expected: 'a whole number ≥ 1',
          actual: message.id === undefined ? 'undefined' : renderValue(message.id),
        },
      ],
    );
  const data = parseData(message.data, url, id);
  const type = (data as { type?: unknown } | null)?.type;
  if (typeof data === 'object' && data !== null && !EVENT_TYPES.includes(type as string))
    // Said plainly, rather than as a union of six object shapes: a newer relay may send a type this client lacks.
    throw new InvalidResponseError(
      `the relay at ${url} sent event ${id} of a type this client does not know`,
      [
        {
          path: 'data.type',
          expected: EVENT_TYPES.map((name) => `"${name}"`).join(' | '),
          actual: renderValue(type),
        },
      ],
    );
  const decoded = CompletionEventCodec.validate(data, [
    { key: 'data', type: CompletionEventCodec, actual: data },
  ]);
  if (E.isLeft(decoded)) throw badData(decoded.left, url, id, 'a completion event');
  return { id, event: decoded.right };
}

function parseData(data: string, url: string, id: number | undefined): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw new InvalidResponseError(
      `the relay at ${url} sent event ${id ?? '(no id)'} whose data is not JSON`,
      [{ path: 'data', expected: 'JSON', actual: renderValue(data, 80) }],
    );
  }
}

function badData(
  errors: Parameters<typeof toIssues>[0],
  url: string,
  id: number | undefined,
  expected: string,
): InvalidResponseError {
  return new InvalidResponseError(
    `the relay at ${url} sent event ${id ?? '(no id)'} that is not ${expected}`,
    toIssues(errors),
  );
}
