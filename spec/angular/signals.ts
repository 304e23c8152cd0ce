import { effect, Injector, type Signal } from '@angular/core';
import { SIGNAL } from '@angular/core/primitives/signals';

/**
 * Resolves with the signal's value once `ok` holds (checked now and after every change), through an effect
 * destroyed on the way out. Effects run when Angular's scheduler ticks: real events, no polling.
 */
export function until<T>(injector: Injector, source: Signal<T>, ok: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    const watcher = effect(
      () => {
        const value = source();
        if (!ok(value)) return;
        watcher.destroy();
        resolve(value);
      },
      { injector },
    );
  });
}

/** How many times the signal's value was changed so far (its node's version): every write, none merged. */
export function writesOf(source: Signal<unknown>): number {
  return (source as unknown as { [SIGNAL]: { version: number } })[SIGNAL].version;
}
