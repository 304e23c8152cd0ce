import fc from 'fast-check';
import { from, Subject, throwError, concat, of } from 'rxjs';
import { DecodeError, NetworkError, ResponseTooLargeError, TimeoutError } from '../../src/errors';
import { decodeText, type DecodeFallback } from '../../src/operators';
import { runSync, testScheduler } from '../helpers/marbles';

const FALLBACKS: readonly DecodeFallback[] = ['unicode-escape', 'replacement', 'fatal'];
const encoder = new TextEncoder();
const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): number[] => [...encoder.encode(text)];

/**
 * A non-streaming reference, written differently from the operator: take the longest prefix at `i` that can
 * still be (or is) a valid sequence; when it is complete it is a character, otherwise it is one maximal
 * invalid subpart (Unicode §3.9 / WHATWG).
 */
type Token =
  | { readonly kind: 'char'; readonly codePoint: number; readonly start: number; readonly end: number }
  | { readonly kind: 'invalid'; readonly start: number; readonly end: number };

function tokenize(input: Uint8Array): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const lead = input[i]!;
    let length = 0;
    let low = 0x80;
    let high = 0xbf;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    }
    if (length === 0) {
      tokens.push({ kind: 'invalid', start: i, end: i + 1 });
      i += 1;
      continue;
    }
    let j = i + 1;
    while (j < i + length && j < input.length) {
      const byte = input[j]!;
      const [min, max] = j === i + 1 ? [low, high] : [0x80, 0xbf];
      if (byte < min || byte > max) break;
      j++;
    }
    if (j === i + length) {
      let codePoint = length === 1 ? lead : lead & (0xff >> (length + 1));
      for (let k = i + 1; k < j; k++) codePoint = (codePoint << 6) | (input[k]! & 0x3f);
      tokens.push({ kind: 'char', codePoint, start: i, end: j });
    } else {
      tokens.push({ kind: 'invalid', start: i, end: j });
    }
    i = j;
  }
  return tokens;
}

/** The whole text the reference gives, and (for 'fatal') where it stops. */
function reference(
  input: Uint8Array,
  fallback: DecodeFallback,
  ignoreBOM = false,
): { text: string; error: { offset: number; byte: number } | null } {
  const tokens = tokenize(input);
  // WHATWG: a U+FEFF is dropped only as the very first token.
  const first = tokens[0];
  const skip = !ignoreBOM && first?.kind === 'char' && first.codePoint === 0xfeff ? 1 : 0;
  let text = '';
  for (const token of tokens.slice(skip)) {
    if (token.kind === 'char') text += String.fromCodePoint(token.codePoint);
    else if (fallback === 'replacement') text += '\uFFFD';
    else if (fallback === 'unicode-escape') {
      for (let k = token.start; k < token.end; k++) text += String.fromCharCode(input[k]!);
    } else return { text, error: { offset: token.start, byte: input[token.start]! } };
  }
  return { text, error: null };
}

/** Byte strings rich in edge cases: valid characters of every length, BOMs, and every kind of invalid byte. */
const INTERESTING = [
  0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4,
  0xf5, 0xf8, 0xfe, 0xff,
];
const fragment = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 4 }).map(utf8),
  fc.integer({ min: 0, max: 255 }).map((b) => [b]),
  fc.constantFrom(...INTERESTING).map((b) => [b]),
  fc.constantFrom([0xef, 0xbb, 0xbf], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xe2, 0x82], [0xc3]),
);
const anyBytes = fc.array(fragment, { maxLength: 24 }).map((parts) => Uint8Array.from(parts.flat()));

/** Cuts `input` at the given offsets (sorted; repeated offsets give empty chunks) or byte by byte. */
function split(input: Uint8Array, cuts: readonly number[] | 'bytewise'): Uint8Array[] {
  if (cuts === 'bytewise') return Array.from(input, (b) => bytes(b));
  const sorted = [...cuts].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const cut of sorted) {
    chunks.push(input.subarray(start, cut));
    start = cut;
  }
  chunks.push(input.subarray(start));
  return chunks;
}
const cutsOf = (length: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.nat({ max: length }), { maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constant('bytewise' as const) },
  );
const chunkedBytes = anyBytes.chain((input) => fc.tuple(fc.constant(input), cutsOf(input.length)));
const chunkedText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('\uFEFF', '😀', '€', 'é', '\u0301'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
  })
  .chain((text) => {
    const encoded = encoder.encode(text);
    return fc.tuple(fc.constant(text), fc.constant(encoded), cutsOf(encoded.length));
  });

