import fc from 'fast-check';
import {
  defer,
  firstValueFrom,
  of,
  skip,
  Subject,
  take,
  tap,
  type Observable,
  type Subscription,
} from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { createAivvm } from '../../src';
import { shareText } from '../../src/operators';
import { startAivvmServer } from '../../src/testing';
import { collect } from '../helpers/collect';
import { testScheduler } from '../helpers/marbles';

const words = { a: 'He', b: 'llo', c: ' wor', d: 'ld' };

describe('shareText', () => {
  describe('reference counting (marbles)', () => {
    it('connects when the first subscriber subscribes and disconnects when the last unsubscribes', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--a--b--c--d--|', words);
        const shared = source.pipe(shareText());
        expectObservable(shared, '^------!').toBe('--a--b-', words);
        // Arrives after 'He': gets it as one emission, then the live chunks.
        expectObservable(shared, '---^---------!').toBe('---a-b--c--d-', words);
        expectSubscriptions(source.subscriptions).toBe('^------------!');
      });
    });

    it('a subscriber arriving later receives the text so far as one emission, then the live chunks', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const shared = cold('--a--b--c--d--|', words).pipe(shareText());
        expectObservable(shared).toBe('--a--b--c--d--|', words);
        expectObservable(shared, '---------^').toBe('---------x-d--|', { ...words, x: 'Hello wor' });
      });
    });

    it('after completion, a late subscriber receives the whole text, then completes: no new subscription', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--a--b--c--d--|', words);
        const shared = source.pipe(shareText());
        expectObservable(shared).toBe('--a--b--c--d--|', words);
        expectObservable(shared, '--------------------^').toBe('--------------------(x|)', {
          x: 'Hello world',
        });
        expectSubscriptions(source.subscriptions).toBe('^-------------!');
      });
    });

    it('an empty text completes a late subscriber without an empty emission', () => {
      testScheduler().run(({ cold, expectObservable }) => {
        const shared = cold('--|').pipe(shareText());
        expectObservable(shared).toBe('--|');
        expectObservable(shared, '----^').toBe('----|');
      });
    });

    it('after an error, a late subscriber receives the text so far, then the error (resetOnError: false)', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const failure = new Error('connection reset');
        const source = cold('--a--b--#', words, failure);
        const shared = source.pipe(shareText());
        expectObservable(shared).toBe('--a--b--#', words, failure);
        expectObservable(shared, '-----------^').toBe('-----------(x#)', { x: 'Hello' }, failure);
        expectSubscriptions(source.subscriptions).toBe('^-------!');
      });
    });

    it('resetOnError: true starts the source again for a subscriber after the error', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const failure = new Error('connection reset');
        const source = cold('--a--#', words, failure);
        const shared = source.pipe(shareText({ resetOnError: true }));
        expectObservable(shared).toBe('--a--#', words, failure);
        expectObservable(shared, '--------^').toBe('----------a--#', words, failure);
        expectSubscriptions(source.subscriptions).toBe(['^----!', '--------^----!']);
      });
    });

    it('resetOnComplete: true starts the source again for a subscriber after completion', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--a|', words);
        const shared = source.pipe(shareText({ resetOnComplete: true }));
        expectObservable(shared).toBe('--a|', words);
        expectObservable(shared, '------^').toBe('--------a|', words);
        expectSubscriptions(source.subscriptions).toBe(['^--!', '------^--!']);
      });
    });

    it('starts over (a new subscription, no stale text) after the last subscriber left', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--a--b--c--d--|', words);
        const shared = source.pipe(shareText());
        expectObservable(shared, '^----!').toBe('--a--', words);
        expectObservable(shared, '--------^').toBe('----------a--b--c--d--|', words);
        expectSubscriptions(source.subscriptions).toBe(['^----!', '--------^-------------!']);
      });
    });

    it('resetOnRefCountZero: false keeps the source running with no subscriber', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--a--b--c--d--|', words);
        const shared = source.pipe(shareText({ resetOnRefCountZero: false }));
        expectObservable(shared, '^---!').toBe('--a--', words);
        expectObservable(shared, '-------^').toBe('-------xc--d--|', { ...words, x: 'Hello' });
        expectSubscriptions(source.subscriptions).toBe('^-------------!');
      });
    });

    it('a grace period in ms keeps the source for a subscriber arriving within it, and then lets go', () => {
      testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold('--a--b--c--d--|', words);
        const shared = source.pipe(shareText({ resetOnRefCountZero: 3 }));
        // Leaves at 3, back at 4 (within 3 ms): same source. Leaves at 9, nobody by 12: unsubscribed.
        expectObservable(shared, '^--!').toBe('--a', words);
        expectObservable(shared, '----^----!').toBe('----ab--c-', words);
        expectSubscriptions(source.subscriptions).toBe('^-----------!');
      });
    });

    it('a notifier factory decides when to let go, as in rxjs share', () => {
      testScheduler().run(({ cold, hot, expectSubscriptions }) => {
        const source = cold('--a--b--c--d--|', words);
        const release = hot('--------x');
        const shared = source.pipe(shareText({ resetOnRefCountZero: () => release }));
        shared.pipe(take(1)).subscribe();
        expectSubscriptions(source.subscriptions).toBe('^-------!');
      });
    });

    it('rejects a negative or infinite grace period', () => {
      expect(() => shareText({ resetOnRefCountZero: -1 })).toThrow(/resetOnRefCountZero must be .* got -1/);
      expect(() => shareText({ resetOnRefCountZero: Infinity })).toThrow(RangeError);
    });
  });

  describe('synchronous and re-entrant sources', () => {
    it('a synchronous source stops producing when its only subscriber takes what it needs', () => {
      const produced: string[] = [];
      const shared = of('a', 'b', 'c', 'd').pipe(
        tap((chunk) => produced.push(chunk)),
        shareText(),
      );
      const got: string[] = [];
      shared.pipe(take(2)).subscribe((chunk) => got.push(chunk));
      expect(got).toEqual(['a', 'b']);
      expect(produced).toEqual(['a', 'b']);
    });

    it('a synchronous source is run once; a later subscriber gets the whole text, then completes', () => {
      let subscriptions = 0;
      const shared = defer(() => {
        subscriptions++;
        return of('Hel', 'lo');
      }).pipe(shareText());
      const first: string[] = [];
      shared.subscribe((chunk) => first.push(chunk));
      const second: string[] = [];
      let completed = false;
      shared.subscribe({ next: (chunk) => second.push(chunk), complete: () => (completed = true) });
      expect(first).toEqual(['Hel', 'lo']);
      expect(second).toEqual(['Hello']);
      expect(completed).toBe(true);
      expect(subscriptions).toBe(1);
    });

    it('a subscription made inside a subscriber’s next joins the same connection, without gap or duplicate', () => {
      let subscriptions = 0;
      const source = new Subject<string>();
      const shared = defer(() => {
        subscriptions++;
        return source;
      }).pipe(shareText());
      const inner: string[] = [];
      const outer: string[] = [];
      shared.subscribe((chunk) => {
        outer.push(chunk);
        if (outer.length === 1) shared.subscribe((c) => inner.push(c));
      });
      source.next('a');
      source.next('b');
      expect(outer).toEqual(['a', 'b']);
      expect(inner).toEqual(['a', 'b']);
      expect(subscriptions).toBe(1);
    });

    it('text arriving while a late subscriber receives its catch-up emission is not lost (re-entrant source)', () => {
      const source = new Subject<string>();
      const shared = source.pipe(shareText());
      const first: string[] = [];
      shared.subscribe((chunk) => first.push(chunk));
      source.next('Hel');
      const late: string[] = [];
      shared.subscribe((chunk) => {
        late.push(chunk);
        // The late subscriber's handler makes the source emit before it joined the live chunks.
        if (late.length === 1) source.next('lo');
      });
      source.next('!');
      expect(first).toEqual(['Hel', 'lo', '!']);
      expect(late).toEqual(['Hel', 'lo', '!']);
    });

    it('a late subscriber that unsubscribes during its catch-up emission receives nothing more', () => {
      const source = new Subject<string>();
      const shared = source.pipe(shareText());
      shared.subscribe();
      source.next('Hello');
      const late: string[] = [];
      shared.pipe(take(1)).subscribe((chunk) => late.push(chunk));
      source.next(' world');
      expect(late).toEqual(['Hello']);
    });
  });

  describe('property: whatever the timing, each subscriber receives the text from the start, gap-free', () => {
    const arbitraryRun = fc.record({
      chunks: fc.array(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 4 }), { maxLength: 12 }),
      gaps: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 13, maxLength: 13 }),
      fails: fc.boolean(),
      reset: fc.constantFrom<boolean | number>(true, false, 2),
      subscribers: fc.array(
        fc.record({ at: fc.integer({ min: 0, max: 40 }), stay: fc.option(fc.integer({ min: 0, max: 20 })) }),
        { minLength: 1, maxLength: 5 },
      ),
    });

    it('concatenating what a subscriber received gives a prefix of the text, the whole text if it stayed', () => {
      fc.assert(
        fc.property(arbitraryRun, ({ chunks, gaps, fails, reset, subscribers }) => {
          const text = chunks.join('');
          const failure = new Error('cut');
          const scheduler = new TestScheduler(() => undefined);
          scheduler.run(({ cold }) => {
            // e.g. '-a--b-c|' with one letter per chunk.
            const letters: Record<string, string> = {};
            let marble = '';
            chunks.forEach((chunk, i) => {
              const key = String.fromCharCode(97 + i);
              letters[key] = chunk;
              marble += '-'.repeat(gaps[i] ?? 0) + key;
            });
            marble += '-'.repeat(gaps[chunks.length] ?? 0) + (fails ? '#' : '|');
            const shared = cold(marble, letters, failure).pipe(shareText({ resetOnRefCountZero: reset }));
            const results = subscribers.map(() => ({
              received: '',
              ended: false,
              error: undefined as unknown,
            }));
            subscribers.forEach(({ at, stay }, i) => {
              const result = results[i]!;
              let subscription: Subscription | undefined;
              scheduler.schedule(() => {
                subscription = shared.subscribe({
                  next: (chunk) => (result.received += chunk),
                  error: (error: unknown) => {
                    result.error = error;
                    result.ended = true;
                  },
                  complete: () => (result.ended = true),
                });
              }, at);
              if (stay !== null) scheduler.schedule(() => subscription?.unsubscribe(), at + stay);
            });
            scheduler.flush();
            for (const result of results) {
              expect(text.startsWith(result.received)).toBe(true);
              if (result.ended) {
                expect(result.received).toBe(text);
                expect(result.error).toBe(fails ? failure : undefined);
              }
            }
            // Whoever stayed to the end saw the end.
            subscribers.forEach(({ stay }, i) => {
              if (stay === null) expect(results[i]!.ended).toBe(true);
            });
          });
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('against the local server', () => {
    const hello = [{ role: 'user', content: 'Hello' }] as const;

    it('sends one request for any number of subscribers, each of which gets the whole answer', async () => {
      const answer = 'Один ответ для всех 👨‍👩‍👧‍👦, shared by every subscriber.';
      const server = await startAivvmServer({ reply: { text: answer, chunkSize: 4, chunkDelayMs: 5 } });
      try {
        const shared = createAivvm({ baseURL: server.url })
          .createCompletion(null, hello, true)
          .pipe(shareText());
        const first = collect(shared);
        // The others arrive once four chunks have arrived: they catch up first.
        await firstValueFrom(shared.pipe(skip(3)));
        const others = await Promise.all([collect(shared), collect(shared), collect(shared)]);
        for (const result of [await first, ...others]) {
          expect(result.completed).toBe(true);
          expect(result.values.join('')).toBe(answer);
        }
        expect(others[0]!.values[0]!.length).toBeGreaterThan(4); // the catch-up, in one emission
        expect(server.requests).toHaveLength(1);
      } finally {
        await server.close();
      }
    });

    it('aborts the request when the last subscriber unsubscribes: the server sees its socket close', async () => {
      const server = await startAivvmServer({
        reply: { text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 },
      });
      try {
        const next = server.nextRequest();
        const shared: Observable<string> = createAivvm({ baseURL: server.url })
          .createCompletion(null, hello, true)
          .pipe(shareText());
        let chunks = 0;
        let wanted = Infinity;
        let onChunks: () => void = () => undefined;
        const a = shared.subscribe();
        const b = shared.subscribe(() => {
          if (++chunks >= wanted) onChunks();
        });
        const request = await next;
        await firstValueFrom(shared);
        a.unsubscribe();
        // One subscriber left: the answer keeps flowing to it over the same request.
        await new Promise<void>((resolve) => {
          wanted = chunks + 3;
          onChunks = resolve;
        });
        b.unsubscribe();
        await request.socketClosed;
        expect(server.requests).toHaveLength(1);
      } finally {
        await server.close();
      }
    });
  });
});
