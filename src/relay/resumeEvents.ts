import {
  asyncScheduler,
  catchError,
  concat,
  defer,
  filter,
  retry,
  takeWhile,
  tap,
  throwError,
  timer,
  type Observable,
  type SchedulerLike,
} from 'rxjs';
import { InvalidResponseError } from '../errors';

/**
 * How a relay client reconnects after a network drop: up to `attempts` reconnects in a row without a new event,
 * the first after `initialDelayMs`, each further one after twice the previous delay, never more than `maxDelayMs`.
 * A reconnect that brings a new event starts the count again.
 *
 * @example
 * ```ts
 * const reconnect: ReconnectOptions = { attempts: 8, initialDelayMs: 500, maxDelayMs: 10_000 };
 * createRelayProvider({ baseURL: '/api/relay', reconnect });
 * ```
 */
export interface ReconnectOptions {
  /** Reconnects in a row without a new event before giving up; 0 never reconnects. Default 5. */
  readonly attempts?: number;
  /** The delay before the first reconnect, in milliseconds. Default 250. */
  readonly initialDelayMs?: number;
  /** No delay between reconnects is longer than this, in milliseconds. Default 5 000. */
  readonly maxDelayMs?: number;
}

/**
 * The defaults of {@link ReconnectOptions}: 5 attempts, 250 ms, doubling, at most 5 s (about 8 s of outage).
 *
 * @example
 * ```ts
 * DEFAULT_RECONNECT.attempts; // 5
 * ```
 */
export const DEFAULT_RECONNECT: Required<ReconnectOptions> = /*#__PURE__*/ Object.freeze({
  attempts: 5,
  initialDelayMs: 250,
  maxDelayMs: 5_000,
});

/**
 * One event of a resumable stream: `id` is its position in the answer (1, 2, 3 …).
 *
 * @example
 * ```ts
 * const event: Numbered = { id: 3 };
 * ```
 */
export interface Numbered {
  /** The event's position in the answer, from 1. */
  readonly id: number;
}

/**
 * What {@link resumeEvents} needs besides `connect`: the reconnect policy, which event is the last, which
 * failures are drops (to reconnect after), the error to end with when reconnecting gave up, and where timers run.
 *
 * @example
 * ```ts
 * const options: ResumeOptions<Frame> = {
 *   ...DEFAULT_RECONNECT,
 *   isLast: (frame) => frame.event.type === 'finish',
 *   isDrop: (error) => error instanceof NetworkError,
 *   giveUp: (error) => error ?? new Error('ended early'),
 * };
 * ```
 */
export interface ResumeOptions<T extends Numbered> extends Required<ReconnectOptions> {
  /** True for the answer's last event: the stream completes after it. */
  readonly isLast: (event: T) => boolean;
  /** True for a failure worth reconnecting after (a broken connection); any other failure ends the stream. */
  readonly isDrop: (error: unknown) => boolean;
  /**
   * The error to end with once `attempts` reconnects in a row failed: `error` is the last drop's (`undefined`
   * when the last connection simply ended before the last event), `lastEventId` the last id delivered.
   */
  readonly giveUp: (error: unknown, lastEventId: number, attempts: number) => unknown;
  /** Where the delays run; default `asyncScheduler` (a `TestScheduler` in specs). */
  readonly scheduler?: SchedulerLike;
}

/** Marks a connection that ended (completed) before the last event: a drop with no error of its own. */
const ENDED_EARLY: unique symbol = /*#__PURE__*/ Symbol('ended early');

/**
 * The events of a stream that survives dropped connections: `connect(lastEventId)` opens a connection that sends
 * the events after `lastEventId` (0 for the first one); when it fails with a drop (see `isDrop`) or ends before
 * the last event, a new one is opened after a backoff with the id of the last event delivered. Each event reaches
 * the subscriber exactly once and in order: an id at or below the last delivered is skipped (a relay may repeat),
 * and a gap (an id past the next) is an `InvalidResponseError`, since events would be lost. Completes after the
 * last event (see `isLast`), closing its connection. Unsubscribing closes the open connection or cancels the
 * pending delay.
 *
 * @example
 * ```ts
 * resumeEvents((last) => readFrames(`${url}?after=${last}`), {
 *   ...DEFAULT_RECONNECT,
 *   isLast: (frame) => frame.last,
 *   isDrop: (error) => error instanceof NetworkError,
 *   giveUp: (error) => error,
 * }).subscribe((frame) => render(frame));
 * ```
 */
export function resumeEvents<T extends Numbered>(
  connect: (lastEventId: number) => Observable<T>,
  options: ResumeOptions<T>,
): Observable<T> {
  const { attempts, initialDelayMs, maxDelayMs, isLast, isDrop, giveUp } = options;
  const scheduler = options.scheduler ?? asyncScheduler;
  return defer(() => {
    let last = 0;
    // A gap is the relay's fault, not the network's: never reconnect after it.
    let fatal: unknown;
    const connection = (): Observable<T> =>
      concat(
        defer(() => connect(last)),
        throwError(() => ENDED_EARLY),
      ).pipe(
        filter((event) => event.id > last),
        tap((event) => {
          if (event.id !== last + 1) {
            fatal = new InvalidResponseError(
              `the relay sent event ${event.id} after event ${last}: events ${last + 1}–${event.id - 1} are missing.`,
              [{ path: 'id', expected: `${last + 1}`, actual: `${event.id}` }],
            );
            throw fatal;
          }
          last = event.id;
        }),
      );
    return connection().pipe(
      retry({
        count: attempts,
        // Emitting (a new event) starts the count again: `attempts` bounds reconnects in a row without progress.
        resetOnSuccess: true,
        delay: (error: unknown, retryCount: number) =>
          error === fatal || (error !== ENDED_EARLY && !isDrop(error))
            ? throwError(() => error)
            : timer(Math.min(maxDelayMs, initialDelayMs * 2 ** (retryCount - 1)), scheduler),
      }),
      takeWhile((event) => !isLast(event), true),
      catchError((error: unknown) =>
        throwError(() =>
          error === ENDED_EARLY
            ? giveUp(undefined, last, attempts)
            : error !== fatal && isDrop(error)
              ? giveUp(error, last, attempts)
              : error,
        ),
      ),
    );
  });
}
