import type { View } from './view';

/** Finds where to cut (per subscription: it may keep state about the held text). */
export interface Cutter {
  /** Emit `view.text[0, cut)`, hold the rest. */
  cut(view: View): number;
  /** The held text was changed by a size or time flush; it now starts at stream offset `offset`. */
  reset(held: string, offset: number): void;
}

/**
 * Re-scan throttle for cutters that must look at the whole held text: rescanning an ever-growing text on every
 * chunk would be quadratic. Below `SCAN_ALWAYS` code units it rescans every `step`; above, only once the text
 * grew by a quarter, which keeps the total work linear.
 */
const SCAN_ALWAYS = 256;
export function nextScanAt(length: number, step: number): number {
  return length + (length < SCAN_ALWAYS ? step : length >> 2);
}
