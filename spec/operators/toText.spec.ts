import fc from 'fast-check';
import { EMPTY, from, of } from 'rxjs';
import { toText } from '../../src/operators';
import { runSync, testScheduler } from '../helpers/marbles';

describe('toText', () => {
  it('emits the whole text once, on completion', () => {
    expect(runSync(of('Hel', 'lo', ' world').pipe(toText()))).toEqual({
      values: ['Hello world'],
      error: undefined,
      completed: true,
    });
  });

  it("emits '' for an empty stream", () => {
    expect(runSync(EMPTY.pipe(toText())).values).toEqual(['']);
    expect(runSync(of('', '').pipe(toText())).values).toEqual(['']);
  });

  it('is the concatenation of the chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 30 }), (chunks) => {
        expect(runSync(from(chunks).pipe(toText())).values).toEqual([chunks.join('')]);
      }),
    );
  });

  it('emits at completion only; on error, the partial text (if any) then the error (marbles)', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-|', { a: 'Hi', b: ' there' });
      expectObservable(source.pipe(toText())).toBe('-----(x|)', { x: 'Hi there' });
      expectSubscriptions(source.subscriptions).toBe('^----!');
    });
    testScheduler().run(({ cold, expectObservable }) => {
      const source = cold('-a-#', { a: 'Hi' }, new Error('reset'));
      expectObservable(source.pipe(toText())).toBe('---(x#)', { x: 'Hi' }, new Error('reset'));
    });
    testScheduler().run(({ cold, expectObservable }) => {
      // Nothing received: no value, just the error.
      const source = cold('-a-#', { a: '' }, new Error('reset'));
      expectObservable(source.pipe(toText())).toBe('---#', undefined, new Error('reset'));
    });
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-|', { a: 'Hi', b: ' there' });
      expectObservable(source.pipe(toText()), '^--!').toBe('');
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
