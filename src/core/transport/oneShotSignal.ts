import type { GenericAbortSignal } from 'axios';

/**
 * The abort signal the Node transport hands to axios' `http` adapter: axios' own `GenericAbortSignal` contract
 * (`aborted`, `addEventListener`, `removeEventListener`), one listener, no `EventTarget`. An `AbortController`
 * per request cost ~14 µs of CPU (issue 21, bench/profileRequests.ts); this costs one small object. The `fetch`
 * transport keeps a real `AbortController`: `fetch` itself needs an `AbortSignal`. A class, not an object literal:
 * axios' mergeConfig deep-copies plain objects, which would cut the link to `abort()`.
 *
 * @example
 * ```ts
 * const signal = new OneShotSignal();
 * client.request({ ...config, signal });
 * signal.abort(); // axios rejects with a CanceledError and destroys the request
 * ```
 */
export class OneShotSignal implements GenericAbortSignal {
  /** True once {@link OneShotSignal.abort} was called. */
  aborted = false;
  private listener: ((reason?: unknown) => void) | undefined;

  /** Registers the (single) `'abort'` listener; axios registers one per request. */
  addEventListener(type: string, listener: (reason?: unknown) => void): void {
    if (type === 'abort') this.listener = listener;
  }

  /** Removes the listener if it is the registered one. */
  removeEventListener(type: string, listener: (reason?: unknown) => void): void {
    if (type === 'abort' && this.listener === listener) this.listener = undefined;
  }

  /** Marks the signal aborted and calls the listener once, synchronously, like `AbortController.abort()`. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    const listener = this.listener;
    this.listener = undefined;
    // No reason: axios then rejects with its CanceledError, as for an AbortSignal's event.
    listener?.();
  }
}
