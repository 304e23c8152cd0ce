/**
 * When partials go out: per chunk, or throttled to a window of milliseconds (first at once, the latest at the end of
 * each window that saw a change, everything pending flushed before done or an error). Items go out the moment
 * they close whatever the mode.
 */
import * as t from 'io-ts';
import type { Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { streamJson, type StreamJsonEvent } from '../../src';
import { testScheduler } from '../helpers/marbles';

const chunks = { a: '[1,', b: '2,', c: '3,', d: '4]', x: 'x' };
const Numbers = t.array(t.number);
type Event = StreamJsonEvent<typeof Numbers, ''>;

/** `[frame, what]` for each notification: a partial's value, `item N`, `done`, `error <tag>`, `complete`. */
function timeline(scheduler: TestScheduler, events: Observable<Event>): [number, unknown][] {
  const seen: [number, unknown][] = [];
  events.subscribe({
    next: (event) =>
      seen.push([
        scheduler.now(),
        event.type === 'partial' ? event.value : event.type === 'item' ? `item ${event.index}` : event.type,
      ]),
    error: (error: { _tag?: string; offset?: number }) =>
      seen.push([scheduler.now(), `error ${error._tag ?? String(error)} ${error.offset ?? ''}`.trim()]),
    complete: () => seen.push([scheduler.now(), 'complete']),
  });
  return seen;
}

describe('streamJson partials (marbles)', () => {
  it("'chunk' (default): one partial per chunk, in the chunk's frame, after the chunk's items", () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions, flush }) => {
      const source = cold('-a-b-c-d|', chunks);
      const seen = timeline(scheduler, source.pipe(streamJson(Numbers, { items: [''] })));
      flush();
      expect(seen).toEqual([
        [1, 'item 0'],
        [1, [1]],
        [3, 'item 1'],
        [3, [1, 2]],
        [5, 'item 2'],
        [5, [1, 2, 3]],
        [7, 'item 3'],
        [7, [1, 2, 3, 4]],
        [8, 'done'],
        [8, 'complete'],
      ]);
      expectSubscriptions(source.subscriptions).toBe('^-------!');
    });
  });

  it('milliseconds: the first change at once, then at most one per window (the latest state), items at once', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const source = cold('-a-b-c 14ms d|', chunks);
      const seen = timeline(scheduler, source.pipe(streamJson(Numbers, { partials: 3, items: [''] })));
      flush();
      // a (1) goes out at once and opens a window to 4; b (3) goes out when it ends, opening one to 7; c (5) at 7;
      // the window to 10 sees nothing and closes; d (20) goes out at once; done at 21.
      expect(seen).toEqual([
        [1, 'item 0'],
        [1, [1]],
        [3, 'item 1'],
        [4, [1, 2]],
        [5, 'item 2'],
        [7, [1, 2, 3]],
        [20, 'item 3'],
        [20, [1, 2, 3, 4]],
        [21, 'done'],
        [21, 'complete'],
      ]);
    });
  });

  it('milliseconds on an explicit scheduler; the pending partial goes out before done', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const source = cold('-a-b-c-d|', chunks);
      const seen = timeline(scheduler, source.pipe(streamJson(Numbers, { partials: 5, scheduler })));
      flush();
      expect(seen).toEqual([
        [1, [1]],
        [6, [1, 2, 3]],
        [8, [1, 2, 3, 4]],
        [8, 'done'],
        [8, 'complete'],
      ]);
    });
  });

  it('the pending partial goes out before an error of the source or of the text', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const throttled = streamJson(Numbers, { partials: 10 });
      const sourceError = timeline(scheduler, cold('-a-b#', chunks).pipe(throttled));
      const textError = timeline(scheduler, cold('-a-bx', chunks).pipe(throttled));
      const cut = timeline(scheduler, cold('-a-b|', chunks).pipe(throttled));
      flush();
      expect(sourceError).toEqual([
        [1, [1]],
        [4, [1, 2]],
        [4, 'error error'],
      ]);
      expect(textError).toEqual([
        [1, [1]],
        [4, [1, 2]],
        [4, 'error InvalidResponseError 5'],
      ]);
      expect(cut).toEqual([
        [1, [1]],
        [4, [1, 2]],
        [4, 'error IncompleteResponseError 5'],
      ]);
    });
  });

  it('false: items and done only', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const seen = timeline(
        scheduler,
        cold('-a-b-c-d|', chunks).pipe(streamJson(Numbers, { partials: false, items: [''] })),
      );
      flush();
      expect(seen).toEqual([
        [1, 'item 0'],
        [3, 'item 1'],
        [5, 'item 2'],
        [7, 'item 3'],
        [8, 'done'],
        [8, 'complete'],
      ]);
    });
  });

  it('unsubscribing stops the window timer and unsubscribes the source', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-c-d|', chunks);
      expectObservable(source.pipe(streamJson(Numbers, { partials: 3 })), '^--!').toBe('-p-', {
        p: { type: 'partial', value: [1] },
      });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });
});
