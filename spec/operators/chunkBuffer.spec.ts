import fc from 'fast-check';
import { ChunkBuffer } from '../../src/operators/pace/ChunkBuffer';

/** A buffer and the pieces it flushed. */
const buffered = (): { buffer: ChunkBuffer; pieces: string[] } => {
  const pieces: string[] = [];
  return { buffer: new ChunkBuffer((piece) => pieces.push(piece)), pieces };
};

/** Any UTF-16 code unit, lone surrogates and U+FEFF included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

describe('ChunkBuffer (the chunks paceText keeps uncut in a synchronous burst)', () => {
  it('gives back exactly the chunks appended, whatever they hold (lone surrogates, a leading BOM)', () => {
    const chunks = fc.array(fc.string({ unit: codeUnit, maxLength: 9 }), { maxLength: 60 });
    const { buffer, pieces } = buffered();
    fc.assert(
      fc.property(chunks, chunks, (first, second) => {
        // Twice on one buffer: draining empties it for the next burst.
        for (const burst of [first, second]) {
          pieces.length = 0;
          for (const chunk of burst) buffer.append(chunk);
          buffer.drain();
          expect(pieces.join('')).toBe(burst.join(''));
          expect(pieces).not.toContain('');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('flushes a piece each time the next chunk would not fit (a pair cut by its end included), long chunks as they are', () => {
    const { buffer, pieces } = buffered();
    const chunk = 'ab😀cd\u0301中'; // 8 code units, a pair at 2–3
    const times = 10_000;
    buffer.append('x'); // so that a 3-code-unit chunk ends at code unit 8 188, and the 5 after it do not fit
    for (let i = 0; i < times; i++) {
      buffer.append(chunk.slice(0, 3)); // ends with the pair's first half
      buffer.append(chunk.slice(3));
    }
    const long = 'x'.repeat(5000);
    buffer.append(long);
    buffer.append('\ud83d');
    buffer.drain();
    expect(pieces.join('') === 'x' + chunk.repeat(times) + long + '\ud83d').toBe(true);
    expect(pieces.at(-2)).toBe(long); // passed on as it is
    expect(pieces.at(-1)).toBe('\ud83d');
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(8192);
    // The first piece ends inside a pair: 1 + 1 023 × 8 + 3 code units.
    expect([pieces[0]?.length, pieces[0]?.charCodeAt(8187)]).toEqual([8188, 0xd83d]);
    expect(pieces.length).toBeGreaterThanOrEqual(10);
  });

  it('keeps nothing after a drain, and an empty drain flushes nothing', () => {
    const { buffer, pieces } = buffered();
    buffer.drain();
    buffer.append('');
    buffer.drain();
    expect(pieces).toEqual([]);
    buffer.append('ab');
    buffer.drain();
    buffer.drain();
    buffer.append('c');
    buffer.drain();
    expect(pieces).toEqual(['ab', 'c']);
  });
});
