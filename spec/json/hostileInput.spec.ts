/**
 * Text a model, a proxy or an attacker may send: not JSON at all, cut anywhere, nested 10 000 deep, huge strings,
 * escapes and surrogate pairs split across chunks, lone surrogates.
 */
import * as t from 'io-ts';
import { IncompleteResponseError, InvalidResponseError } from '../../src';
import { chunksOf, isDeepFrozen, isPrefixOf, runJson, sameJson } from './jsonHelpers';

describe('streamJson on hostile input', () => {
  it('text that is not JSON fails at once with InvalidResponseError at its first character', () => {
    const notJson = [
      'Sure! Here is the JSON you asked for: {"a": 1}',
      '<html><body>502 Bad Gateway</body></html>',
      "{'single': 'quotes'}",
      '{a: 1}',
      '// comment\n{}',
      'NaN',
      'undefined',
      '\u0000',
    ];
    for (const text of notJson) {
      const run = runJson(chunksOf(text, 3), t.unknown);
      expect([text, run.error]).toEqual([text, expect.any(InvalidResponseError)]);
      expect(run.events).toEqual(text.startsWith('{') ? [{ type: 'partial', value: {} }] : []);
    }
    // Looks like JSON up to a point: the offset is that point.
    const cases: [string, number][] = [
      ['[1, 2, 3,]', 9],
      ['{"a": 01}', 7],
      ['{"a": .5}', 6],
      ['{"a": +1}', 6],
      ['{"a": 1.5e}', 10],
      ['{"a": "b"}}', 10],
      ['[Infinity]', 1],
      ['["\\x41"]', 3],
      ['["tab\there"]', 5],
    ];
    for (const [text, offset] of cases) {
      const error = runJson([text], t.unknown).error as InvalidResponseError;
      expect([text, error._tag, error.offset]).toEqual([text, 'InvalidResponseError', offset]);
    }
  });

  it('text cut at every position: IncompleteResponseError with the characters received (or the value, when the cut text is JSON)', () => {
    const text = JSON.stringify({
      id: 'r-1',
      items: [
        { n: -1.5e-3, ok: true, tags: ['a', 'é', '😀'], none: null },
        { n: 0, ok: false },
      ],
      note: 'tab\there "quoted" \\ \u0001 \ud83d\ude00 \ud800',
      empty: {},
      list: [[], [[]]],
    });
    for (let at = 0; at <= text.length; at++) {
      const prefix = text.slice(0, at);
      for (const size of [1, 4, 64]) {
        const run = runJson(chunksOf(prefix, size), t.unknown);
        if (at === text.length) {
          expect(run.done?.value).toEqual({ _tag: 'Right', right: JSON.parse(text) });
        } else {
          expect(run.error).toBeInstanceOf(IncompleteResponseError);
          expect([at, (run.error as IncompleteResponseError).offset]).toEqual([at, at]);
        }
        // Whatever arrived was delivered: the last partial is a prefix of the whole value.
        const last = run.partials.at(-1);
        if (last !== undefined) expect(isPrefixOf(last, JSON.parse(text), false)).toBe(true);
      }
    }
  });

  it('10 000 levels of nesting: no stack overflow, partials frozen and growing, the exact value at the end', () => {
    const depth = 10_000;
    const arrays = '['.repeat(depth) + ']'.repeat(depth);
    const objects = '{"a":'.repeat(depth) + '"x"' + '}'.repeat(depth);
    const mixed = '[{"b":'.repeat(depth) + '1' + '}]'.repeat(depth);
    for (const text of [arrays, objects, mixed]) {
      const run = runJson(chunksOf(text, 512), t.unknown, { items: [''] });
      expect(run.error).toBeUndefined();
      expect(sameJson(run.partials.at(-1), JSON.parse(text))).toBe(true);
      expect(run.done?.value._tag).toBe('Right');
      expect(isDeepFrozen(run.partials.at(-1))).toBe(true);
      expect(run.partials.length).toBeLessThanOrEqual(Math.ceil(text.length / 512));
    }
    // Cut deep inside: the message names the place, capped.
    const cut = runJson([objects.slice(0, 5 * depth + 3)], t.unknown).error as IncompleteResponseError;
    expect(cut).toBeInstanceOf(IncompleteResponseError);
    expect(cut.message).toContain(`inside an object at …a${'.a'.repeat(49)} (${depth} still open)`);
    expect(cut.message.length).toBeLessThan(400);
    const wrong = runJson(['{"a":'.repeat(depth) + '1 2'], t.unknown).error as InvalidResponseError;
    expect(wrong.offset).toBe(5 * depth + 2);
    expect(wrong.message.length).toBeLessThan(400);
  });

  it('huge strings: a 4 MB value in 64 kB chunks and 200 000 one-character chunks, partials growing, never copied', () => {
    const big = 'Lorem ipsum dolor sit amet, 😀 é \\n \\"quoted\\" '.repeat(90_000);
    const text = `{"text":"${big}","after":1}`;
    const run = runJson(chunksOf(text, 65_536), t.type({ text: t.string, after: t.number }));
    expect(run.error).toBeUndefined();
    expect(run.done?.value).toEqual({ _tag: 'Right', right: JSON.parse(text) });
    const texts = run.partials.map((partial) => (partial as { text?: string }).text ?? '');
    for (let i = 1; i < texts.length; i++) expect(texts[i]?.startsWith(texts[i - 1] ?? '')).toBe(true);
    expect(run.partials.length).toBeGreaterThan(60);

    const small = `["${'ab😀'.repeat(50_000)}"]`;
    const oneByOne = runJson(chunksOf(small, 1), t.unknown, { partials: false });
    expect(oneByOne.done?.value).toEqual({ _tag: 'Right', right: JSON.parse(small) });
  });

  it('escapes and surrogate pairs split at every position give the same string, and no partial ends in half a pair', () => {
    const text =
      '["\\ud83d\\ude00 \\u00e9\\u00E9 \\u0041 \\"\\\\\\/\\b\\f\\n\\r\\t 😀 \ud83d\ude00",{"\\u006b":"\\ud83d\\ude00"}]';
    const expected: unknown = JSON.parse(text);
    for (let at = 1; at < text.length; at++) {
      for (const chunks of [
        [text.slice(0, at), text.slice(at)],
        [text.slice(0, at), ...chunksOf(text.slice(at), 1)],
      ]) {
        const run = runJson(chunks, t.unknown);
        expect(run.done?.value).toEqual({ _tag: 'Right', right: expected });
        for (const partial of run.partials) {
          for (const value of stringsIn(partial)) {
            const last = value.charCodeAt(value.length - 1);
            expect([at, value, last >= 0xd800 && last <= 0xdbff]).toEqual([at, value, false]);
          }
        }
      }
    }
  });

  it('lone surrogates, escaped or raw, are kept as JSON.parse keeps them', () => {
    const texts = [
      '["\\ud800"]',
      '["\\udc00"]',
      '["\\ud800A"]',
      '["\\ud800\\ud800\\udc00"]',
      '["a\ud800"]',
      '["\udc00b"]',
      '["\ud800\ud800\udc00"]',
      '{"\ud800":"\\udfff"}',
    ];
    for (const text of texts) {
      for (const size of [1, 2, 100]) {
        const run = runJson(chunksOf(text, size), t.unknown);
        expect([text, size, run.done?.value]).toEqual([
          text,
          size,
          { _tag: 'Right', right: JSON.parse(text) },
        ]);
        expect(run.partials.at(-1)).toEqual(JSON.parse(text));
      }
    }
    // A lone high surrogate at the end of a string shows once the string closes (the array's close adds nothing).
    expect(runJson(['["a\\ud800', '"', ']'], t.unknown).partials).toEqual([['a'], ['a\ud800']]);
  });

  it('a long run of whitespace or of one-character chunks costs no partial', () => {
    const run = runJson(['[', ...Array.from({ length: 10_000 }, () => ' '), '1', ' ', ']'], t.unknown);
    expect(run.partials).toEqual([[], [1]]);
  });
});

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}
