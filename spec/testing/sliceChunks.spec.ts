import { sliceChunks } from '../../src/testing/sliceChunks';

const text = (chunks: Iterable<Buffer>): string[] => [...chunks].map(String);

describe('sliceChunks', () => {
  it('cuts a body into chunks of a fixed size, the last one shorter', () => {
    expect(text(sliceChunks(Buffer.from('abcdefg'), [3], false, Infinity))).toEqual(['abc', 'def', 'g']);
  });

  it('cycles sizes and stops at the limit', () => {
    expect(text(sliceChunks(Buffer.from('abcdefghij'), [1, 2], false, Infinity))).toEqual([
      'a',
      'bc',
      'd',
      'ef',
      'g',
      'hi',
      'j',
    ]);
    expect(text(sliceChunks(Buffer.from('abcdefghij'), [4], false, 6))).toEqual(['abcd', 'ef']);
  });

  it('returns views into the source, not copies', () => {
    const source = Buffer.from('abcdef');
    const [first] = sliceChunks(source, [2], false, Infinity);
    expect(first?.buffer).toBe(source.buffer);
    expect(first?.byteOffset).toBe(source.byteOffset);
  });

  it('wraps an endless body around, chunks spanning the seam, up to the limit', () => {
    expect(text(sliceChunks(Buffer.from('ab'), [3], true, 7))).toEqual(['aba', 'bab', 'a']);
    expect(text(sliceChunks(Buffer.from('ab'), [5], true, 5))).toEqual(['ababa']);
  });

  it('keeps going for an endless body without a limit', () => {
    const chunks = sliceChunks(Buffer.from('xyz'), [2], true, Infinity);
    const first100 = Array.from({ length: 100 }, () => chunks.next().value as Buffer);
    expect(Buffer.concat(first100).toString()).toBe('xyz'.repeat(67).slice(0, 200));
  });

  it('yields nothing for an empty body, endless or not', () => {
    expect(text(sliceChunks(Buffer.alloc(0), [8], false, Infinity))).toEqual([]);
    expect(text(sliceChunks(Buffer.alloc(0), [8], true, Infinity))).toEqual([]);
  });
});
