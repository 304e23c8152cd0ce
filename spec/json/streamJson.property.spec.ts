/**
 * streamJson's invariants for any JSON value and any chunking, with JSON.parse as the oracle.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { IncompleteResponseError, InvalidResponseError } from '../../src';
import { chunking, cut, isDeepFrozen, isPrefixOf, jsonText, runJson } from './jsonHelpers';

describe('streamJson (properties)', () => {
  it('the last partial and done equal JSON.parse of the text, for any value and any chunking', () => {
    fc.assert(
      fc.property(jsonText, chunking, (text, chunkingOf) => {
        const chunks = chunkingOf(text);
        const run = runJson(chunks, t.unknown);
        const expected: unknown = JSON.parse(text);
        expect(run.error).toBeUndefined();
        expect(run.partials.at(-1)).toEqual(expected);
        expect(run.done?.value).toEqual({ _tag: 'Right', right: expected });
        expect(run.events.at(-1)?.type).toBe('done');
      }),
      { numRuns: 400 },
    );
  });

  it('each partial is a prefix of the next: no field lost or retyped, strings and arrays only grow, closed parts shared', () => {
    fc.assert(
      fc.property(jsonText, chunking, (text, chunkingOf) => {
        const run = runJson(chunkingOf(text), t.unknown);
        for (let i = 1; i < run.partials.length; i++) {
          if (!isPrefixOf(run.partials[i - 1], run.partials[i]))
            throw new Error(
              `partial ${i - 1} is not a prefix of partial ${i}: ${run.partialTexts.join(' → ')}`,
            );
        }
      }),
      { numRuns: 400 },
    );
  });

  it('partials are new frozen values, never mutated later, at most one per chunk', () => {
    fc.assert(
      fc.property(jsonText, chunking, (text, chunkingOf) => {
        const chunks = chunkingOf(text);
        const run = runJson(chunks, t.unknown);
        // A number at the root completes only when the text ends: one more partial then.
        expect(run.partials.length).toBeLessThanOrEqual(chunks.length + 1);
        for (const partial of run.partials) expect(isDeepFrozen(partial)).toBe(true);
        expect(run.partials.map((partial) => JSON.stringify(partial))).toEqual(run.partialTexts);
        // Consecutive partials differ, by value too: a partial is emitted only when what it shows changed (a chunk
        // that only closes a string or a container shows nothing new).
        for (let i = 1; i < run.partials.length; i++) {
          expect(run.partials[i]).not.toBe(run.partials[i - 1]);
          expect(run.partialTexts[i]).not.toBe(run.partialTexts[i - 1]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a partial shows a number, true, false or null only once complete', () => {
    const scalar = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.constantFrom(true, false, null),
    );
    fc.assert(
      fc.property(fc.array(scalar, { minLength: 1, maxLength: 8 }), chunking, (values, chunkingOf) => {
        const text = JSON.stringify({ values });
        const expected = (JSON.parse(text) as { values: unknown[] }).values;
        const run = runJson(chunkingOf(text), t.unknown);
        for (const partial of run.partials) {
          const shown = (partial as { values?: unknown[] }).values ?? [];
          shown.forEach((value, i) => expect(value).toBe(expected[i]));
        }
      }),
      { numRuns: 300 },
    );
  });

  const Row = t.type({ id: t.number, name: t.string });
  const Doc = t.type({ title: t.string, rows: t.array(Row) });
  const row = fc.oneof(
    fc.record({ id: fc.integer(), name: fc.string() }),
    // Some rows do not match Row: they arrive as Left, in their place.
    fc.record({ id: fc.string(), name: fc.integer() }),
    fc.record({ id: fc.integer() }),
  );

  it('items arrive once each, in order, decoded by the element codec (Right, or Left naming the field)', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.string(), chunking, (rows, title, chunkingOf) => {
        const text = JSON.stringify({ title, rows });
        const run = runJson(chunkingOf(text), Doc, { items: ['rows'] });
        expect(run.error).toBeUndefined();
        expect(run.items.map((item) => item.index)).toEqual(rows.map((_, i) => i));
        run.items.forEach((item, i) => {
          expect(item.path).toBe('rows');
          if (Row.is(rows[i])) expect(item.value).toEqual({ _tag: 'Right', right: rows[i] });
          else {
            expect(item.value._tag).toBe('Left');
            const issues = item.value._tag === 'Left' ? item.value.left.issues : [];
            expect(issues.length).toBeGreaterThan(0);
            for (const issue of issues)
              expect(issue.path).toMatch(new RegExp(`^rows\\[${i}\\]\\.(id|name)$`));
          }
        });
        // Done is the codec's verdict on the whole value, after every item.
        expect(run.done?.value._tag).toBe(rows.every((r) => Row.is(r)) ? 'Right' : 'Left');
        expect(run.events.at(-1)?.type).toBe('done');
      }),
      { numRuns: 300 },
    );
  });

  it('an item arrives in the chunk that closes it: before that chunk’s partial, after the partials before it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { minLength: 1, maxLength: 10 }),
        chunking,
        (numbers, chunkingOf) => {
          const text = JSON.stringify(numbers);
          const run = runJson(chunkingOf(text), t.array(t.number), { items: [''] });
          // Every partial shows exactly the items that arrived before it (numbers show only once complete).
          let arrived = 0;
          for (const event of run.events) {
            if (event.type === 'item') arrived++;
            if (event.type === 'partial') expect((event.value as unknown[]).length).toBe(arrived);
          }
          expect(arrived).toBe(numbers.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('text cut anywhere is IncompleteResponseError with the characters received, or (when the prefix is JSON) its value', () => {
    fc.assert(
      fc.property(jsonText, fc.nat(), chunking, (text, at, chunkingOf) => {
        const prefix = text.slice(0, at % (text.length + 1));
        const run = runJson(chunkingOf(prefix), t.unknown);
        let parsed: { value: unknown } | undefined;
        try {
          parsed = { value: JSON.parse(prefix) };
        } catch {
          parsed = undefined;
        }
        if (parsed !== undefined) {
          expect(run.error).toBeUndefined();
          expect(run.done?.value).toEqual({ _tag: 'Right', right: parsed.value });
        } else {
          // A prefix of JSON is never "not JSON": it can only be incomplete.
          expect(run.error).toBeInstanceOf(IncompleteResponseError);
          expect((run.error as IncompleteResponseError).offset).toBe(prefix.length);
          expect(run.done).toBeUndefined();
        }
      }),
      { numRuns: 400 },
    );
  });

  // Near-JSON: valid text with one character deleted, replaced or inserted, or arbitrary short strings.
  const nearJson = fc.oneof(
    fc
      .tuple(
        jsonText,
        fc.nat(),
        fc.constantFrom('delete', 'replace', 'insert'),
        fc.constantFrom(...'{}[]:,"\\ 0-.eE+tfnux1\u0001\ud800'),
      )
      .map(([text, at, edit, char]) => {
        const i = at % (text.length + 1);
        if (edit === 'delete') return text.slice(0, i) + text.slice(i + 1);
        if (edit === 'replace') return text.slice(0, i) + char + text.slice(i + 1);
        return text.slice(0, i) + char + text.slice(i);
      }),
    fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ 0123-.eE+truefalsnul\t\n') }),
  );

  it('accepts exactly what JSON.parse accepts, with the same value; otherwise a typed error with an offset in the text', () => {
    fc.assert(
      fc.property(nearJson, chunking, (text, chunkingOf) => {
        const run = runJson(chunkingOf(text), t.unknown);
        let expected: { value: unknown } | undefined;
        try {
          expected = { value: JSON.parse(text) };
        } catch {
          expected = undefined;
        }
        if (expected !== undefined) {
          expect(run.error).toBeUndefined();
          expect(run.done?.value).toEqual({ _tag: 'Right', right: expected.value });
          return;
        }
        expect(run.done).toBeUndefined();
        if (run.error instanceof InvalidResponseError) {
          const offset = run.error.offset ?? -1;
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThan(text.length);
          // Everything before the offending character is a prefix of JSON: JSON.parse fails there too.
          expect(run.error.issues).toHaveLength(1);
        } else {
          expect(run.error).toBeInstanceOf(IncompleteResponseError);
          expect((run.error as IncompleteResponseError).offset).toBe(text.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the chunking never changes the outcome: same events’ values at the end, same error and offset', () => {
    fc.assert(
      fc.property(nearJson, fc.array(fc.nat(), { maxLength: 20 }), (text, positions) => {
        const whole = runJson([text], t.unknown);
        const chunked = runJson(cut(text, positions), t.unknown);
        expect(chunked.done).toEqual(whole.done);
        expect(chunked.partials.at(-1)).toEqual(whole.partials.at(-1));
        // The same error, at the same place (a surrogate pair cut by the chunking shows as its first half).
        const summary = (error: unknown) => {
          const e = error as {
            _tag?: string;
            offset?: number;
            issues?: { path: string; expected: string }[];
          };
          return [e?._tag, e?.offset, e?.issues?.map((issue) => [issue.path, issue.expected])];
        };
        expect(summary(chunked.error)).toEqual(summary(whole.error));
      }),
      { numRuns: 500 },
    );
  });
});
