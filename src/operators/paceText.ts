import {
  asyncScheduler,
  Observable,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { ChunkBuffer } from './pace/ChunkBuffer';
import { unitCutterFactory, type PaceUnit } from './pace/unitCutter';
import { UnitQueue } from './pace/UnitQueue';
import { checkOption, checkScheduler } from './options/checkOption';

/** Options of {@link paceText}. */
export interface PaceTextOptions {
  /**
   * How far what is shown may lag behind what was received, in milliseconds. A burst is spread over at most
   * this long, and after completion the rest is shown within it. Default `250`; `0` shows text as it arrives
   * (still grapheme-safe).
   */
  readonly targetLagMs?: number;
  /** What is shown one at a time: grapheme clusters (default) or words with the spaces after them. */
  readonly unit?: PaceUnit;
  /**
   * When the source fails: `'drain'` (default) shows the text still to show at the same pace, then errors;
   * `'immediate'` shows it all in one emission and errors at once. Either way nothing received is lost.
   */
  readonly onError?: 'drain' | 'immediate';
  /**
   * Timed emissions are at least this many milliseconds apart (each shows every unit then due): about one per
   * animation frame. Default `16`. Emissions made when a chunk arrives are not delayed, and `targetLagMs` wins:
   * the emission that shows a unit at its deadline can follow the previous one sooner.
   */
  readonly minIntervalMs?: number;
  /** Scheduler of the timers (and of the clock). Default `asyncScheduler`; a `TestScheduler` in specs. */
  readonly scheduler?: SchedulerLike;
  /** Locale of the `Intl.Segmenter`s. Default: the runtime's. */
  readonly locale?: string;
}

/** Default of {@link PaceTextOptions.targetLagMs}. */
export const PACE_TEXT_TARGET_LAG_MS = 250;

/**
 * Types text out at a steady, adaptive pace: bursts are spread out, a fast stream is not slowed down, and no
 * grapheme cluster is ever split.
 *
 * ## Why use `paceText`?
 *
 * Servers deliver text in bursts (a 400-character chunk, then nothing for 300 ms); bound to a UI, it jumps.
 * `paceText` emits a few graphemes (or words) at a time at a rate that adapts to how fast text arrives: the
 * text waiting is spread over the time the next chunk is expected in (a running average of the gaps between
 * chunks, halving the weight of older gaps), but never over more than `targetLagMs`. A burst after a pause, or
 * the first chunk, is typed out over about `targetLagMs`; a stream of small, frequent chunks goes through at
 * their pace (the first unit of new text is shown as it arrives, the rest before the next chunk is due); the
 * rate never drops while text is waiting, so lag does not pile up (unlike a fixed delay per word, which grows
 * without bound). Whatever the timing, no unit is shown more than `targetLagMs` (rounded up to a whole
 * millisecond) after it became final. Chunks arriving at the same instant (a synchronous source) count as one
 * burst.
 *
 * The last grapheme cluster received is held back until more text or the end, as a combining mark, ZWJ or
 * skin-tone modifier could still extend it (flags, families and `e` + U+0301 stay whole); in word mode the last
 * word(s) too, so a half-arrived word is never shown (Chinese, Japanese, Thai… are cut between the words
 * `Intl.Segmenter` finds). Concatenating the emissions gives exactly the input, and `''` is never emitted.
 *
 * On completion, what is left is shown within `targetLagMs`, then `complete`. On error, what is left is shown
 * first (paced, or at once with `onError: 'immediate'`), then the error. Unsubscribing cancels the timers.
 * All timing uses `scheduler` (`now()` and `schedule`). Per grapheme the cost is a few array operations;
 * `Intl.Segmenter` runs only near emoji, combining marks and other complex scripts (and per chunk in word mode).
 *
 * ## Reference counting
 *
 * None: each subscriber gets its own pacing (and subscribes to the source). To share one paced stream, put
 * `shareText()` after it.
 *
 * @example
 * ```ts
 * // A burst of 10 letters at 0 ms, completion at 500 ms.
 * concat(of('abcdefghij'), timer(500).pipe(ignoreElements()))
 *   .pipe(paceText({ targetLagMs: 250 }))
 *   .subscribe((text) => console.log(Math.round(performance.now() - t0), text));
 * // 0 a
 * // 32 b
 * // 63 c
 * // …        one letter every ~31 ms
 * // 250 i
 * // 500 j    the last cluster waits for the end (a combining mark could still follow)
 * ```
 *
 * @see {@link bufferText} to cut text at word, line or sentence boundaries without pacing.
 * @see {@link shareText} to share one paced stream among subscribers.
 * @see {@link accumulateText} for the running full text of the emissions.
 *
 * @param options See {@link PaceTextOptions}.
 * @return A function returning an Observable that emits the source's text in small, steadily paced pieces,
 * then completes or errors as the source did.
 */
export function paceText(options: PaceTextOptions = {}): MonoTypeOperatorFunction<string> {
  checkOption('paceText', 'targetLagMs', options.targetLagMs, ['number'], 'a finite number of ms ≥ 0');
  checkOption('paceText', 'minIntervalMs', options.minIntervalMs, ['number'], 'a finite number of ms ≥ 0');
  checkScheduler('paceText', options.scheduler);
  const targetLagMs = options.targetLagMs ?? PACE_TEXT_TARGET_LAG_MS;
  const minIntervalMs = options.minIntervalMs ?? 16;
  const onError = options.onError ?? 'drain';
  const scheduler = options.scheduler ?? asyncScheduler;
  if (!(targetLagMs >= 0 && targetLagMs < Infinity)) {
    throw new RangeError(`paceText: targetLagMs must be a finite number of ms ≥ 0, got ${targetLagMs}.`);
  }
  if (!(minIntervalMs >= 0 && minIntervalMs < Infinity)) {
    throw new RangeError(`paceText: minIntervalMs must be a finite number of ms ≥ 0, got ${minIntervalMs}.`);
  }
  if (onError !== 'drain' && onError !== 'immediate') {
    throw new TypeError(
      `paceText: unknown onError ${JSON.stringify(onError)}; expected 'drain' or 'immediate'.`,
    );
  }
  const unit = options.unit ?? 'grapheme';
  const newCutter = unitCutterFactory(unit, options.locale);
  // Word units are cut by a segmenter whose cuts of a region depend on where the chunks ended: only graphemes
  // are cut the same whether a burst comes in pieces or at once, so only they may be kept uncut (see `pending`).
  const keepsBursts = unit === 'grapheme' && targetLagMs > 0;

  return (source) =>
    new Observable<string>((subscriber) => {
      const cutter = newCutter();
      // Final units not shown yet: their lengths (runs of equal lengths) and their text (`parts` from
      // `partHead`, `partOffset` code units in).
      const units = new UnitQueue();
      let parts: string[] = [];
      let partHead = 0;
      let partOffset = 0;
      let received = 0; // units released by the cutter
      let shown = 0; // units emitted
      // The plan: from `anchorTime`, unit `anchorShown` is shown at once and the next ones `1 / rate` ms apart.
      let anchorTime = -Infinity;
      let anchorShown = 0;
      let rate = 0;
      // Arrival of the last chunk and the running average of the gaps (NaN until two arrived at different times).
      let lastArrival = NaN;
      let gap = NaN;
      // Whether text was still waiting when the first chunk of the instant `lastArrival` came. Later chunks of the
      // same instant plan as part of that burst: a first chunk that only extends the held cluster (a ZWJ) releases
      // nothing and may let everything be shown, and the next one must not then plan as if the burst began idle.
      let instantRunning = false;
      let lastEmit = -Infinity;
      // When units became final, per batch: [first unit, time, first unit, time, …], from `batchHead`. Each unit is
      // shown by its time + targetLagMs, whatever the plan and minIntervalMs say.
      let batches: number[] = [];
      let batchHead = 0;
      let ending: { readonly error: unknown } | 'complete' | null = null;
      let timer: Subscription | null = null;
      let timerAt = NaN;
      // A synchronous burst: once the timer sits at `lastEmit + minIntervalMs` and the anchor is this instant,
      // more chunks of the same instant change neither what is shown now nor when the timer fires (they only
      // raise the rate, and the timer cannot move earlier). Such chunks are gathered here (kept by reference,
      // joined 8 192 code units at a time) and cut a piece at a time; their units are counted and
      // planned for once (`settle`) before anything else happens: a million units cost a pass of the cutter and
      // one plan, not 300 000 plans. `kept`: chunks were gathered since the last `settle`.
      let pending: ChunkBuffer | null = null;
      let kept = false;
      let canKeep = false;

      /** Removes the next `count` units; returns their text. */
      const take = (count: number): string => {
        let need = units.take(count);
        let text = '';
        while (need > 0) {
          const part = parts[partHead] ?? '';
          const available = part.length - partOffset;
          if (available <= need) {
            text += partOffset === 0 ? part : part.slice(partOffset);
            need -= available;
            partHead++;
            partOffset = 0;
          } else {
            text += part.slice(partOffset, partOffset + need);
            partOffset += need;
            need = 0;
          }
        }
        // Drop what was shown once it is most of the queue (amortised O(1) per part).
        if (partHead > 64 && partHead * 2 > parts.length) {
          parts = parts.slice(partHead);
          partHead = 0;
        }
        return text;
      };

      const cancelTimer = (): void => {
        timer?.unsubscribe();
        timer = null;
        timerAt = NaN;
      };

      const finish = (): void => {
        cancelTimer();
        if (ending === 'complete') subscriber.complete();
        else if (ending !== null) subscriber.error(ending.error);
      };

      /** How many units the plan has shown by `now`, capped at `limit`. */
      const dueBy = (now: number, limit: number): number =>
        rate === Infinity
          ? limit
          : Math.min(limit, anchorShown + 1 + Math.floor((now - anchorTime) * rate + 1e-9));

      /**
       * Re-plans at `now`: everything received is shown within `span` ms, and no later than planned before.
       * `due` is how many units the previous plan has shown by now (those not shown yet go out at once).
       */
      const plan = (now: number, span: number, running: boolean, due: number): void => {
        // Chunks arriving at the same instant are one burst: they share the anchor (and its first unit).
        if (now > anchorTime) {
          anchorTime = now;
          anchorShown = running ? Math.max(shown, due) : shown;
        }
        const after = received - anchorShown - 1; // units after the one shown at the anchor
        const needed = after <= 0 ? 0 : span <= 0 ? Infinity : after / span;
        rate = running ? Math.max(rate, needed) : needed;
      };

      /** Moves `batchHead` to the batch of unit `shown`; returns that unit's deadline. */
      const deadline = (): number => {
        while (batchHead + 2 < batches.length && (batches[batchHead + 2] ?? Infinity) <= shown)
          batchHead += 2;
        if (batchHead > 64 && batchHead * 2 > batches.length) {
          batches = batches.slice(batchHead);
          batchHead = 0;
        }
        return (batches[batchHead + 1] ?? Infinity) + targetLagMs;
      };

      /** How many units must be shown by `now` so that none is later than its deadline. */
      const overdueBy = (now: number): number => {
        let count = shown;
        for (
          let i = batchHead;
          i < batches.length && (batches[i + 1] ?? Infinity) + targetLagMs <= now;
          i += 2
        ) {
          count = batches[i + 2] ?? received;
        }
        return count;
      };

      /** Shows every unit due at `now`, then sets the timer for the next ones, or ends. */
      const emitDue = (now: number): void => {
        deadline();
        const due = Math.max(dueBy(now, received), overdueBy(now));
        const count = due - shown;
        const text = count > 0 ? take(count) : '';
        if (count > 0) {
          shown = due;
          lastEmit = now;
        }
        canKeep = false;
        if (shown < received) {
          const next = anchorTime + (shown - anchorShown) / rate;
          const last = anchorTime + (received - 1 - anchorShown) / rate;
          const soonest = lastEmit + minIntervalMs;
          const limit = deadline();
          const at = Math.ceil(Math.min(Math.max(next, soonest), last, limit) - 1e-9);
          // More units of this instant lower `next` and raise `last`, and leave the deadline: the timer stays at
          // `soonest` (and nothing is due before it) once `next` is below it and `last` and `limit` are not.
          canKeep =
            keepsBursts &&
            now === anchorTime &&
            rate < Infinity &&
            next <= soonest &&
            last >= soonest &&
            limit >= soonest;
          if (at !== timerAt) {
            timer?.unsubscribe();
            timerAt = at;
            timer = scheduler.schedule(onTimer, Math.max(0, at - now));
          }
        } else {
          cancelTimer();
        }
        // State first: the emission may re-enter (a chunk fed back) or unsubscribe.
        if (text.length !== 0) subscriber.next(text);
        if (shown === received && ending !== null && !subscriber.closed) finish();
      };

      function onTimer(): void {
        timer = null;
        timerAt = NaN;
        settle();
        emitDue(scheduler.now());
      }

      /** Counts the units the cutter released since the last call (their text is in `parts`), final since `now`. */
      const release = (now: number): void => {
        if (units.pushed === received) return;
        // Units final at the same instant share a deadline: one batch (a burst would make 300 000).
        if (batches.length === 0 || batches[batches.length - 1] !== now) batches.push(received, now);
        received = units.pushed;
      };

      /** Cuts the chunks kept uncut, as they would have been cut when they arrived (nothing is emitted). */
      function settle(): void {
        if (!kept) return;
        kept = false;
        canKeep = false;
        // As `next` would have, at the instant they arrived (the anchor's).
        const due = dueBy(anchorTime, received);
        pending?.drain();
        release(anchorTime);
        plan(anchorTime, gap === gap ? Math.min(gap, targetLagMs) : targetLagMs, true, due);
      }

      const subscription = source.subscribe({
        next(chunk) {
          const now = scheduler.now();
          if (canKeep && now === anchorTime && now === lastArrival) {
            // Pieces are cut as the buffer fills: the units counted only at `settle` (`release`), at the anchor.
            (pending ??= new ChunkBuffer((text) => cutter.push(text, units, parts))).append(chunk);
            kept = true;
            return;
          }
          settle();
          canKeep = false;
          if (!(now <= lastArrival)) {
            const elapsed = now - lastArrival; // NaN for the first chunk
            if (elapsed === elapsed) gap = gap === gap ? (gap + elapsed) / 2 : elapsed;
            lastArrival = now;
            instantRunning = shown < received;
          }
          const running = instantRunning || shown < received;
          const due = running ? dueBy(now, received) : shown;
          cutter.push(chunk, units, parts);
          release(now);
          if (received === shown) return;
          // Spread over the time the next chunk is expected in, never more than targetLagMs.
          plan(now, gap === gap ? Math.min(gap, targetLagMs) : targetLagMs, running, due);
          emitDue(now);
        },
        error(error: unknown) {
          settle();
          ending = { error };
          const running = shown < received;
          const due = running ? dueBy(scheduler.now(), received) : shown;
          cutter.end(units, parts);
          release(scheduler.now());
          if (onError === 'immediate') {
            const text = take(received - shown);
            shown = received;
            cancelTimer();
            if (text.length !== 0) subscriber.next(text);
            if (!subscriber.closed) finish();
            return;
          }
          drain(running, due);
        },
        complete() {
          settle();
          ending = 'complete';
          const running = shown < received;
          const due = running ? dueBy(scheduler.now(), received) : shown;
          cutter.end(units, parts);
          release(scheduler.now());
          drain(running, due);
        },
      });

      function drain(running: boolean, due: number): void {
        const now = scheduler.now();
        if (shown === received) {
          finish();
          return;
        }
        plan(now, targetLagMs, running, due);
        emitDue(now);
      }

      return () => {
        subscription.unsubscribe();
        cancelTimer();
        units.clear();
        parts = [];
        pending = null;
        batches = [];
      };
    });
}
