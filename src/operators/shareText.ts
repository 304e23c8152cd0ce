import {
  share,
  Subject,
  timer,
  type MonoTypeOperatorFunction,
  type ObservableInput,
  type Observer,
  type SubjectLike,
  type Unsubscribable,
} from 'rxjs';
import { checkOption } from './options/checkOption';

/** Options of {@link shareText}. */
export interface ShareTextOptions {
  /**
   * What happens when the last subscriber unsubscribes while the source still runs.
   *
   * - `true` (default): unsubscribe from the source at once (an HTTP request is aborted, its socket closed);
   *   the next subscriber starts a new one.
   * - `false`: keep the source running with no subscriber; a later subscriber receives the text so far, then
   *   the rest.
   * - a number of milliseconds: a grace period (`timer(ms)`, on `asyncScheduler`). A subscriber arriving within
   *   it keeps the same source (an Angular re-render that unsubscribes, then subscribes again, does not abort).
   * - a notifier factory, as rxjs `share` takes: the source is unsubscribed when the returned input emits.
   */
  readonly resetOnRefCountZero?: boolean | number | (() => ObservableInput<unknown>);
  /**
   * Whether a subscriber arriving after the source completed starts it again. Default `false`: it receives the
   * whole text in one emission, then completes, and nothing is requested again.
   */
  readonly resetOnComplete?: boolean | (() => ObservableInput<unknown>);
  /**
   * Whether a subscriber arriving after the source failed starts it again. Default `false`: it receives the
   * text that arrived before the failure in one emission, then the same error, and nothing is requested again,
   * so every subscriber sees the same answer. Do not put RxJS `retry()` before `shareText()` to retry a
   * completion: a failure after some text would splice a second answer onto the first. The providers' own `retry`
   * option retries what is safe (failures before the first byte); for more, start a new request and a new
   * `shareText()`, and show that the answer restarts.
   */
  readonly resetOnError?: boolean | ((error: unknown) => ObservableInput<unknown>);
}

/**
 * Shares one text stream between subscribers: the source is subscribed once, and a subscriber that arrives
 * late first receives the text so far as one emission, then the live chunks.
 *
 * ## Why use `shareText`?
 *
 * A completion is a cold Observable: every subscriber sends its own request. `share()` sends one, but a late
 * subscriber misses what was already said; `shareReplay()` replays every chunk (memory and work grow with the
 * answer) and by default keeps the request running with nobody listening. `shareText` keeps one running string
 * and gives a newcomer, in one synchronous emission, exactly the text so far: concatenating what any subscriber
 * received always gives the text from the start, with no gap and no duplicate, whenever it subscribed. After
 * completion a late subscriber gets the whole text, then `complete`; after an error, the text so far, then the
 * error (see {@link ShareTextOptions.resetOnError}). Empty chunks pass through to live subscribers.
 *
 * ## Reference counting
 *
 * The source is subscribed when the first subscriber arrives, and unsubscribed when the last one leaves (an
 * HTTP request is aborted and its socket closed). `resetOnRefCountZero: false` keeps it running instead;
 * a number of milliseconds waits that long for a new subscriber first. It is rxjs `share` with a connector that
 * remembers the text: the same connection rules (a synchronous source sees its subscriber close, a re-entrant
 * subscriber does not connect twice).
 *
 * @example
 * ```ts
 * const source = new Subject<string>(); // stands for aivvm.createCompletion(null, messages, true)
 * const answer$ = source.pipe(shareText());
 * answer$.subscribe((chunk) => console.log('A', chunk));
 * source.next('Hel');
 * source.next('lo,');
 * answer$.subscribe((chunk) => console.log('B', chunk)); // late: catches up in one emission
 * source.next(' world');
 * source.complete();
 * answer$.subscribe((chunk) => console.log('C', chunk)); // after the end: the whole text, no new request
 * // A Hel
 * // A lo,
 * // B Hello,
 * // A  world
 * // B  world
 * // C Hello, world
 * ```
 *
 * @see {@link accumulateText} to turn each subscriber's emissions into the running full text.
 * @see {@link toText} for the whole text at completion.
 * @see rxjs `share` and `shareReplay`, which it replaces for text.
 *
 * @param options See {@link ShareTextOptions}.
 * @return A function returning an Observable that shares one subscription to the source text among its
 * subscribers, catching late ones up with the text so far.
 */
export function shareText(options: ShareTextOptions = {}): MonoTypeOperatorFunction<string> {
  const { resetOnRefCountZero = true, resetOnComplete = false, resetOnError = false } = options;
  const either = 'a boolean or a notifier factory';
  checkOption(
    'shareText',
    'resetOnRefCountZero',
    resetOnRefCountZero,
    ['boolean', 'number', 'function'],
    `${either} or a number of ms`,
  );
  checkOption('shareText', 'resetOnComplete', resetOnComplete, ['boolean', 'function'], either);
  checkOption('shareText', 'resetOnError', resetOnError, ['boolean', 'function'], either);
  if (
    typeof resetOnRefCountZero === 'number' &&
    !(resetOnRefCountZero >= 0 && resetOnRefCountZero < Infinity)
  ) {
    throw new RangeError(
      `shareText: resetOnRefCountZero must be a boolean, a notifier factory or a finite number of ms ≥ 0, got ` +
        `${resetOnRefCountZero}. Use false to keep the source running.`,
    );
  }
  const grace = resetOnRefCountZero;
  return share<string>({
    connector: () => new TextSubject(),
    resetOnComplete,
    resetOnError,
    resetOnRefCountZero: typeof grace === 'number' ? () => timer(grace) : grace,
  });
}

/**
 * The connector of {@link shareText}: a Subject that also keeps the text so far (one string, not the chunks),
 * and gives it to each new subscriber before the live chunks, in the same synchronous `subscribe`.
 */
class TextSubject implements SubjectLike<string> {
  private text = '';
  private readonly live = new Subject<string>();

  next(chunk: string): void {
    this.text += chunk;
    this.live.next(chunk);
  }

  error(err: unknown): void {
    this.live.error(err);
  }

  complete(): void {
    this.live.complete();
  }

  subscribe(observer: Partial<Observer<string>>): Unsubscribable {
    // The catch-up emission may re-enter: the subscriber's `next` can make the source emit before it joins the
    // live subject. Whatever arrived meanwhile is caught up too, so there is no gap; what it joins after is new.
    let sent = 0;
    while (sent < this.text.length) {
      const text = this.text;
      const part = sent === 0 ? text : text.slice(sent);
      sent = text.length;
      observer.next?.(part);
    }
    // After completion or an error, this delivers it at once (a stopped Subject does).
    return this.live.subscribe(observer);
  }
}
