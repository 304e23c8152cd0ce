import { defer, type Observable, type Subscription } from 'rxjs';
import type { CompletionEvent } from '..';
import type { RelayErrorEvent } from './relayErrorEvent';
import { relayErrorEvent } from './relayErrorEvent';
import type { RelayStore } from './RelayStore';

/** The answers generating in this process: each one's upstream subscription, its readers and its grace timer. */
export interface LiveAnswers {
  /** Stores a new answer and subscribes to its upstream once; `firstReader` attaches before the upstream starts. */
  start(
    id: string,
    tokenHash: string,
    upstream: () => Observable<CompletionEvent | string>,
    firstReader: (detach: () => void) => void,
  ): void;
  /** Counts one more reader of `id` (cancelling a pending grace stop); returns its detach. */
  attach(id: string): () => void;
  /** Stops `id` at once, if it is generating here: the upstream is unsubscribed and `event` ends the answer. */
  stop(id: string, event: RelayErrorEvent): void;
  /** Stops every answer (a relay shutting down). */
  stopAll(event: RelayErrorEvent): void;
  /** How many answers are generating. */
  readonly size: number;
}

interface Live {
  readers: number;
  grace: ReturnType<typeof setTimeout> | undefined;
  subscription: Subscription | undefined;
  done: boolean;
}

/** Settings of {@link createLiveAnswers}. */
export interface LiveSettings {
  readonly graceMs: number;
  readonly ttlMs: number;
  readonly maxBytesPerStream: number;
  readonly onError: ((error: unknown, streamId: string) => void) | undefined;
}

const FINISH_STOP = JSON.stringify({ type: 'finish', reason: 'stop' });

export function createLiveAnswers(store: RelayStore, settings: LiveSettings): LiveAnswers {
  const answers = new Map<string, Live>();

  const end = (id: string, live: Live, error?: RelayErrorEvent) => {
    if (live.done) return;
    live.done = true;
    if (live.grace !== undefined) clearTimeout(live.grace);
    answers.delete(id);
    if (error !== undefined) store.append(id, { event: 'error', data: JSON.stringify(error) });
    store.end(id, settings.ttlMs);
  };

  const stopLive = (id: string, live: Live, event: RelayErrorEvent) => {
    if (live.done) return;
    // Unsubscribing aborts the provider's request and closes its socket.
    live.subscription?.unsubscribe();
    end(id, live, event);
  };

  const detachFrom = (id: string, live: Live) => {
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      live.readers -= 1;
      if (live.readers > 0 || live.done) return;
      // Disconnect is not stop: the answer goes on for graceMs, waiting for the reader to come back.
      live.grace = setTimeout(
        () =>
          stopLive(id, live, {
            _tag: 'StoppedError',
            message: `No reader came back within ${settings.graceMs} ms: the answer was stopped.`,
          }),
        settings.graceMs,
      );
    };
  };

  const attachTo = (id: string, live: Live) => {
    live.readers += 1;
    if (live.grace !== undefined) clearTimeout(live.grace);
    live.grace = undefined;
    return detachFrom(id, live);
  };

  return {
    start(id, tokenHash, upstream, firstReader) {
      store.create(id, tokenHash);
      const live: Live = { readers: 0, grace: undefined, subscription: undefined, done: false };
      answers.set(id, live);
      firstReader(attachTo(id, live));
      let bytes = 0;
      let finished = false;
      const subscription = defer(upstream).subscribe({
        next: (value) => {
          if (live.done) return;
          const event: CompletionEvent = typeof value === 'string' ? { type: 'text', text: value } : value;
          if (event.type === 'finish') finished = true;
          const data = JSON.stringify(event);
          bytes += Buffer.byteLength(data);
          if (bytes > settings.maxBytesPerStream) {
            stopLive(id, live, {
              _tag: 'ResponseTooLargeError',
              message: `The answer passed the relay's limit of ${settings.maxBytesPerStream} bytes (limits.maxBytesPerStream): it was stopped.`,
            });
            return;
          }
          store.append(id, { data });
        },
        error: (error: unknown) => {
          settings.onError?.(error, id);
          end(id, live, relayErrorEvent(error));
        },
        complete: () => {
          // A text source has no finish event of its own: the relay adds { type: 'finish', reason: 'stop' }.
          if (!finished && !live.done) store.append(id, { data: FINISH_STOP });
          end(id, live);
        },
      });
      live.subscription = subscription;
      if (live.done) subscription.unsubscribe();
    },
    attach(id) {
      const live = answers.get(id);
      return live === undefined ? () => undefined : attachTo(id, live);
    },
    stop(id, event) {
      const live = answers.get(id);
      if (live !== undefined) stopLive(id, live, event);
    },
    stopAll(event) {
      for (const [id, live] of [...answers]) stopLive(id, live, event);
    },
    get size() {
      return answers.size;
    },
  };
}
