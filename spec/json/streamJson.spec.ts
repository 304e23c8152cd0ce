import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { finalize, from, of, Subject, throwError, concat } from 'rxjs';
import {
  IncompleteResponseError,
  InvalidResponseError,
  NetworkError,
  streamJson,
  type StreamJsonEvent,
} from '../../src';
import { runSync } from '../helpers/marbles';
import { runJson } from './jsonHelpers';

const Row = t.type({ name: t.string, price: t.number });
const Doc = t.type({ title: t.string, rows: t.array(Row) });

describe('streamJson', () => {
  it('emits partials as the value grows, each row as it closes, then the decoded whole', () => {
    const chunks = [
      '{"title":"Pri',
      'ces","rows":[{"name":"tea","price":3}',
      ',{"name":"cake","price":"4"}]}',
    ];
    const { values, error } = runSync(from(chunks).pipe(streamJson(Doc, { items: ['rows'] })));
    expect(error).toBeUndefined();
    expect(summarize(values)).toEqual([
      ['partial', { title: 'Pri' }],
      ['item', 'rows', 0, E.right({ name: 'tea', price: 3 })],
      ['partial', { title: 'Prices', rows: [{ name: 'tea', price: 3 }] }],
      ['item', 'rows', 1, 'Left'],
      [
        'partial',
        {
          title: 'Prices',
          rows: [
            { name: 'tea', price: 3 },
            { name: 'cake', price: '4' },
          ],
        },
      ],
      ['done', 'Left'],
    ]);
    const bad = values.find((event) => event.type === 'item' && event.index === 1);
    const left = bad?.type === 'item' && E.isLeft(bad.value) ? bad.value.left : undefined;
    expect(left).toBeInstanceOf(InvalidResponseError);
    expect(left?.issues).toEqual([{ path: 'rows[1].price', expected: 'a number', actual: '"4"' }]);
    expect(left?.message).toBe(
      'rows[1] does not match { name: string, price: number }:\n  rows[1].price: expected a number, got "4"',
    );

    function summarize(list: StreamJsonEvent<typeof Doc, 'rows'>[]): unknown[] {
      return list.map((event) =>
        event.type === 'partial'
          ? ['partial', event.value]
          : event.type === 'item'
            ? ['item', event.path, event.index, E.isRight(event.value) ? event.value : 'Left']
            : ['done', E.isRight(event.value) ? event.value : 'Left'],
      );
    }
  });

  it('done is Right with the decoded value when it matches, Left naming every wrong field otherwise', () => {
    const good = runJson(['{"title":"x","rows":[]}'], Doc);
    expect(good.done?.value).toEqual(E.right({ title: 'x', rows: [] }));
    const bad = runJson(['{"title":1,"rows":[{"name":"a"}]}'], Doc);
    const left = bad.done !== undefined && E.isLeft(bad.done.value) ? bad.done.value.left : undefined;
    expect(left?.issues.map((issue) => [issue.path, issue.expected])).toEqual([
      ['title', 'a string'],
      ['rows[0].price', 'a number'],
    ]);
    expect(left?.message).toMatch(/^the JSON value does not match \{ title: string, rows: Array<.*> \}:/);
  });

  describe('partial values', () => {
    const shown = (chunks: string[]) => runJson(chunks, t.unknown).partials;

    it('show a key once its value has started: a string at once, a container when it opens', () => {
      expect(shown(['{"a":', '"', 'x', 'y"', ',"b":', '[', '{', '}]}'])).toEqual([
        {},
        { a: '' },
        { a: 'x' },
        { a: 'xy' },
        { a: 'xy', b: [] },
        { a: 'xy', b: [{}] },
        // '}]}' closes what the partial before showed whole: no new, equal partial.
      ]);
    });

    it('show a number, true, false and null only once complete (the next character ends a number)', () => {
      expect(shown(['[1', '2', '3', ',tr', 'ue', ',n', 'ull,-', '0.5e', '2]'])).toEqual([
        [],
        [123],
        [123, true],
        [123, true, null],
        [123, true, null, -50],
      ]);
      // A number at the root completes when the text ends.
      expect(shown(['4', '2'])).toEqual([42]);
    });

    it('are frozen new values sharing every closed part; an earlier partial is never changed', () => {
      const partials = shown(['{"rows":[{"n":1}', ',{"n":2}', ',{"n":3', '}],"more":"te', 'xt"}']) as {
        rows: { n: number }[];
      }[];
      expect(partials).toHaveLength(5);
      const [first, second, third] = partials as [
        (typeof partials)[0],
        (typeof partials)[0],
        (typeof partials)[0],
      ];
      expect(Object.isFrozen(first)).toBe(true);
      expect(Object.isFrozen(first.rows)).toBe(true);
      expect(first).toEqual({ rows: [{ n: 1 }] });
      // The closed row is the same object in every later partial; the containers around it are new.
      expect(second.rows[0]).toBe(first.rows[0]);
      expect(third.rows[0]).toBe(first.rows[0]);
      expect(third.rows[1]).toBe(second.rows[1]);
      expect(second).not.toBe(first);
      expect(second.rows).not.toBe(first.rows);
      // The open row {"n":3 was shown as {} (its number not yet complete).
      expect(third.rows[2]).toEqual({});
      // The closed rows array is shared once "more" streams.
      const [, , , fourth, fifth] = partials as { rows: unknown; more: string }[];
      expect(fifth?.rows).toBe(fourth?.rows);
      expect(fourth?.more).toBe('te');
    });

    it('never end in half a surrogate pair: the high half waits for its pair', () => {
      expect(shown(['["a\ud83d', '\ude00b"]'])).toEqual([['a'], ['a😀b']]);
      expect(shown(['["a\\ud83d', '\\ude00"]'])).toEqual([['a'], ['a😀']]);
    });

    it('are one per chunk at most, and none for a chunk of whitespace, or inside a number', () => {
      const chunks = ['[', ' ', '1', '2', ' ', ',', '"', '"', ']', ' \n'];
      // '[' opens, ' ' ends 12, '"' starts a string; closing it, then the array, shows nothing new.
      expect(shown(chunks)).toEqual([[], [12], [12, '']]);
    });

    it('are not emitted with partials: false (items and done only, plain values as JSON.parse makes)', () => {
      const run = runJson(['[{"n":1},', '{"n":2}]'], t.array(t.type({ n: t.number })), {
        items: [''],
        partials: false,
      });
      expect(run.events.map((event) => event.type)).toEqual(['item', 'item', 'done']);
      expect(Object.isFrozen(run.done?.value._tag === 'Right' ? run.done.value.right : undefined)).toBe(
        false,
      );
      // With partials, items and done share the partials' frozen parts.
      const shared = runJson(['[{"n":1}]'], t.array(t.type({ n: t.number })), { items: [''] });
      const item = shared.items[0]?.value;
      expect(item?._tag === 'Right' && Object.isFrozen(item.right)).toBe(true);
      expect(item?._tag === 'Right' && item.right).toBe((shared.partials.at(-1) as unknown[])[0]);
    });

    it('keep JSON.parse semantics: "__proto__" is a plain key; a repeated key keeps its last value', () => {
      const run = runJson(['{"__proto__":{"x":1},"a":1,"a":2}'], t.unknown);
      const value = run.partials.at(-1) as Record<string, unknown>;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__', 'a']);
      expect(value).toEqual(JSON.parse('{"__proto__":{"x":1},"a":1,"a":2}'));
    });
  });

  describe('items', () => {
    it('of a root array (path ""), of nested paths, several paths at once, primitives too', () => {
      const Nested = t.type({ data: t.type({ rows: t.array(t.number), tags: t.array(t.string) }) });
      const run = runJson(['{"data":{"rows":[1,2],"tags":["a"]}}'], Nested, {
        items: ['data.rows', 'data.tags'],
      });
      expect(run.items.map((item) => [item.path, item.index, item.value])).toEqual([
        ['data.rows', 0, E.right(1)],
        ['data.rows', 1, E.right(2)],
        ['data.tags', 0, E.right('a')],
      ]);
      const root = runJson(['[3,"x"]'], t.array(t.number), { items: [''] });
      expect(root.items.map((item) => item.value._tag)).toEqual(['Right', 'Left']);
      const left = root.items[1]?.value;
      expect(left !== undefined && E.isLeft(left) ? left.left.issues[0]?.path : '').toBe('[1]');
    });

    it('are typed by their path', () => {
      const Nested = t.type({ rows: t.array(t.type({ id: t.number })), tags: t.readonlyArray(t.string) });
      const run = runJson(['{"rows":[{"id":7}],"tags":["x"]}'], Nested, { items: ['rows', 'tags'] });
      const seen: string[] = [];
      for (const item of run.items) {
        if (E.isLeft(item.value)) continue;
        // The compiler narrows the element type by the path.
        if (item.path === 'rows') seen.push(item.value.right.id.toFixed(1));
        else seen.push(item.value.right.toUpperCase());
      }
      expect(seen).toEqual(['7.0', 'X']);
      // Paths known only at run time: the elements are unknown.
      const paths: string[] = ['rows'];
      const dynamic = runJson(['{"rows":[{"id":7}],"tags":[]}'], Nested, { items: paths });
      type Element = Extract<(typeof dynamic.items)[number]['value'], { _tag: 'Right' }>['right'];
      const elementIsUnknown: unknown extends Element ? true : false = true; // a compile error if it were never
      expect(elementIsUnknown).toBe(true);
      expect(dynamic.items[0]?.value).toEqual(E.right({ id: 7 }));
    });

    it('only come from arrays: an object where the codec has an array gives none, and done says why', () => {
      const run = runJson(['{"title":"t","rows":{"0":{"name":"a","price":1}}}'], Doc, { items: ['rows'] });
      expect(run.items).toEqual([]);
      expect(run.done?.value._tag).toBe('Left');
    });

    it('are found through the codecs io-ts builds objects and arrays with', () => {
      const Item = t.type({ id: t.number });
      type Positive = t.Branded<number, { readonly Positive: unique symbol }>;
      const Positive = t.brand(t.number, (n): n is Positive => n > 0, 'Positive');
      interface Tree {
        readonly children: readonly Tree[];
      }
      const Tree: t.Type<Tree> = t.recursion('Tree', () => t.type({ children: t.readonlyArray(Tree) }));
      const cases: [t.Mixed, string, string][] = [
        [t.partial({ a: t.array(Item) }), 'a', '{"a":[{"id":1}]}'],
        [t.strict({ a: t.array(Item) }), 'a', '{"a":[{"id":1}]}'],
        [t.exact(t.type({ a: t.array(Item) })), 'a', '{"a":[{"id":1}]}'],
        [t.readonly(t.type({ a: t.readonly(t.array(Item)) })), 'a', '{"a":[{"id":1}]}'],
        [
          t.intersection([t.type({ x: t.string }), t.partial({ a: t.array(Item) })]),
          'a',
          '{"x":"","a":[{"id":1}]}',
        ],
        [t.union([t.null, t.type({ a: t.array(Item) })]), 'a', '{"a":[{"id":1}]}'],
        [t.refinement(t.type({ a: t.array(Item) }), () => true, 'Checked'), 'a', '{"a":[{"id":1}]}'],
        [t.record(t.string, t.array(Item)), 'anyKey', '{"anyKey":[{"id":1}]}'],
        [t.type({ a: t.array(Positive) }), 'a', '{"a":[1]}'],
        [Tree, 'children', '{"children":[{"children":[]}]}'],
      ];
      for (const [codec, path, text] of cases) {
        const run = runJson([text], codec, { items: [path] });
        expect([codec.name, run.items.map((item) => item.value._tag)]).toEqual([codec.name, ['Right']]);
      }
      // Two intersection members naming the field: the element must satisfy both.
      const Both = t.intersection([
        t.type({ a: t.array(t.type({ x: t.number })) }),
        t.type({ a: t.array(t.type({ y: t.number })) }),
      ]);
      const both = runJson(['{"a":[{"x":1,"y":2},{"x":1}]}'], Both, { items: ['a'] });
      expect(both.items.map((item) => item.value._tag)).toEqual(['Right', 'Left']);
    });

    it('a path that does not lead to an array codec throws a RangeError at once, naming the path and why', () => {
      const attempt = (codec: t.Mixed, items: string[]) => () => streamJson(codec, { items });
      expect(attempt(Doc, ['cols'])).toThrow(
        'streamJson: options.items[0] = "cols" does not lead to an array in { title: string, rows: Array<{ name: string, price: number }> }: at (root): { title: string, rows: Array<{ name: string, price: number }> } has no field "cols".',
      );
      expect(attempt(Doc, ['title'])).toThrow(
        'at title: string is not an array codec (t.array or t.readonlyArray)',
      );
      expect(attempt(Doc, ['rows.name'])).toThrow('at rows: cannot look inside Array<');
      expect(attempt(Doc, ['rows.'])).toThrow('no empty segment');
      expect(attempt(t.tuple([t.array(t.number)]), ['0'])).toThrow(
        'cannot look inside [Array<number>] (TupleType)',
      );
      expect(
        attempt(t.union([t.type({ a: t.array(t.number) }), t.type({ a: t.array(t.string) })]), ['a']),
      ).toThrow('2 members of');
      expect(attempt(t.string, [''])).toThrow('string is not an array codec');
      expect(() => streamJson(Doc, { items: 'rows' } as never)).toThrow(RangeError);
    });
  });

  describe('options', () => {
    it('are checked at once: unknown names, partials, lenient', () => {
      expect(() => streamJson(Doc, { partial: 'chunk' } as never)).toThrow(
        'streamJson: unknown option "partial"; the options are items, partials, lenient, scheduler.',
      );
      expect(() => streamJson(Doc, { partials: 0 })).toThrow("partials must be 'chunk', false or a number");
      expect(() => streamJson(Doc, { partials: true } as never)).toThrow(RangeError);
      expect(() => streamJson(Doc, { partials: Infinity })).toThrow(RangeError);
      expect(() => streamJson(Doc, { lenient: 'yes' } as never)).toThrow(
        'lenient must be a boolean, got "yes"',
      );
      expect(() => streamJson(Doc, null as never)).toThrow(RangeError);
      expect(() => streamJson(Doc, { scheduler: {} as never })).toThrow(
        'scheduler must be an RxJS scheduler',
      );
      expect(() => streamJson({ name: 'Doc' } as never)).toThrow('the codec must be an io-ts codec');
    });
  });

  describe('text that is not one JSON value', () => {
    it('fails with InvalidResponseError at the offending character, after the partials before it', () => {
      const run = runJson(['{"rows":[{"price":12', 'x'], t.unknown);
      expect(run.partials).toEqual([{ rows: [{}] }, { rows: [{ price: 12 }] }]);
      expect(run.error).toBeInstanceOf(InvalidResponseError);
      const error = run.error as InvalidResponseError;
      expect(error.offset).toBe(20);
      expect(error.issues).toEqual([{ path: 'rows[0]', expected: '"," or "}"', actual: '"x"' }]);
      expect(error.message).toBe(
        'invalid JSON at character 20 (the partial values before it were delivered):\n  rows[0]: expected "," or "}", got "x"',
      );
    });

    it('names the place: a bad value in a field, a key, an escape, a control character', () => {
      const issue = (text: string) => {
        const error = runJson([text], t.unknown).error as InvalidResponseError;
        return [error.offset, error.issues[0]?.path, error.issues[0]?.expected];
      };
      expect(issue('{"a":[1,2,}')).toEqual([10, 'a[2]', 'a JSON value']);
      expect(issue('{"a":1,"b" 2}')).toEqual([11, 'b', '":"']);
      expect(issue("{'a':1}")).toEqual([1, '(root)', 'a key (a string in double quotes) or "}"']);
      expect(issue('{"a":"x\\q"}')).toEqual([
        8,
        'a',
        'an escape: one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
      ]);
      expect(issue('{"a":"\\u12G4"}')).toEqual([10, 'a', 'a hexadecimal digit (\\u takes four)']);
      expect(issue('["line\nbreak"]')).toEqual([6, '[0]', expect.stringContaining('control character')]);
      expect(issue('[NaN]')).toEqual([1, '[0]', 'a JSON value or "]"']);
      expect(issue('[-]')).toEqual([2, '[0]', 'a digit']);
      expect(issue('[1.]')).toEqual([3, '[0]', 'a digit']);
      expect(issue('[tru]')).toEqual([4, '[0]', '"e" (of true)']);
      expect(issue('{"a":1} {"b":2}')).toEqual([
        8,
        '(root)',
        'the end of the text: only whitespace may follow the JSON value',
      ]);
      expect(issue('Sure! {"a":1}')).toEqual([0, '(root)', 'a JSON value']);
      expect(issue('\ufeff{}')).toEqual([0, '(root)', 'a JSON value']);
    });

    it('ends early: IncompleteResponseError with the characters received and what was left open', () => {
      const error = (chunks: string[]) => runJson(chunks, t.unknown).error as IncompleteResponseError;
      const cut = error(['{"rows":[{"name":"te']);
      expect(cut).toBeInstanceOf(IncompleteResponseError);
      expect(cut.offset).toBe(20);
      expect(cut.url).toBe('');
      expect(cut.message).toBe(
        'incomplete JSON: the text ended after 20 characters inside a string at rows[0].name; the partial values ' +
          'up to there were delivered. The answer was cut (a length limit, or a connection closed early): retry, or ' +
          'allow longer answers.',
      );
      expect(error(['']).message).toContain('after 0 characters before a JSON value started');
      expect(error([' \n ']).offset).toBe(3);
      expect(error(['{"a":[1,']).message).toContain('inside an array at a (2 still open)');
      // A number cut by the end of the text is not taken as complete: only a number at the root is.
      expect(error(['{"a":[1,2']).message).toContain('inside a number at a[1]');
      expect(error(['{"a"']).message).toContain('after the key "a"');
      expect(error(['{"a":fal']).message).toContain('inside the literal false at a');
      expect(error(['{"a":-']).message).toContain('inside a number at a');
      expect(error(['{"a":1e']).message).toContain('inside a number at a');
      expect(error(['{"k']).message).toContain('inside a key of the object at (root)');
    });

    it('accepts whitespace around the value, and nothing else unless lenient', () => {
      expect(runJson([' \t\r\n {"a":1} \n', ' \r\n\t'], t.unknown).done?.value).toEqual(E.right({ a: 1 }));
      expect(runJson(['{"a":1}\n```'], t.unknown).error).toBeInstanceOf(InvalidResponseError);
    });
  });

  describe('lenient', () => {
    const lenient = (chunks: string[]) => runJson(chunks, t.unknown, { lenient: true });

    it('skips prose and a ``` fence before the JSON, and whatever follows it', () => {
      const fenced = lenient(['Here it is:\n``', '`json\n{"a":[1,', '2]}\n```\nAnything ', 'else {"b":1}']);
      expect(fenced.error).toBeUndefined();
      expect(fenced.done?.value).toEqual(E.right({ a: [1, 2] }));
      expect(fenced.partials).toEqual([{ a: [1] }, { a: [1, 2] }]);
      const prose = lenient(['The list: [1, ', '2] — as asked.']);
      expect(prose.done?.value).toEqual(E.right([1, 2]));
      const bare = lenient(['```\n"text"\n```']);
      expect(bare.done?.value).toEqual(E.right('text'));
    });

    it('still fails on JSON that is wrong or cut, and when no JSON starts at all', () => {
      expect(lenient(['Sure: {"a": 1,}']).error).toBeInstanceOf(InvalidResponseError);
      expect((lenient(['Sure: {"a": 1,}']).error as InvalidResponseError).offset).toBe(14);
      expect(lenient(['Sure: {"a": 1']).error).toBeInstanceOf(IncompleteResponseError);
      const none = lenient(['I cannot answer that.']).error as IncompleteResponseError;
      expect(none).toBeInstanceOf(IncompleteResponseError);
      expect(none.message).toContain(
        'before a JSON value started (lenient: looked for "{", "[" or a ``` fence)',
      );
    });
  });

  describe('as an operator', () => {
    it('forwards a source error after the partials and items so far', () => {
      const failure = new NetworkError('reset', 'ECONNRESET', 10);
      const source = concat(
        of('[{"n":1},{"n"'),
        throwError(() => failure),
      );
      const { values, error } = runSync(source.pipe(streamJson(t.array(t.unknown), { items: [''] })));
      expect(values.map((event) => event.type)).toEqual(['item', 'partial']);
      expect(error).toBe(failure);
    });

    it('fails with a TypeError for chunks that are not strings', () => {
      const { error } = runSync(of(new Uint8Array([123]) as unknown as string).pipe(streamJson(t.unknown)));
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toContain('Pipe bytes through decodeText() first');
    });

    it('fails with what a throwing codec throws', () => {
      const boom = new Error('boom');
      const Throwing = new t.Type<unknown>(
        'Throwing',
        (_u): _u is unknown => true,
        () => {
          throw boom;
        },
        (a) => a,
      );
      expect(runJson(['[1]'], t.array(Throwing), { items: [''] }).error).toBe(boom);
      expect(runJson(['1'], Throwing).error).toBe(boom);
    });

    it('is cold: each subscription parses on its own', () => {
      const parsed = from(['[1,', '2]']).pipe(streamJson(t.unknown));
      const first = runSync(parsed).values;
      const second = runSync(parsed).values;
      expect(second).toEqual(first);
      expect(second[0]?.value).not.toBe(first[0]?.value);
    });

    it('unsubscribing unsubscribes the source', () => {
      const text = new Subject<string>();
      let finalized = 0;
      const seen: unknown[] = [];
      const subscription = text
        .pipe(
          finalize(() => finalized++),
          streamJson(t.unknown, { partials: 10 }),
        )
        .subscribe((event) => seen.push(event.value));
      text.next('[1,');
      subscription.unsubscribe();
      expect(finalized).toBe(1);
      expect(text.observed).toBe(false);
      expect(seen).toEqual([[1]]);
    });
  });
});
