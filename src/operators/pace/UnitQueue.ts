/**
 * The lengths (UTF-16 code units) of the units {@link paceText} has cut and not shown yet, in order, kept as runs
 * of equal lengths: a burst of a million ASCII letters is the one run `1 × 1 000 000`, not a million slots, and
 * showing 60 000 of them is one subtraction. Most text is runs (letters, CJK, kana: one code unit each; emoji
 * mostly two).
 *
 * The runs are stored as `length, count` pairs in arrays of at most 2 048 numbers, never in one growing
 * array: past 16 Ki elements V8 moves a growing array's store to the large-object space, where each `push` cost
 * 60–200 ns (a multilingual burst of 600 000 units makes 43 000 runs; the two arrays took 8 ms of its ~50).
 * Not `Int32Array`s: those are allocated outside the heap, about 20 µs each.
 *
 * Internal to the operators folder (not exported from the package).
 */
export class UnitQueue {
  /** The blocks from `headBlock` on hold the runs; `tail` is the last one. */
  private blocks: number[][];
  private tail: number[] = [];
  private headBlock = 0;
  /** Index of the first run's length in `blocks[headBlock]`. */
  private headPos = 0;
  /** Runs held (taken whole ones excluded). */
  private held = 0;
  /** Units pushed since the queue was made (a counter, never lowered by {@link UnitQueue.take}). */
  pushed = 0;

  constructor() {
    this.blocks = [this.tail];
  }

  /** How many runs are held (for specs and diagnostics). */
  get runs(): number {
    return this.held;
  }

  /** Appends one unit of `length` code units. */
  push(length: number): void {
    this.pushRun(length, 1);
  }

  /** Appends `count` units of `length` code units each. */
  pushRun(length: number, count: number): void {
    const tail = this.tail;
    const end = tail.length;
    this.pushed += count;
    if (this.held > 0 && tail[end - 2] === length) {
      const sum = (tail[end - 1] ?? 0) + count;
      if (sum <= MAX_COUNT) {
        tail[end - 1] = sum;
        return;
      }
    }
    this.addRun(length, count);
  }

  private addRun(length: number, count: number): void {
    if (this.tail.length >= BLOCK) {
      this.tail = [];
      this.blocks.push(this.tail);
    }
    this.tail.push(length, count);
    this.held++;
  }

  /** Removes the first `count` units (all of them when fewer are queued) and returns their total length. */
  take(count: number): number {
    let total = 0;
    while (count > 0 && this.held > 0) {
      const block = this.blocks[this.headBlock] ?? [];
      const length = block[this.headPos] ?? 0;
      const inRun = block[this.headPos + 1] ?? 0;
      if (inRun <= count) {
        total += inRun * length;
        count -= inRun;
        this.held--;
        this.headPos += 2;
        if (this.headPos === block.length && this.held > 0) {
          this.headBlock++;
          this.headPos = 0;
        }
      } else {
        total += count * length;
        block[this.headPos + 1] = inRun - count;
        count = 0;
      }
    }
    if (this.held === 0) this.reset();
    else if (this.headBlock > 64 && this.headBlock * 2 > this.blocks.length) {
      // Drop the blocks taken once they are most of the list (amortised O(1) per block).
      this.blocks = this.blocks.slice(this.headBlock);
      this.headBlock = 0;
    }
    return total;
  }

  /**
   * Appends every run held to `other` (after its own), and empties this queue. Full blocks change hands as they
   * are (a burst's 40 000 runs are 40 blocks, not 40 000 pushes); the runs of the others are copied.
   */
  moveTo(other: UnitQueue): void {
    const last = this.blocks.length - 1;
    for (let b = this.headBlock; b <= last; b++) {
      const block = this.blocks[b] ?? [];
      const from = b === this.headBlock ? this.headPos : 0;
      if (from === 0 && b < last && block.length === BLOCK) {
        other.adopt(block);
        continue;
      }
      for (let i = from; i < block.length; i += 2) other.pushRun(block[i] ?? 0, block[i + 1] ?? 0);
    }
    if (last > 0) this.blocks = [this.tail];
    this.clear();
  }

  /** Appends a full block of runs that another queue gives up. */
  private adopt(block: number[]): void {
    let units = 0;
    for (let i = 1; i < block.length; i += 2) units += block[i] ?? 0;
    if (this.held === 0) {
      this.blocks = [block];
      this.headBlock = 0;
      this.headPos = 0;
    } else {
      this.blocks.push(block);
    }
    // A block after the tail: the next run goes to a new block (the tail is full, or was left behind).
    this.tail = block;
    this.held += block.length >> 1;
    this.pushed += units;
  }

  /** Forgets every unit (on unsubscribe). */
  clear(): void {
    this.held = 0;
    this.reset();
  }

  /** Empty: keeps the last block only, to fill again from its start. */
  private reset(): void {
    if (this.blocks.length !== 1) this.blocks = [this.tail];
    this.tail.length = 0;
    this.headBlock = 0;
    this.headPos = 0;
  }
}

/** Numbers per block: 1 024 runs in 16 KiB (small integers), allocated in the young generation. */
const BLOCK = 2048;
/** A run's count stays a small integer (31 bits in V8); a longer run continues as a new one. */
const MAX_COUNT = 0x3fffffff;