/** The longest prefix of `text` (whole code points) whose UTF-8 encoding fits in `bytes` bytes. */
function wholeCharacterPrefix(text: string, bytes: number): string {
  let prefix = '';
  let size = 0;
  for (const char of text) {
    size += encoder.encode(char).length;
    if (size > bytes) break;
    prefix += char;
  }
  return prefix;
}

function decode(chunks: readonly Uint8Array[], fallback: DecodeFallback, ignoreBOM = false) {
  return runSync(from(chunks).pipe(decodeText({ fallback, ignoreBOM })));
}

describe('decodeText', () => {
  describe('properties', () => {
    it('gives back any string from any chunking of its UTF-8 bytes, in every fallback', () => {
      fc.assert(
        fc.property(chunkedText, fc.constantFrom(...FALLBACKS), ([text, encoded, cuts], fallback) => {
          const kept = decode(split(encoded, cuts), fallback, true);
          expect(kept.completed).toBe(true);
          expect(kept.values.join('')).toBe(text);
          // By default a leading BOM is not part of the text, like TextDecoder.
          const stripped = decode(split(encoded, cuts), fallback);
          expect(stripped.values.join('')).toBe(text.startsWith('\uFEFF') ? text.slice(1) : text);
        }),
        { numRuns: 300 },
      );
    });

    it("'replacement' equals new TextDecoder().decode() of all the bytes, for any bytes and chunking", () => {
      fc.assert(
        fc.property(chunkedBytes, ([input, cuts]) => {
          const { values, completed } = decode(split(input, cuts), 'replacement');
          expect(completed).toBe(true);
          expect(values.join('')).toBe(new TextDecoder().decode(input));
          expect(values.join('')).toBe(reference(input, 'replacement').text);
        }),
        { numRuns: 500 },
      );
    });

    it("'unicode-escape' keeps every byte: it equals the reference, whose tokens re-encode to the input", () => {
      fc.assert(
        fc.property(chunkedBytes, fc.boolean(), ([input, cuts], ignoreBOM) => {
          const { values, completed } = decode(split(input, cuts), 'unicode-escape', ignoreBOM);
          expect(completed).toBe(true);
          expect(values.join('')).toBe(reference(input, 'unicode-escape', ignoreBOM).text);
          // Valid characters re-encode as UTF-8, each invalid byte as itself: the input comes back.
          const reencoded = tokenize(input).flatMap((token) =>
            token.kind === 'char'
              ? utf8(String.fromCodePoint(token.codePoint))
              : [...input.subarray(token.start, token.end)],
          );
          expect(Uint8Array.from(reencoded)).toEqual(input);
        }),
        { numRuns: 500 },
      );
    });

    it("'unicode-escape' re-encodes to the input bytes when no byte pair could be a valid U+0080..U+00FF", () => {
      // Without valid C2/C3 sequences the output alone is unambiguous: code points < 0x100 are single bytes.
      const noLatin1 = anyBytes.filter(
        (input) =>
          !tokenize(input).some((t) => t.kind === 'char' && t.end - t.start === 2 && t.codePoint < 0x100),
      );
      fc.assert(
        fc.property(
          noLatin1.chain((input) => fc.tuple(fc.constant(input), cutsOf(input.length))),
          ([input, cuts]) => {
            const text = decode(split(input, cuts), 'unicode-escape', true).values.join('');
            const back = [...text].flatMap((char) => {
              const codePoint = char.codePointAt(0)!;
              return codePoint < 0x100 ? [codePoint] : utf8(char);
            });
            expect(Uint8Array.from(back)).toEqual(input);
          },
        ),
        { numRuns: 300 },
      );
    });

    it("'fatal' emits the text before the first invalid byte, then a DecodeError naming its stream offset", () => {
      fc.assert(
        fc.property(chunkedBytes, ([input, cuts]) => {
          const expected = reference(input, 'fatal');
          const { values, error, completed } = decode(split(input, cuts), 'fatal');
          expect(values.join('')).toBe(expected.text);
          if (expected.error === null) {
            expect(completed).toBe(true);
          } else {
            expect(error).toBeInstanceOf(DecodeError);
            expect(error).toMatchObject({ _tag: 'DecodeError', ...expected.error });
          }
        }),
        { numRuns: 500 },
      );
    });

    it('is independent of the chunking and never emits an empty string, in every fallback', () => {
      fc.assert(
        fc.property(
          anyBytes.chain((input) => fc.tuple(fc.constant(input), cutsOf(input.length), cutsOf(input.length))),
          fc.constantFrom(...FALLBACKS),
          ([input, cutsA, cutsB], fallback) => {
            const a = decode(split(input, cutsA), fallback);
            const b = decode(split(input, cutsB), fallback);
            expect(a.values.join('')).toBe(b.values.join(''));
            expect(a.error).toEqual(b.error);
            for (const value of [...a.values, ...b.values]) expect(value).not.toBe('');
          },
        ),
        { numRuns: 500 },
      );
    });

    it('gives the same text when short chunks (decoded in JavaScript) and long ones (native) alternate', () => {
      // Chunks of up to 32 bytes take the JavaScript path, longer ones TextDecoder: the bytes held across a
      // switch (a character cut there) must reach whichever decodes next, exactly once.
      // Mostly valid text: a long chunk with an invalid byte anywhere goes the slow way, which would hide a
      // switch that lost the held bytes.
      const mostlyValid = fc.oneof(
        { weight: 12, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }).map(utf8) },
        { weight: 1, arbitrary: fragment },
      );
      const long = fc
        .array(mostlyValid, { minLength: 20, maxLength: 120 })
        .map((parts) => Uint8Array.from(parts.flat()));
      const sizes = fc.array(fc.oneof(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 30, max: 90 })), {
        minLength: 1,
        maxLength: 20,
      });
      fc.assert(
        fc.property(long, sizes, fc.constantFrom(...FALLBACKS), (input, chunkSizes, fallback) => {
          const chunks: Uint8Array[] = [];
          for (let at = 0, i = 0; at < input.length; i++) {
            const size = chunkSizes[i % chunkSizes.length]!;
            chunks.push(input.subarray(at, at + size));
            at += size;
          }
          const mixed = decode(chunks, fallback);
          const whole = decode([input], fallback);
          expect(mixed.values.join('')).toBe(whole.values.join(''));
          expect(mixed.error).toEqual(whole.error);
          expect(mixed.completed).toBe(whole.completed);
          if (fallback === 'replacement') expect(mixed.values.join('')).toBe(new TextDecoder().decode(input));
        }),
        { numRuns: 500 },
      );
    });
  });

  describe('characters cut across chunks', () => {
    it.each([
      ['é', 2],
      ['€', 3],
      ['😀', 4],
    ])('emits %s (%i bytes) whole and once, wherever the cut falls', (char, size) => {
      const input = Uint8Array.from(utf8(`a${char}b`));
      expect(input.length).toBe(size + 2);
      for (let cut = 1; cut <= size + 1; cut++) {
        for (const fallback of FALLBACKS) {
          const { values } = decode([input.subarray(0, cut), input.subarray(cut)], fallback);
          // The character goes with the chunk that completes it.
          expect(values).toEqual(cut === size + 1 ? [`a${char}`, 'b'] : ['a', `${char}b`]);
        }
      }
      // One byte per chunk: the character appears once, in the emission of its last byte.
      for (const fallback of FALLBACKS) {
        expect(decode(split(input, 'bytewise'), fallback).values).toEqual(['a', char, 'b']);
      }
    });

    it('hands the bytes held by a short chunk to the native decoder of a long one, and back', () => {
      const b40 = new Uint8Array(40).fill(0x62);
      const bs = 'b'.repeat(40);
      // A lead byte at the end of a short chunk (JavaScript path), then a long chunk that does not continue it.
      expect(decode([bytes(0x61, 0xc3), b40], 'unicode-escape').values).toEqual(['a', `\u00c3${bs}`]);
      expect(decode([bytes(0x61, 0xc3), b40], 'replacement').values).toEqual(['a', `\uFFFD${bs}`]);
      const fatal = decode([bytes(0x61, 0xc3), b40], 'fatal');
      expect(fatal.values).toEqual(['a']);
      expect(fatal.error).toMatchObject({ offset: 1, byte: 0xc3 });
      // Completed by the long chunk; and the other way round, a long chunk's held bytes completed by a short one.
      const euro = utf8('€'); // E2 82 AC
      expect(
        decode([bytes(0x61, euro[0]!), Uint8Array.from([...euro.slice(1), ...b40])], 'unicode-escape').values,
      ).toEqual(['a', `€${bs}`]);
      expect(
        decode([Uint8Array.from([...b40, euro[0]!, euro[1]!]), bytes(euro[2]!, 0x21)], 'unicode-escape')
          .values,
      ).toEqual([bs, '€!']);
      // A long chunk's held lead byte, then a short chunk that does not continue it.
      expect(decode([Uint8Array.from([...b40, 0xc3]), bytes(0x21)], 'unicode-escape').values).toEqual([
        bs,
        '\u00c3!',
      ]);
    });

    it('keeps a character cut in three places', () => {
      const { values } = decode([bytes(0xf0), bytes(0x9f), bytes(0x98, 0x80, 0x21)], 'unicode-escape');
      expect(values).toEqual(['😀!']);
    });
  });

  describe('invalid bytes', () => {
    const cases: readonly {
      name: string;
      input: number[];
      escape: string;
      replacement: string;
      fatal: { text: string; offset: number; byte: number };
    }[] = [
      {
        name: 'a lone continuation byte',
        input: [0x61, 0x80, 0x62],
        escape: 'a\x80b',
        replacement: 'a\uFFFDb',
        fatal: { text: 'a', offset: 1, byte: 0x80 },
      },
      {
        name: 'an overlong two-byte encoding (C0 AF)',
        input: [0x61, 0xc0, 0xaf],
        escape: 'a\xc0\xaf',
        replacement: 'a\uFFFD\uFFFD',
        fatal: { text: 'a', offset: 1, byte: 0xc0 },
      },
      {
        name: 'an overlong three-byte encoding (E0 80 AF)',
        input: [0xe0, 0x80, 0xaf, 0x61],
        escape: '\xe0\x80\xafa',
        replacement: '\uFFFD\uFFFD\uFFFDa',
        fatal: { text: '', offset: 0, byte: 0xe0 },
      },
      {
        name: 'an encoded surrogate (ED A0 80)',
        input: [0x78, 0xed, 0xa0, 0x80],
        escape: 'x\xed\xa0\x80',
        replacement: 'x\uFFFD\uFFFD\uFFFD',
        fatal: { text: 'x', offset: 1, byte: 0xed },
      },
      {
        name: 'a code point above U+10FFFF (F4 90 80 80)',
        input: [0xf4, 0x90, 0x80, 0x80],
        escape: '\xf4\x90\x80\x80',
        replacement: '\uFFFD\uFFFD\uFFFD\uFFFD',
        fatal: { text: '', offset: 0, byte: 0xf4 },
      },
      {
        name: 'a truncated sequence followed by ASCII (E2 82 41)',
        input: [0xe2, 0x82, 0x41],
        escape: '\xe2\x82A',
        replacement: '\uFFFDA',
        fatal: { text: '', offset: 0, byte: 0xe2 },
      },
      {
        name: 'a sequence truncated by the end of the stream',
        input: [0x61, 0xf0, 0x9f, 0x98],
        escape: 'a\xf0\x9f\x98',
        replacement: 'a\uFFFD',
        fatal: { text: 'a', offset: 1, byte: 0xf0 },
      },
      {
        name: 'bytes F5..FF between valid text',
        input: [...utf8('日本'), 0xf5, 0xf8, 0xfc, 0xfe, 0xff, ...utf8('語')],
        escape: '日本\xf5\xf8\xfc\xfe\xff語',
        replacement: '日本\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD語',
        fatal: { text: '日本', offset: 6, byte: 0xf5 },
      },
    ];

    describe.each(cases)('$name', ({ input, escape, replacement, fatal }) => {
      const chunkings = [[Uint8Array.from(input)], split(Uint8Array.from(input), 'bytewise')];

      it("'unicode-escape' (the default) turns each invalid byte into the code point of its value", () => {
        for (const chunks of chunkings) {
          const { values, completed } = runSync(from(chunks).pipe(decodeText()));
          expect(values.join('')).toBe(escape);
          expect(completed).toBe(true);
        }
      });

      it("'replacement' gives U+FFFD like TextDecoder", () => {
        for (const chunks of chunkings) {
          expect(decode(chunks, 'replacement').values.join('')).toBe(replacement);
        }
        expect(new TextDecoder().decode(Uint8Array.from(input))).toBe(replacement);
      });

      it("'fatal' emits the text before, then a DecodeError with the offset and the byte", () => {
        for (const chunks of chunkings) {
          const { values, error } = decode(chunks, 'fatal');
          expect(values.join('')).toBe(fatal.text);
          expect(error).toBeInstanceOf(DecodeError);
          expect(error).toMatchObject({ offset: fatal.offset, byte: fatal.byte });
        }
      });
    });

    it("'fatal' counts the offset from the start of the stream, across chunks", () => {
      const result = decode([bytes(0x61, 0x62, 0x63), bytes(0x64, 0xe2), bytes(0x82, 0x41)], 'fatal');
      expect(result.values).toEqual(['abc', 'd']);
      expect(result.error).toMatchObject({ _tag: 'DecodeError', offset: 4, byte: 0xe2 });
      expect((result.error as Error).message).toContain('byte offset 4');

      const later = decode([bytes(0x61, 0x62), bytes(0x63, 0xff, 0x64)], 'fatal');
      expect(later.values).toEqual(['ab', 'c']);
      expect(later.error).toMatchObject({ offset: 3, byte: 0xff });
    });

    it("'fatal' stops reading the source at the error", () => {
      const source = new Subject<Uint8Array>();
      const values: string[] = [];
      let error: unknown;
      source
        .pipe(decodeText({ fallback: 'fatal' }))
        .subscribe({ next: (v) => values.push(v), error: (e) => (error = e) });
      source.next(bytes(0x61, 0xff));
      expect(source.observed).toBe(false);
      expect(values).toEqual(['a']);
      expect(error).toBeInstanceOf(DecodeError);
    });

    it('passes a real U+FFFD in valid input through unchanged in every fallback', () => {
      for (const fallback of FALLBACKS) {
        const { values, completed } = decode([bytes(0x61, 0xef), bytes(0xbf, 0xbd, 0x62)], fallback);
        expect(values).toEqual(['a', '\uFFFDb']);
        expect(completed).toBe(true);
      }
    });
  });

  describe('byte order mark', () => {
    const bom = [0xef, 0xbb, 0xbf];

    it('drops a leading BOM by default, even cut across chunks, in every fallback', () => {
      for (const fallback of FALLBACKS) {
        expect(decode([bytes(0xef), bytes(0xbb, 0xbf, 0x41)], fallback).values).toEqual(['A']);
        expect(decode([Uint8Array.from([...bom, ...bom])], fallback).values).toEqual(['\uFEFF']);
      }
    });

    it('keeps it with ignoreBOM, and never drops a BOM that is not the first character', () => {
      expect(decode([Uint8Array.from([...bom, 0x41])], 'unicode-escape', true).values).toEqual(['\uFEFFA']);
      expect(decode([Uint8Array.from([0x80, ...bom])], 'unicode-escape').values).toEqual(['\x80\uFEFF']);
      expect(decode([Uint8Array.from([0x80, ...bom])], 'replacement').values).toEqual(['\uFFFD\uFEFF']);
    });

    it('drops a leading BOM when the chunk that completes it also holds an invalid byte', () => {
      expect(decode([bytes(0xef, 0xbb), bytes(0xbf, 0x80)], 'unicode-escape').values).toEqual(['\x80']);
    });
  });

  describe('end of the source', () => {
    it('never emits for empty chunks or a chunk that only starts a character', () => {
      for (const fallback of FALLBACKS) {
        const { values } = decode([bytes(), bytes(0xe2), bytes(), bytes(0x82, 0xac)], fallback);
        expect(values).toEqual(['€']);
      }
    });

    it('drops the start of a character cut off by a source error, in every fallback, and says how many bytes', () => {
      // 'Hi 👋' cut after 5 of its 7 bytes: the seed showed 'Hi ð'.
      const cut = encoder.encode('Hi 👋').subarray(0, 5);
      const failure = new NetworkError('connection reset', 'ECONNRESET', 5, new Error('aborted'));
      for (const fallback of FALLBACKS) {
        const { values, error } = runSync(
          concat(
            of(cut),
            throwError(() => failure),
          ).pipe(decodeText({ fallback })),
        );
        expect(values.join('')).toBe('Hi ');
        // A copy, not the same object: same class, tag, fields and cause, with danglingBytes set.
        expect(error).not.toBe(failure);
        expect(error).toBeInstanceOf(NetworkError);
        expect(error).toMatchObject({
          _tag: 'NetworkError',
          code: 'ECONNRESET',
          receivedBytes: 5,
          danglingBytes: 2,
        });
        expect((error as Error).cause).toBe(failure.cause);
        expect((error as Error).message).toContain('connection reset');
        expect((error as Error).message).toMatch(/last 2 bytes .*dropped/);
        expect(failure.danglingBytes).toBe(0);
      }
    });

    it('forwards an aivvm error as is when no character was cut, and any other error unchanged', () => {
      const tooLarge = new ResponseTooLargeError(3, 'http://x');
      const whole = runSync(
        concat(
          of(encoder.encode('é!')),
          throwError(() => tooLarge),
        ).pipe(decodeText()),
      );
      expect(whole.values).toEqual(['é!']);
      expect(whole.error).toBe(tooLarge);
      expect(tooLarge.danglingBytes).toBe(0);
      const foreign = new Error('my own source failed');
      for (const fallback of FALLBACKS) {
        const { values, error } = runSync(
          concat(
            of(bytes(0x61, 0xe2, 0x82)),
            throwError(() => foreign),
          ).pipe(decodeText({ fallback })),
        );
        expect(values).toEqual(['a']);
        expect(error).toBe(foreign);
      }
    });

    it('still escapes a truncated tail when the source completes (those bytes really are invalid)', () => {
      const truncated = [encoder.encode('Hi 👋').subarray(0, 5)];
      expect(decode(truncated, 'unicode-escape').values.join('')).toBe('Hi \xf0\x9f');
      expect(decode(truncated, 'replacement').values.join('')).toBe('Hi \uFFFD');
    });

    it('property: text cut by an error after any byte count is a prefix of whole characters, then the error', () => {
      fc.assert(
        fc.property(
          chunkedText,
          fc.nat(),
          fc.constantFrom(...FALLBACKS),
          ([text, encoded, cuts], at, fallback) => {
            const k = at % (encoded.length + 1);
            const received = encoded.subarray(0, k);
            const chunks = split(received, Array.isArray(cuts) ? cuts.filter((c) => c <= k) : cuts);
            const failure = new TimeoutError('idle', 100, k, 'http://x');
            const { values, error } = runSync(
              concat(
                from(chunks),
                throwError(() => failure),
              ).pipe(decodeText({ fallback, ignoreBOM: true })),
            );
            const delivered = values.join('');
            const whole = wholeCharacterPrefix(text, k);
            expect(delivered).toBe(whole);
            const dangling = k - encoder.encode(whole).length;
            expect(dangling).toBeLessThan(4);
            if (dangling === 0) expect(error).toBe(failure);
            else
              expect(error).toMatchObject({ _tag: 'TimeoutError', stage: 'idle', danglingBytes: dangling });
            expect(error).toBeInstanceOf(TimeoutError);
          },
        ),
      );
    });

    it('reports a stream that ends inside a character in fatal mode', () => {
      const { values, error } = decode([bytes(0x61, 0x62), bytes(0xe2, 0x82)], 'fatal');
      expect(values).toEqual(['ab']);
      expect(error).toMatchObject({ offset: 2, byte: 0xe2 });
    });
  });

  describe('subscriptions', () => {
    it('gives every subscription its own decoder', () => {
      const source = new Subject<Uint8Array>();
      const decoded = source.pipe(decodeText());
      const a: string[] = [];
      const b: string[] = [];
      decoded.subscribe((v) => a.push(v));
      source.next(bytes(0xe2, 0x82)); // only the first subscriber holds these
      decoded.subscribe((v) => b.push(v));
      source.next(bytes(0xac, 0x41));
      source.complete();
      expect(a).toEqual(['€A']);
      expect(b).toEqual(['\xacA']);
    });

    it('emits as chunks arrive, completes with the source, and unsubscribes from it (marbles)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a-b-c|', { a: bytes(0x68, 0xc3), b: bytes(0xa9), c: bytes(0x21) });
        // 'é' (C3 A9) is cut: 'h' comes first, 'é' with the byte that completes it.
        expectObservable(source.pipe(decodeText())).toBe('-h-x-y|', { h: 'h', x: 'é', y: '!' });
        expectSubscriptions(source.subscriptions).toBe('^-----!');
      });
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('-a--b--|', { a: bytes(0x61), b: bytes(0x62) });
        expectObservable(source.pipe(decodeText()), '^---!').toBe('-a---', { a: 'a' });
        expectSubscriptions(source.subscriptions).toBe('^---!');
      });
    });

    it('rejects an unknown fallback when the operator is created', () => {
      expect(() => decodeText({ fallback: 'ignore' as DecodeFallback })).toThrow(TypeError);
    });

    it("'fatal': a chunk pushed back from inside the emission before the error is not decoded", () => {
      for (const [first, nested] of [
        [bytes(0x41, 0xff), bytes(0x42)],
        [Uint8Array.from([...new Array<number>(40).fill(0x41), 0xff]), bytes(0x42)], // the native path
        [bytes(0x41, 0xc1), bytes(0x42, 0xfe)], // the nested chunk's own error must not win
      ] as const) {
        const source = new Subject<Uint8Array>();
        const values: string[] = [];
        let error: unknown;
        source.pipe(decodeText({ fallback: 'fatal' })).subscribe({
          next: (text) => {
            values.push(text);
            if (values.length === 1) source.next(nested);
          },
          error: (err: unknown) => (error = err),
        });
        source.next(first);
        expect(values).toEqual(['A'.repeat(first.length - 1)]);
        expect(error).toMatchObject({ offset: first.length - 1, byte: first[first.length - 1] });
      }
    });
  });

  describe('chunks that are not a Uint8Array', () => {
    it('reads any other typed array, a DataView or an ArrayBuffer as its bytes, like TextDecoder, in every fallback', () => {
      // E2 00 82 AC on a little-endian machine: no '€' may be made of bytes that are not next to each other.
      const wide = new Uint16Array([0x00e2]);
      const bytesOfWide = new Uint8Array(wide.buffer);
      for (const fallback of FALLBACKS) {
        const ours = decode([wide as unknown as Uint8Array, bytes(0x82, 0xac)], fallback);
        const reference = decode([bytesOfWide.slice(), bytes(0x82, 0xac)], fallback);
        expect(ours).toEqual(reference);
        expect(decode([new Int8Array([-1]) as unknown as Uint8Array], fallback)).toEqual(
          decode([bytes(0xff)], fallback),
        );
        const view = new DataView(Uint8Array.from([0x41, 0x42, 0x43, 0x44]).buffer, 1, 2);
        const buffer = Uint8Array.from([0x45]).buffer;
        expect(decode([view, buffer, bytes(0x46)] as unknown as Uint8Array[], fallback).values.join('')).toBe(
          'BCEF',
        );
      }
      // The fatal offset counts bytes, not elements.
      const { error } = decode(
        [new Uint16Array([0x4141, 0x4141]) as unknown as Uint8Array, bytes(0xff)],
        'fatal',
      );
      expect(error).toMatchObject({ offset: 4, byte: 0xff });
    });

    it('errors with a TypeError naming the value for anything else (null, a string, an array of numbers)', () => {
      for (const fallback of FALLBACKS) {
        for (const [value, named] of [
          [null, 'null'],
          [undefined, 'undefined'],
          ['abc', '"abc"'],
          [[0x41], 'an array'],
        ] as const) {
          const { values, error, completed } = decode(
            [bytes(0x61), value as unknown as Uint8Array, bytes(0x62)],
            fallback,
          );
          expect(values).toEqual(['a']);
          expect(completed).toBe(false);
          expect(error).toBeInstanceOf(TypeError);
          expect((error as Error).message).toContain(`a chunk must be a Uint8Array`);
          expect((error as Error).message).toContain(`got ${named}`);
        }
      }
    });

    it('adds danglingBytes to an aivvm-rx error of another copy of the package too (ESM and CJS both loaded)', () => {
      // What another copy's NetworkError looks like from here: not our class, but the shared brand.
      class OtherCopyError extends Error {
        readonly _tag = 'NetworkError';
        readonly danglingBytes = 0;
        constructor() {
          super('connection reset');
          Object.defineProperty(this, Symbol.for('aivvm-rx.error'), { value: true });
        }
      }
      const failure = new OtherCopyError();
      const { values, error } = runSync(
        concat(
          of(bytes(0x48, 0xf0, 0x9f)),
          throwError(() => failure),
        ).pipe(decodeText()),
      );
      expect(values).toEqual(['H']);
      expect(error).toBeInstanceOf(OtherCopyError);
      expect(error).toMatchObject({ _tag: 'NetworkError', danglingBytes: 2 });
    });
  });
});
