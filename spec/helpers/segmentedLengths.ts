/**
 * Runs `work` and returns what it gave `Intl.Segmenter#segment`: the total length of the texts and the longest
 * one (0 if none). The segmenter's cost per segment grows with the length of its text, so specs bound both.
 */
export function segmentedLengths(work: () => void): { total: number; longest: number } {
  let total = 0;
  let longest = 0;
  const original = Intl.Segmenter.prototype.segment;
  const spy = jest.spyOn(Intl.Segmenter.prototype, 'segment').mockImplementation(function (
    this: Intl.Segmenter,
    input: string,
  ) {
    total += input.length;
    longest = Math.max(longest, input.length);
    return original.call(this, input);
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return { total, longest };
}

/** The longest text `work` gave `Intl.Segmenter#segment`. */
export const longestSegmented = (work: () => void): number => segmentedLengths(work).longest;
