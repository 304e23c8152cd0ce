import fc from 'fast-check';
import { of, Subject } from 'rxjs';
import { accumulateText } from '../../src/operators';
import { runSync, testScheduler } from '../helpers/marbles';

describe('accumulateText', () => {
  it('emits the running full text after each chunk', () => {
    expect(runSync(of('Hel', 'lo', ' world').pipe(accumulateText())).values).toEqual([
      'Hel',
      'Hello',
      'Hello world',
    ]);
  });

  it('skips empty chunks: nothing changed, nothing to render', () => {
    expect(runSync(of('', 'a', '', 'b', '').pipe(accumulateText())).values).toEqual(['a', 'ab']);
    expect(runSync(of('', '').pipe(accumulateText()))).toEqual({
      values: [],
      error: undefined,
      completed: true,
    });
  });

  it('emits growing prefixes whose last is the whole text, one per non-empty chunk', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 30 }), (chunks) => {
        const { values, completed } = runSync(of(...chunks).pipe(accumulateText()));
        expect(completed).toBe(true);
        expect(values).toHaveLength(chunks.filter((c) => c !== '').length);
        expect(values[values.length - 1] ?? '').toBe(chunks.join(''));
        values.forEach((value, i) => {
          if (i > 0) {
            expect(value.startsWith(values[i - 1]!)).toBe(true);
            expect(value.length).toBeGreaterThan(values[i - 1]!.length);
          }
        });
      }),
    );
  });

  it('passes errors and completion through, and unsubscribes from the source (marbles)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-|', { a: 'Hi', b: ' there' });
      expectObservable(source.pipe(accumulateText())).toBe('-x-y-|', { x: 'Hi', y: 'Hi there' });
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-#', { a: 'Hi' }, new Error('reset'));
      expectObservable(source.pipe(accumulateText())).toBe('-x-#', { x: 'Hi' }, new Error('reset'));
    });
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-|', { a: 'Hi', b: ' there' });
      expectObservable(source.pipe(accumulateText()), '^-!').toBe('-x-', { x: 'Hi' });
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('starts every subscription from the empty text', () => {
    const source = new Subject<string>();
    const accumulated = source.pipe(accumulateText());
    const a: string[] = [];
    const b: string[] = [];
    accumulated.subscribe((v) => a.push(v));
    source.next('one ');
    accumulated.subscribe((v) => b.push(v));
    source.next('two');
    expect(a).toEqual(['one ', 'one two']);
    expect(b).toEqual(['two']);
  });
});
