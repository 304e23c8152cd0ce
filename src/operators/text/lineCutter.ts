import type { Cutter } from './cutter';
import type { View } from './view';

/** Cuts after the last `'\n'` of the new text; the held text has none (it would have been cut). */
export function lineCutter(): Cutter {
  return { cut: lineCut, reset: () => undefined };
}

function lineCut(view: View): number {
  const i = view.chunk.lastIndexOf('\n');
  return i === -1 ? 0 : view.newStart + i + 1;
}
