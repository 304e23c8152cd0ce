import { multilingualText } from '../../src/testing';

describe('multilingualText', () => {
  it('has at least the requested length and is deterministic per seed', () => {
    const text = multilingualText(5_000);
    expect(text.length).toBeGreaterThanOrEqual(5_000);
    expect(text.length).toBeLessThan(5_200);
    expect(multilingualText(5_000)).toBe(text);
    expect(multilingualText(5_000, 2)).not.toBe(text);
    expect(multilingualText(0)).toBe('');
  });

  it('mixes Latin, Cyrillic, CJK, emoji sequences, punctuation and markdown paragraphs', () => {
    const text = multilingualText(20_000);
    expect(text).toMatch(/[a-zé]/);
    expect(text).toMatch(/\p{Script=Cyrillic}/u);
    expect(text).toMatch(/\p{Script=Han}/u);
    expect(text).toMatch(/[\p{Script=Hiragana}\p{Script=Katakana}]/u);
    expect(text).toMatch(/\p{Extended_Pictographic}\u200d/u); // ZWJ sequence
    expect(text).toMatch(/\p{Regional_Indicator}{2}/u); // flag
    expect(text).toMatch(/[\u{1f3fb}-\u{1f3ff}]/u); // skin tone
    expect(text).toMatch(/[,.!?…]/);
    expect(text).toContain('\n\n');
    expect(text).toMatch(/^(## |- |1\. |> )/m);
  });

  it('never contains a lone surrogate, whatever the length asked', () => {
    for (let chars = 1; chars < 400; chars += 7) {
      const text = multilingualText(chars, chars);
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
      expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    }
  });

  it('rejects a negative or infinite length', () => {
    expect(() => multilingualText(-1)).toThrow(RangeError);
    expect(() => multilingualText(Infinity)).toThrow(RangeError);
  });

  it('refuses a length past what a string can hold at once, instead of running out of memory', () => {
    expect(() => multilingualText(1e12)).toThrow('chars must be at most 100000000, got 1000000000000');
  });
});
