/**
 * How often {@link AivvmService.chat} may update its `text` signal while chunks arrive:
 * - `'animationFrame'` (default): at most once per animation frame (a macrotask where `requestAnimationFrame`
 *   does not exist, e.g. on a server);
 * - `'none'`: on every chunk;
 * - a number: at most once every that many milliseconds.
 *
 * Whatever the setting, the last text is written at once when the answer ends, fails or is cancelled.
 *
 * @example
 * ```ts
 * provideAivvm({ baseURL: 'http://127.0.0.1:8787', coalesce: 50 }); // ≤ 20 text updates per second
 * ```
 */
export type Coalesce = 'animationFrame' | 'none' | number;

/**
 * Batches many `schedule()` calls into one call of `flush`, at the pace a {@link Coalesce} setting allows.
 *
 * @example
 * ```ts
 * const frames = coalescer('animationFrame', () => text.set(received));
 * frames.schedule(); frames.schedule(); // one text.set on the next frame
 * frames.cancel(); // or none at all
 * ```
 */
export interface Coalescer {
  /** Asks for a flush; does nothing when one is already pending. */
  schedule(): void;
  /** Drops the pending flush, if any. */
  cancel(): void;
}

/**
 * Checks a {@link Coalesce} setting; throws a `TypeError` naming `where` otherwise.
 *
 * @example
 * ```ts
 * checkCoalesce(-1, 'options.coalesce'); // throws TypeError: options.coalesce: expected …, got -1
 * ```
 */
export function checkCoalesce(value: unknown, where: string): Coalesce {
  if (value === 'animationFrame' || value === 'none') return value;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new TypeError(
    `${where}: expected 'animationFrame' | 'none' | a finite number of milliseconds ≥ 0, got ${String(value)}`,
  );
}

/**
 * A {@link Coalescer} calling `flush` at the pace of `coalesce`.
 *
 * @example
 * ```ts
 * const every50ms = coalescer(50, () => render());
 * ```
 */
export function coalescer(coalesce: Coalesce, flush: () => void): Coalescer {
  if (coalesce === 'none') return { schedule: flush, cancel: () => undefined };
  const later = coalesce === 'animationFrame' ? nextFrame : (run: () => void) => after(coalesce, run);
  let pending: (() => void) | undefined;
  const run = (): void => {
    pending = undefined;
    flush();
  };
  return {
    schedule() {
      pending ??= later(run);
    },
    cancel() {
      pending?.();
      pending = undefined;
    },
  };
}

interface FrameHost {
  requestAnimationFrame?: (callback: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
}

/** Runs `run` on the next animation frame (looked up at call time), or in a macrotask without one. */
function nextFrame(run: () => void): () => void {
  const host = globalThis as FrameHost;
  if (typeof host.requestAnimationFrame !== 'function') return after(0, run);
  const handle = host.requestAnimationFrame(run);
  return () => host.cancelAnimationFrame?.(handle);
}

function after(ms: number, run: () => void): () => void {
  const timer = setTimeout(run, ms);
  return () => clearTimeout(timer);
}
