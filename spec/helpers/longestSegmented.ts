/**
 * Runs `work` and returns the length of the longest text it gave `Intl.Segmenter#segment` (0 if none): the
 * segmenter's cost per segment grows with the length of its text, so specs hold that length bounded.
 */
export function longestSegmented(work: () => void): number {
  let longest = 0;
  const original = Intl.Segmenter.prototype.segment;
  const spy = jest.spyOn(Intl.Segmenter.prototype, 'segment').mockImplementation(function (
    this: Intl.Segmenter,
    input: string,
  ) {
    longest = Math.max(longest, input.length);
    return original.call(this, input);
  });
  try {
    work();
  } finally {
    spy.mockRestore();
  }
  return longest;
}
