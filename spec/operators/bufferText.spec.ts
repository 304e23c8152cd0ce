import fc from 'fast-check';
import { concat, from, map, Observable, of, Subject, throwError, timer } from 'rxjs';
import { bufferText, type BufferTextOptions, type TextBoundary } from '../../src/operators';
import { longestSegmented, segmentedLengths } from '../helpers/segmentedLengths';
import { runSync, testScheduler } from '../helpers/marbles';

const NO_TIMER = { maxDelayMs: Infinity } as const;

/** Pieces of text with every kind of boundary trouble: clusters, joiners, marks, spaces, punctuation. */
const LATIN = [
  'hello',
  'world',
  'I',
  "it's",
  'a.b',
  '3.14',
  '1,000',
  'café',
  'cafe\u0301',
  'Привет',
  'naïve',
];
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\n\n', '\r\n', '\r', '\u00a0', '\u3000'];
const PUNCTUATION = ['.', ',', '!', '?', ':', ';', '"', "'", '(', ')', '-', '…', '. ', '? '];
const CLUSTERS = [
  '😀',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '🇺🇸',
  '🇫🇷',
  '🏳️‍🌈',
  '1️⃣',
  '❤️',
  'e\u0301',
  'ñ',
  '\u200d',
  '\u0301',
  '\ufe0f',
];
const CJK = ['我们', '今天', '去', '公园', '今日は', '天気', 'です', 'ภาษาไทย', '。', '、'];

const piecesText = (pieces: readonly string[], maxLength = 40) =>
  fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  piecesText([...LATIN, ...SPACES, ...PUNCTUATION, ...CLUSTERS, ...CJK]),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Cuts `text` at UTF-16 offsets: surrogate pairs and clusters get split too; repeated offsets give ''. */
function split(text: string, cuts: readonly number[]): string[] {
  const sorted = [...cuts].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const cut of sorted) {
    chunks.push(text.slice(start, cut));
    start = cut;
  }
  chunks.push(text.slice(start));
  return chunks;
}
const chunked = (text: fc.Arbitrary<string>) =>
  text.chain((t) =>
    fc.tuple(
      fc.constant(t),
      fc.oneof(
        fc.array(fc.nat({ max: t.length }), { maxLength: 16 }).map((cuts) => split(t, cuts)),
        fc.constant([...t.split('')]),
      ),
    ),
  );

const BOUNDARIES: readonly TextBoundary[] = [
  'none',
  'grapheme',
  'word',
  'line',
  'sentence',
  /\s+/g,
  /[.!?]\s/,
  /(?=\n)/g,
  /\b/gu,
  /x*/y,
  /\p{Emoji_Presentation}/gu,
];

/** Offsets where each emission ends, in the concatenated text. */
function ends(values: readonly string[]): number[] {
  let offset = 0;
  return values.map((value) => (offset += value.length));
}

function boundariesOf(text: string, granularity: 'grapheme' | 'word' | 'sentence'): Set<number> {
  const set = new Set([0, text.length]);
  for (const { index } of new Intl.Segmenter(undefined, { granularity }).segment(text)) set.add(index);
  return set;
}

function buffer(chunks: readonly string[], options: BufferTextOptions = {}) {
  return runSync(from(chunks).pipe(bufferText({ ...NO_TIMER, ...options })));
}

