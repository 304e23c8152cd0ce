import { nextScanAt, type Cutter } from './cutter';
import { isHighSurrogate, isLowSurrogate } from './unicode';

/**
 * Cuts after the end of the last match of `pattern` (global, not sticky) in the held text; an empty match cuts
 * there but never loops.
 */
export function regexCutter(pattern: RegExp, unicode: boolean): Cutter {
  let scanAt = 0;
  return {
    cut({ text }) {
      const length = text.length;
      if (length < scanAt) return 0;
      let end = 0;
      pattern.lastIndex = 0;
      // test() moves lastIndex to the end of each match without allocating a match array.
      for (let from = 0; from <= length && pattern.test(text); from = pattern.lastIndex) {
        const at = pattern.lastIndex;
        if (at > end) end = at;
        // An empty match: step over it (a whole code point in unicode mode), or it matches here forever.
        if (at === from) {
          pattern.lastIndex =
            unicode && isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1))
              ? at + 2
              : at + 1;
        }
      }
      pattern.lastIndex = 0;
      scanAt = nextScanAt(length - end, 1);
      return end;
    },
    reset() {
      scanAt = 0;
    },
  };
}
