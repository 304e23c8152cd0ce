import { config, Observable, type Subscriber } from 'rxjs';

/** A queued delivery: a value, or the end. `seq` orders them; each subscriber remembers the last it got. */
type Delivery<T> =
  | { readonly seq: number; readonly end: false; readonly value: T }
  | { readonly seq: number; readonly end: true };

interface Entry<T> {
  readonly subscriber: Subscriber<T>;
  /** The `seq` of the last value this subscriber got: older deliveries are skipped. */
  seen: number;
}

/**
 * A state holder like a `BehaviorSubject`, safe against re-entrant updates. A `BehaviorSubject` delivers a value
 * set from inside a subscriber's callback to everyone at once, and then goes on delivering the older value to the
 * subscribers after that one: they end on a stale state. Here `value` changes at once (readers always see the
 * newest), but deliveries are queued and made in order, one value to every subscriber before the next: each
 * subscriber sees the same values in the same order, and the last it sees is the final one.
 *
 * A new subscriber gets the current value at once (also during a delivery), then only newer ones. After
 * `complete()`, new subscribers only get the completion, as with a completed `BehaviorSubject`.
 *
 * @example
 * ```ts
 * const state = new OrderedState(0);
 * state.observable.subscribe((n) => n === 1 && state.next(2)); // re-entrant: queued
 * state.observable.subscribe((n) => console.log(n));             // 0, 1, 2 (a BehaviorSubject: 0, 2, 1)
 * state.next(1);
 * ```
 */
export class OrderedState<T> {
  /** The values and the end, to every subscriber, each subscriber getting them in order. */
  readonly observable: Observable<T>;
  private current: T;
  private seq = 0;
  private readonly queue: Delivery<T>[] = [];
  private readonly entries = new Set<Entry<T>>();
  private delivering = false;
  private held = 0;
  private ended = false;

  constructor(initial: T) {
    this.current = initial;
    this.observable = new Observable<T>((subscriber) => this.add(subscriber));
  }

  /** The newest value, also while older ones are still being delivered. */
  get value(): T {
    return this.current;
  }

  /** Sets the value now and delivers it after the deliveries already queued. Ignored after `complete()`. */
  next(value: T): void {
    if (this.ended) return;
    this.current = value;
    this.queue.push({ seq: ++this.seq, end: false, value });
    this.deliver();
  }

  /** Completes every subscriber after the deliveries already queued. */
  complete(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.push({ seq: ++this.seq, end: true });
    this.deliver();
  }

  /**
   * Runs `update` with deliveries held, then delivers what it queued: subscribers never see (nor act on) the
   * states in the middle of a transition made of several steps. Nested calls deliver at the outermost end.
   */
  batch<R>(update: () => R): R {
    this.held++;
    try {
      return update();
    } finally {
      this.held--;
      this.deliver();
    }
  }

  private add(subscriber: Subscriber<T>): () => void {
    if (this.ended) {
      subscriber.complete();
      return () => undefined;
    }
    const entry: Entry<T> = { subscriber, seen: this.seq };
    this.entries.add(entry);
    if (this.delivering || this.held > 0) send(subscriber, this.current);
    else {
      // The subscriber may update the state from this first value: what it queues is delivered after it.
      this.delivering = true;
      try {
        send(subscriber, this.current);
      } finally {
        this.delivering = false;
      }
      this.deliver();
    }
    return () => this.entries.delete(entry);
  }

  /** Delivers the queue in order; a call from inside a delivery or a batch returns at once (the outer one delivers). */
  private deliver(): void {
    if (this.delivering || this.held > 0) return;
    this.delivering = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        for (const entry of [...this.entries]) {
          // Skipped: a subscriber that left, or one that subscribed after this value was set (it got a newer one).
          if (!this.entries.has(entry) || entry.seen >= next.seq) continue;
          entry.seen = next.seq;
          if (next.end) entry.subscriber.complete();
          else send(entry.subscriber, next.value);
        }
        if (next.end) this.entries.clear();
      }
    } finally {
      this.delivering = false;
    }
  }
}

/**
 * Gives a value to one subscriber. RxJS already reports an error thrown by a subscriber's callback instead of
 * throwing it; this also keeps the other subscribers served if a subscriber throws anyway.
 */
function send<T>(subscriber: Subscriber<T>, value: T): void {
  try {
    subscriber.next(value);
  } catch (error) {
    const report = config.onUnhandledError;
    setTimeout(() => {
      if (report !== null) report(error);
      else throw error;
    });
  }
}
