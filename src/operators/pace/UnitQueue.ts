/**
 * The lengths (UTF-16 code units) of the units {@link paceText} has cut and not shown yet, in order, kept as runs
 * of equal lengths: a burst of a million ASCII letters is the one run `1 × 1 000 000`, not a million slots, and
 * showing 60 000 of them is one subtraction. Most text is runs (letters, CJK, kana: one code unit each; emoji
 * mostly two).
 *
 * Internal to the operators folder (not exported from the package).
 */
export class UnitQueue {
  /** Run `i` is `counts[i]` units of `lengths[i]` code units each; runs before `head` are gone. */
  private lengths: number[] = [];
  private counts: number[] = [];
  private head = 0;
  /** Units pushed since the queue was made (a counter, never lowered by {@link UnitQueue.take}). */
  pushed = 0;

  /** Appends one unit of `length` code units. */
  push(length: number): void {
    this.pushRun(length, 1);
  }

  /** Appends `count` units of `length` code units each. */
  pushRun(length: number, count: number): void {
    const last = this.lengths.length - 1;
    if (last >= this.head && this.lengths[last] === length)
      this.counts[last] = (this.counts[last] ?? 0) + count;
    else {
      this.lengths.push(length);
      this.counts.push(count);
    }
    this.pushed += count;
  }

  /** Removes the first `count` units (all of them when fewer are queued) and returns their total length. */
  take(count: number): number {
    let total = 0;
    while (count > 0 && this.head < this.lengths.length) {
      const inRun = this.counts[this.head] ?? 0;
      const length = this.lengths[this.head] ?? 0;
      if (inRun <= count) {
        total += inRun * length;
        count -= inRun;
        this.head++;
      } else {
        total += count * length;
        this.counts[this.head] = inRun - count;
        count = 0;
      }
    }
    // Drop the runs taken once they are most of the arrays (amortised O(1) per run).
    if (this.head > 1024 && this.head * 2 > this.lengths.length) {
      this.lengths = this.lengths.slice(this.head);
      this.counts = this.counts.slice(this.head);
      this.head = 0;
    }
    return total;
  }

  /** Forgets every unit (on unsubscribe). */
  clear(): void {
    this.lengths = [];
    this.counts = [];
    this.head = 0;
  }
}