describe('bufferText', () => {
  describe('properties', () => {
    it('emits exactly the input text, never an empty string, for every option combination and timing', () => {
      fc.assert(
        fc.property(
          chunked(anyText),
          fc.constantFrom(...BOUNDARIES),
          fc.constantFrom(1, 2, 3, 7, 64, Infinity),
          fc.constantFrom(0, 1, 3, 10, Infinity),
          fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 40 }),
          fc.boolean(),
          ([text, chunks], boundary, maxChars, maxDelayMs, gaps, fails) => {
            const failure = new Error('source failed');
            const values: string[] = [];
            let error: unknown;
            let completed = false;
            testScheduler().run(({ flush }) => {
              // Chunks arrive after gaps of virtual time, so the maxDelayMs timer fires in between.
              const arrivals = chunks.map((chunk, i) => timer(gaps[i % gaps.length]!).pipe(map(() => chunk)));
              const source = concat(...arrivals, fails ? throwError(() => failure) : []);
              source.pipe(bufferText({ boundary, maxChars, maxDelayMs })).subscribe({
                next: (v) => values.push(v),
                error: (e: unknown) => (error = e),
                complete: () => (completed = true),
              });
              flush();
            });
            expect(values.join('')).toBe(text);
            for (const value of values) expect(value).not.toBe('');
            expect(completed).toBe(!fails);
            expect(error).toBe(fails ? failure : undefined);
          },
        ),
        { numRuns: 600 },
      );
    });

    it("'grapheme' never splits a grapheme cluster", () => {
      const clusters = piecesText(
        [...CLUSTERS, 'a', 'b', ' ', '\r', '\n', '🇺', '🇸', '\u1100', '\u1161', '\u11a8', '각'],
        30,
      );
      fc.assert(
        fc.property(chunked(clusters), fc.constantFrom(Infinity, 32, 100), ([text, chunks], maxChars) => {
          const { values } = buffer(chunks, { boundary: 'grapheme', maxChars });
          expect(values.join('')).toBe(text);
          const boundaries = boundariesOf(text, 'grapheme');
          for (const end of ends(values)) expect(boundaries).toContain(end);
        }),
        { numRuns: 500 },
      );
    });

    it("'word' emissions end on word boundaries, before the start of a word", () => {
      // Scripts written with spaces: ICU's word boundaries there depend on local context only.
      const words = piecesText([...LATIN, ...SPACES, ...PUNCTUATION, ...CLUSTERS]);
      fc.assert(
        fc.property(chunked(words), ([text, chunks]) => {
          const { values } = buffer(chunks, { boundary: 'word', maxChars: Infinity });
          expect(values.join('')).toBe(text);
          const boundaries = boundariesOf(text, 'word');
          // The last emission is the flush at completion.
          for (const end of ends(values).slice(0, -1)) {
            expect(boundaries).toContain(end);
            expect(text[end - 1]).toMatch(/\s/);
          }
        }),
        { numRuns: 500 },
      );
    });

    it("'word' and 'sentence' never split a grapheme cluster, in any script", () => {
      // Dictionary scripts (Chinese, Japanese, Thai) are cut between settled words of the text so far; rarely,
      // more text still re-splits them (bufferTextWords.spec.ts measures how rarely), so only clusters are
      // guaranteed here.
      const mixed = piecesText([...CJK, ...LATIN, ...CLUSTERS, 'ำ', 'नमस्ते', ' ', '. ', '\n']);
      fc.assert(
        fc.property(chunked(mixed), fc.constantFrom('word', 'sentence'), ([text, chunks], boundary) => {
          const { values } = buffer(chunks, { boundary, maxChars: Infinity });
          expect(values.join('')).toBe(text);
          const boundaries = boundariesOf(text, 'grapheme');
          for (const end of ends(values)) expect(boundaries).toContain(end);
        }),
        { numRuns: 300 },
      );
    });

    it("'sentence' emissions end on sentence boundaries", () => {
      const sentences = piecesText([
        'Hello there',
        'how are you',
        'e.g. this',
        'Yes',
        ' ',
        '. ',
        '? ',
        '! ',
        '\n',
        '3.5',
        '"',
      ]);
      fc.assert(
        fc.property(chunked(sentences), ([text, chunks]) => {
          const { values } = buffer(chunks, { boundary: 'sentence', maxChars: Infinity });
          expect(values.join('')).toBe(text);
          const boundaries = boundariesOf(text, 'sentence');
          for (const end of ends(values).slice(0, -1)) expect(boundaries).toContain(end);
        }),
        { numRuns: 300 },
      );
    });

    it("'line' emits whole lines", () => {
      fc.assert(
        fc.property(chunked(piecesText(['ab', 'c', ' ', '\n', '\r\n', '😀'])), ([text, chunks]) => {
          const { values } = buffer(chunks, { boundary: 'line', maxChars: Infinity });
          expect(values.join('')).toBe(text);
          // Up to the last newline seen: one or more whole lines.
          for (const value of values.slice(0, -1)) expect(value.endsWith('\n')).toBe(true);
          // The flush at completion holds the unfinished last line only.
          const last = values[values.length - 1] ?? '\n';
          if (!last.endsWith('\n')) expect(last).not.toContain('\n');
        }),
      );
    });
  });

  describe('word', () => {
    it('is the default, and emits words with their trailing spaces', () => {
      expect(runSync(of('Hel', 'lo wo', 'rld, how', ' are you?').pipe(bufferText(NO_TIMER))).values).toEqual([
        'Hello ',
        'world, ',
        'how are ',
        'you?',
      ]);
    });

    it('lets Chinese flow word by word, cutting only at settled word starts', () => {
      const { values } = buffer([...'清华大学是中国著名的高等学府，坐落于北京。']);
      expect(values).toEqual(['清华大学', '是', '中国', '著名的', '高等学府，', '坐落于', '北京。']);
      expect(buffer(['我们今天去', '公园散步了']).values).toEqual(['我们今天', '去公园散步了']);
    });

    it('holds a Thai word that is still arriving, however the segmenter splits it so far', () => {
      // Segmented alone, 'ศึกษาคอม' ends with the word คอม; the whole text has คอมพิวเตอร์ (computer).
      expect(buffer(['ศึกษาคอม', 'พิวเตอร์', 'ที่มหาวิทยาลัย']).values).toEqual(['ศึกษา', 'คอมพิวเตอร์ที่มหาวิทยาลัย']);
    });

    it('lets Japanese flow word by word', () => {
      const text = '今日は良い天気ですね。散歩に行きましょう';
      const { values } = buffer([...text]);
      expect(values.join('')).toBe(text);
      expect(values.length).toBeGreaterThan(5);
      const boundaries = boundariesOf(text, 'word');
      for (const end of ends(values)) expect(boundaries).toContain(end);
    });

    it('keeps a combining mark, a ZWJ sequence and a skin tone with their word', () => {
      expect(buffer(['cafe', '\u0301 ok'])).toMatchObject({ values: ['cafe\u0301 ', 'ok'] });
      const family = '👨‍👩‍👧‍👦';
      expect(buffer(['hi ', ...family.split(''), ' 👍', '🏽 x']).values).toEqual([
        'hi ',
        `${family} `,
        '👍🏽 ',
        'x',
      ]);
    });

    it('does not cut where later text could join the words (a.b, 3.14)', () => {
      expect(buffer(['see a.', 'b now', ' 3.', '14 ok']).values).toEqual([
        'see ',
        'a.b ',
        'now ',
        '3.14 ',
        'ok',
      ]);
      // Inside a run without spaces a word start waits until it has survived a few more characters: the
      // dictionary may still re-split the words near the end (here nothing is cut before completion).
      expect(buffer(['我们今天去', '公园']).values).toEqual(['我们今天去公园']);
    });
  });

  describe('grapheme', () => {
    it.each([
      ['an emoji ZWJ sequence', '👨‍👩‍👧‍👦'],
      ['a flag', '🇺🇸'],
      ['a skin-tone modifier', '👍🏽'],
      ['a combining mark', 'e\u0301'],
      ['a keycap', '1️⃣'],
    ])('never splits %s, even fed one code unit at a time', (_name, cluster) => {
      const { values } = buffer(['a', ...cluster.split(''), 'b', 'c'], { boundary: 'grapheme' });
      expect(values).toEqual(['a', cluster, 'b', 'c']);
    });

    it('keeps two flags apart', () => {
      expect(buffer('🇺🇸🇫🇷x'.split(''), { boundary: 'grapheme' }).values).toEqual(['🇺🇸', '🇫🇷', 'x']);
    });
  });

  describe('line, sentence and RegExp', () => {
    it("'line' cuts after each newline", () => {
      expect(buffer(['a\nb', 'c\n', 'd'], { boundary: 'line' }).values).toEqual(['a\n', 'bc\n', 'd']);
    });

    it("'sentence' waits for the letter that confirms a boundary", () => {
      const { values } = buffer(['Hello there. ', 'How are', ' you? I am', ' fine.'], {
        boundary: 'sentence',
      });
      expect(values).toEqual(['Hello there. ', 'How are you? ', 'I am fine.']);
    });

    it('cuts after the last match of a RegExp, including matches across chunks', () => {
      expect(buffer(['a\n', '\nb\n', '\nc'], { boundary: /\n\n/g }).values).toEqual(['a\n\n', 'b\n\n', 'c']);
      expect(buffer(['one, two', ', three'], { boundary: /, /g }).values).toEqual([
        'one, ',
        'two, ',
        'three',
      ]);
    });

    it('accepts a non-global or sticky RegExp and leaves its lastIndex alone', () => {
      const sticky = /, /y;
      sticky.lastIndex = 5;
      expect(buffer(['one, two', ', three'], { boundary: sticky }).values).toEqual([
        'one, ',
        'two, ',
        'three',
      ]);
      expect(sticky.lastIndex).toBe(5);
      expect(buffer(['one, two', ', three'], { boundary: /, / }).values).toEqual(['one, ', 'two, ', 'three']);
    });

    it('does not loop on empty matches', () => {
      expect(buffer(['ab', '\ncd'], { boundary: /(?=\n)/g }).values).toEqual(['ab', '\ncd']);
      expect(buffer(['😀😀', '😀'], { boundary: /(?:)/gu }).values).toEqual(['😀😀', '😀']);
      expect(buffer(['abc'], { boundary: /$/g }).values).toEqual(['abc']);
    });

    it('never cuts a surrogate pair, even when a RegExp matches inside one', () => {
      expect(buffer(['a😀b'], { boundary: /[\ud800-\udbff]/g }).values).toEqual(['a', '😀b']);
      // A high surrogate at the end waits for its low half, even when the pattern matches everywhere.
      expect(buffer(['a\ud83d', '\ude00b'], { boundary: /x*/g }).values).toEqual(['a', '😀b']);
    });

    it("'none' only coalesces", () => {
      expect(buffer(['a b', ' c\n', 'd'], { boundary: 'none' }).values).toEqual(['a b c\nd']);
    });
  });

  describe('maxChars', () => {
    it('releases the held text when it reaches maxChars, keeping the last character', () => {
      expect(buffer(['abc', 'def', 'ghi', 'j'], { boundary: 'none', maxChars: 4 }).values).toEqual([
        'abcde',
        'fgh',
        'ij',
      ]);
    });

    it('never splits a surrogate pair nor, when it can, a grapheme cluster', () => {
      expect(buffer(['a\ud83d', '\ude00b'], { boundary: 'none', maxChars: 2 }).values).toEqual([
        'a',
        '😀',
        'b',
      ]);
      const family = '👨‍👩‍👧‍👦';
      expect(
        buffer(['xx', ...family.split(''), 'y', 'y'], { boundary: 'none', maxChars: 12 }).values,
      ).toEqual(['xx', family, 'yy']);
    });

    it('releases a single cluster longer than maxChars whole', () => {
      expect(buffer(['e\u0301\u0301', '\u0301'], { boundary: 'grapheme', maxChars: 3 }).values).toEqual([
        'e\u0301\u0301',
        '\u0301',
      ]);
    });
  });

  describe('maxDelayMs (marbles)', () => {
    it('releases what is held maxDelayMs after its first character arrived', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('a 4ms b 9ms |', { a: 'Hel', b: 'lo wor' });
        expectObservable(source.pipe(bufferText({ maxDelayMs: 3 }))).toBe('3ms x 1ms y 2ms z 6ms |', {
          x: 'Hel',
          y: 'lo ',
          z: 'wor',
        });
        expectSubscriptions(source.subscriptions).toBe('^ 14ms !');
      });
    });

    it('measures from the oldest held character: later chunks do not restart the timer', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('a 1ms b 1ms c 10ms |', { a: 'ab', b: 'cd', c: 'ef' });
        expectObservable(source.pipe(bufferText({ maxDelayMs: 5 }))).toBe('5ms x 9ms |', { x: 'abcdef' });
      });
    });

    it('gives the text left after a cut its own arrival time', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('a 3ms b 10ms |', { a: 'one', b: ' two' });
        expectObservable(source.pipe(bufferText({ maxDelayMs: 5 }))).toBe('4ms x 4ms y 5ms |', {
          x: 'one ',
          y: 'two',
        });
      });
    });

    it('uses the scheduler option', () => {
      const scheduler = testScheduler();
      const source = new Subject<string>();
      const values: string[] = [];
      source.pipe(bufferText({ maxDelayMs: 10, scheduler })).subscribe((v) => values.push(v));
      source.next('abc');
      scheduler.flush();
      expect(values).toEqual(['abc']);
      expect(scheduler.now()).toBe(10);
    });
  });

  describe('completion, errors and unsubscription', () => {
    it('flushes the rest on complete', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('a-b|', { a: 'Hello', b: ' wor' });
        expectObservable(source.pipe(bufferText())).toBe('--x(y|)', { x: 'Hello ', y: 'wor' });
      });
    });

    it('flushes the rest, then forwards the error: nothing typed is lost', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const source = cold('a-#', { a: 'Hello wor' }, new Error('reset'));
        expectObservable(source.pipe(bufferText())).toBe(
          'x-(y#)',
          { x: 'Hello ', y: 'wor' },
          new Error('reset'),
        );
      });
    });

    it('drops the held text and unsubscribes from the source on unsubscribe', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('a 20ms |', { a: 'abc' });
        expectObservable(source.pipe(bufferText({ maxDelayMs: 10 })), '^ 5ms !').toBe('');
        expectSubscriptions(source.subscriptions).toBe('^ 5ms !');
      });
    });

    it('cancels its timer on complete, error, a flush that empties it, and unsubscribe (no leaked timers)', () => {
      const scheduler = testScheduler();
      const check = (end: (source: Subject<string>) => void, boundary: TextBoundary = 'word') => {
        const source = new Subject<string>();
        const subscription = source
          .pipe(bufferText({ boundary, maxDelayMs: 50, scheduler }))
          .subscribe({ error: () => undefined });
        source.next('abc');
        expect(scheduler.actions).toHaveLength(1);
        end(source);
        expect(scheduler.actions).toHaveLength(0);
        subscription.unsubscribe();
      };
      check((source) => source.complete());
      check((source) => source.error(new Error('reset')));
      check((source) => source.next('\n'), 'line');
      const source = new Subject<string>();
      const subscription = source.pipe(bufferText({ maxDelayMs: 50, scheduler })).subscribe();
      source.next('abc');
      expect(scheduler.actions).toHaveLength(1);
      subscription.unsubscribe();
      expect(scheduler.actions).toHaveLength(0);
    });

    it('never emits for empty chunks', () => {
      expect(buffer(['', 'a ', '', 'b', ''], { boundary: 'word' }).values).toEqual(['a ', 'b']);
    });

    it('gives every subscription its own buffer', () => {
      const source = new Subject<string>();
      const buffered = source.pipe(bufferText(NO_TIMER));
      const a: string[] = [];
      const b: string[] = [];
      buffered.subscribe((v) => a.push(v));
      source.next('one tw');
      buffered.subscribe((v) => b.push(v));
      source.next('o three');
      source.complete();
      expect(a).toEqual(['one ', 'two ', 'three']);
      expect(b).toEqual(['o ', 'three']);
    });

    it('stops cleanly when the subscriber unsubscribes from inside next', () => {
      const source = new Subject<string>();
      const values: string[] = [];
      const subscription = source.pipe(bufferText({ maxDelayMs: 5 })).subscribe((v) => {
        values.push(v);
        subscription.unsubscribe();
      });
      source.next('one two');
      source.next(' three');
      expect(values).toEqual(['one ']);
      expect(source.observed).toBe(false);
    });

    it('rejects bad options when the operator is created', () => {
      expect(() => bufferText({ maxChars: 0 })).toThrow(RangeError);
      expect(() => bufferText({ maxChars: Number.NaN })).toThrow(RangeError);
      expect(() => bufferText({ maxDelayMs: -1 })).toThrow(RangeError);
      expect(() => bufferText({ boundary: 'paragraph' as TextBoundary })).toThrow(TypeError);
    });
  });

  describe('cost', () => {
    /** Total length of the strings given to Intl.Segmenter#segment while `work` runs. */
    const segmented = (work: () => void): number => segmentedLengths(work).total;

    it('does not segment Latin text at all in word mode', () => {
      const text = 'the quick brown fox jumps over the lazy dog, again and again. '.repeat(50);
      const chunks = text.match(/.{1,5}/gs)!;
      expect(segmented(() => expect(buffer(chunks).values.join('')).toBe(text))).toBe(0);
    });

    it("does not segment '1. 2. 3. …' at all in sentence mode, and stays linear where it must segment", () => {
      // A break every 3 characters, each confirmed by the next terminator: segmenting per chunk cost 6 s per
      // 2 M characters. Simple text goes through the JavaScript rules instead (bench: bufferTextSentence).
      let numbered = '';
      for (let n = 1; numbered.length < 20_000; n++) numbered += `${n}. `;
      const chunks = numbered.match(/.{1,5}/gs)!;
      const options: BufferTextOptions = { boundary: 'sentence', maxChars: Infinity };
      // Created outside the count: creating it checks the rules against the segmenter once, on a probe text.
      const operator = bufferText({ ...NO_TIMER, ...options });
      const run = () => expect(runSync(from(chunks).pipe(operator)).values.join('')).toBe(numbered);
      expect(segmented(run)).toBe(0);
      // Cyrillic is left to the segmenter: the work per chunk stays bounded by the short held text.
      const cyrillic = numbered.replace(/\. /g, '. Да. ');
      const work = segmented(() => {
        expect(buffer(cyrillic.match(/.{1,5}/gs)!, options).values.join('')).toBe(cyrillic);
      });
      expect(work).toBeLessThan(8 * cyrillic.length);
    });

    it('never re-reads the whole held text per chunk: a 1M-character run without boundaries stays fast', () => {
      // Reading a character of \`held + chunk\` flattens the rope, O(held) per chunk: ~1 min here if it did.
      const chunks = Array.from({ length: 200_000 }, () => 'xxxxx');
      const started = performance.now();
      for (const boundary of ['word', 'line', 'sentence', 'none', /\n/g] as const) {
        const { values } = buffer(chunks, { boundary, maxChars: Infinity });
        expect(values).toHaveLength(1);
        expect(values[0]).toHaveLength(1_000_000);
      }
      expect(performance.now() - started).toBeLessThan(10_000);
    });

    it.each<[string, BufferTextOptions]>([
      ['word', { boundary: 'word' }],
      ['word, maxChars: Infinity', { boundary: 'word', maxChars: Infinity }],
      ['grapheme, maxChars: Infinity', { boundary: 'grapheme', maxChars: Infinity }],
    ])(
      'gives Intl.Segmenter a bounded text when one chunk is 80 000 Chinese characters (%s)',
      (_name, options) => {
        // The segmenter's cost per segment grows with the length of its text: iterating 70 000 CJK characters took
        // 52 s in Node 20, and this chunk took 47 s through bufferText when it was segmented whole.
        const text = '我们今天去公园散步了'.repeat(8_000);
        const longest = longestSegmented(() => {
          const { values } = buffer([text], { ...NO_TIMER, ...options });
          expect(values.join('') === text).toBe(true);
          expect(values.length).toBeGreaterThan(10);
        });
        expect(longest).toBeLessThanOrEqual(3 * 4096);
      },
    );

    it.each<[string, BufferTextOptions, string]>([
      ['a giant grapheme cluster', { boundary: 'grapheme' }, 'e' + '\u0301'.repeat(20_000)],
      ['a sentence that never ends', { boundary: 'sentence' }, 'Hi. e.g. ' + 'more words '.repeat(2_000)],
      ['a long run of Chinese', { boundary: 'word' }, '我'.repeat(20_000)],
    ])('stays linear on %s, even with maxChars: Infinity', (_name, options, text) => {
      const chunks = text.match(/.{1,5}/gsu)!;
      const work = segmented(() => {
        expect(buffer(chunks, { ...options, maxChars: Infinity }).values.join('')).toBe(text);
      });
      // Re-segmenting the held text on every chunk would be ~ length² / 10 here.
      expect(work).toBeLessThan(8 * text.length);
    });
  });

  it('works with an Observable that emits synchronously on subscribe', () => {
    const source = new Observable<string>((subscriber) => {
      subscriber.next('a b');
      subscriber.complete();
    });
    expect(runSync(source.pipe(bufferText())).values).toEqual(['a ', 'b']);
  });
});
