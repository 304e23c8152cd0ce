import type { SchedulerLike, Subscription } from 'rxjs';
import type { PartialsMode } from './types';

/**
 * Decides when a partial is emitted: after every chunk (`'chunk'`), at most once per window of milliseconds (the
 * first change at once, then the latest state at the end of each window that saw a change), or never. `emit` makes
 * and sends the partial if anything changed since the last one, so building it costs nothing between emissions.
 */
export class PartialPacer {
  private timer: Subscription | null = null;
  /** Set by stop(): an unsubscribed stream opens no new window (stop() can run in the middle of a chunk). */
  private stopped = false;

  constructor(
    private readonly mode: PartialsMode,
    private readonly scheduler: SchedulerLike,
    private readonly emit: () => boolean,
  ) {}

  /** A chunk was read and changed the value. */
  changed(): void {
    if (this.stopped) return;
    if (this.mode === 'chunk') this.emit();
    else if (this.mode !== false && this.timer === null) {
      this.emit();
      this.startWindow(this.mode);
    }
  }

  /** The text ended or failed: the latest state goes out now (nothing is held back), and the timer stops. */
  flush(): void {
    if (this.stopped) return;
    this.cancelWindow();
    if (this.mode !== false) this.emit();
  }

  /** The subscriber went away: no partial is made or scheduled any more. */
  stop(): void {
    this.stopped = true;
    this.cancelWindow();
  }

  private cancelWindow(): void {
    this.timer?.unsubscribe();
    this.timer = null;
  }

  private startWindow(ms: number): void {
    this.timer = this.scheduler.schedule(() => {
      this.timer = null;
      // A window that saw a change ends with the latest state and opens the next window.
      if (this.emit()) this.startWindow(ms);
    }, ms);
  }
}
