import { once } from 'node:events';
import type { Writable } from 'node:stream';

/**
 * Waits `ms` milliseconds unless `signal` aborts first (the timer is then cleared). Resolves `true` when the
 * time elapsed, `false` when aborted. Never rejects.
 *
 * @example
 * ```ts
 * if (!(await pause(plan.chunkDelayMs, exchange.signal))) return; // client gone
 * ```
 */
export function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Waits for `stream`'s `'drain'` unless `signal` aborts first. Resolves `true` on drain, `false` when aborted
 * or on a stream error. Never rejects.
 *
 * @example
 * ```ts
 * if (!res.write(chunk) && !(await drained(res, signal))) return;
 * ```
 */
export function drained(stream: Writable, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return once(stream, 'drain', { signal }).then(
    () => true,
    () => false,
  );
}

/**
 * Yields to the event loop once (`setImmediate`), so a long synchronous write loop lets I/O and timers run.
 *
 * @example
 * ```ts
 * if (++sinceYield === 1024) await yieldToLoop();
 * ```
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
