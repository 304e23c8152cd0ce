import fc from 'fast-check';
import { concat, Observable, of, throwError, VirtualTimeScheduler } from 'rxjs';
import { InvalidResponseError, NetworkError } from '../../src/errors';
import { resumeEvents, type ResumeOptions } from '../../src/relay/resumeEvents';
import { testScheduler } from '../helpers/marbles';

interface Frame {
  readonly id: number;
  readonly last?: true;
}

const drop = new NetworkError('socket hang up', 'ECONNRESET', 10);
const gaveUp = (error: unknown, lastEventId: number) => ({ gaveUp: error ?? 'ended early', lastEventId });

function options(overrides: Partial<ResumeOptions<Frame>> = {}): ResumeOptions<Frame> {
  return {
    attempts: 3,
    initialDelayMs: 10,
    maxDelayMs: 40,
    isLast: (frame) => frame.last === true,
    isDrop: (error) => error instanceof NetworkError,
    giveUp: gaveUp,
    ...overrides,
  };
}

const f = (id: number, last?: true): Frame => (last ? { id, last } : { id });

describe('resumeEvents (virtual time)', () => {
  it('reconnects after a drop with the last id delivered, after the initial delay, and completes at the last event', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-a-b-#', { a: f(1), b: f(2) }, drop);
      const second = cold('-c-(d|)', { c: f(3), d: f(4, true) });
      const connections = [first, second];
      const events$ = resumeEvents(() => connections.shift() as Observable<Frame>, options());
      // Dropped at 5, reconnected at 5 + 10 ms, its events from one frame later.
      expectObservable(events$).toBe('-a-b' + '-'.repeat(12) + 'c-(d|)', {
        a: f(1),
        b: f(2),
        c: f(3),
        d: f(4, true),
      });
      expectSubscriptions(first.subscriptions).toBe('^----!');
      expectSubscriptions(second.subscriptions).toBe('-'.repeat(15) + '^--!');
    });
  });

  it('asks each reconnect for the events after the last one delivered', () => {
    const asked: number[] = [];
    testScheduler().run(({ cold, expectObservable }) => {
      const connections = [
        cold('ab#', { a: f(1), b: f(2) }, drop),
        cold('|'), // ended before the last event, nothing new: a drop too
        cold('c#', { c: f(3) }, drop),
        cold('(d|)', { d: f(4, true) }),
      ];
      const events$ = resumeEvents((last) => {
        asked.push(last);
        return connections.shift() as Observable<Frame>;
      }, options());
      // 2: drop → 10 ms; 12: ended → 20 ms (second in a row); 32: c then drop → 10 ms again (c was progress).
      expectObservable(events$).toBe('ab' + '-'.repeat(30) + 'c' + '-'.repeat(10) + '(d|)', {
        a: f(1),
        b: f(2),
        c: f(3),
        d: f(4, true),
      });
    });
    expect(asked).toEqual([0, 2, 2, 3]);
  });

  it('skips events a reconnect repeats, so each is delivered exactly once', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const connections = [
        cold('ab#', { a: f(1), b: f(2) }, drop),
        cold('abc(d|)', { a: f(1), b: f(2), c: f(3), d: f(4, true) }),
      ];
      const events$ = resumeEvents(() => connections.shift() as Observable<Frame>, options());
      expectObservable(events$).toBe('ab' + '-'.repeat(10) + '--c(d|)', {
        a: f(1),
        b: f(2),
        c: f(3),
        d: f(4, true),
      });
    });
  });

  it('backs off 10, 20, 40, 40 ms and gives up after `attempts` reconnects in a row without a new event', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const connect = () => cold<Frame>('#', undefined, drop);
      const events$ = resumeEvents(connect, options({ attempts: 4 }));
      // Attempts at 10, 30, 70, 110; the fourth fails at once: give up.
      expectObservable(events$).toBe('-'.repeat(110) + '#', undefined, { gaveUp: drop, lastEventId: 0 });
    });
  });

  it('gives up with the cut stream when the last connection ended without an error', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const connections = [cold('a|', { a: f(1) }), cold('|')];
      const events$ = resumeEvents(() => connections.shift() as Observable<Frame>, options({ attempts: 1 }));
      expectObservable(events$).toBe(
        'a' + '-'.repeat(10) + '#',
        { a: f(1) },
        {
          gaveUp: 'ended early',
          lastEventId: 1,
        },
      );
    });
  });

  it('does not reconnect after a failure that is not a drop, nor after a gap in the ids', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const refused = new Error('403');
      const failing = resumeEvents(() => cold<Frame>('a#', { a: f(1) }, refused), options());
      expectObservable(failing).toBe('a#', { a: f(1) }, refused);
      const gap = resumeEvents(() => cold('ac', { a: f(1), c: f(3) }), options());
      expectObservable(gap).toBe(
        'a#',
        { a: f(1) },
        new InvalidResponseError('the relay sent event 3 after event 1: events 2–2 are missing.', [
          { path: 'id', expected: '2', actual: '3' },
        ]),
      );
    });
  });

  it('0 attempts: the first drop ends the stream at once', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events$ = resumeEvents(() => cold('a#', { a: f(1) }, drop), options({ attempts: 0 }));
      expectObservable(events$).toBe('a#', { a: f(1) }, { gaveUp: drop, lastEventId: 1 });
    });
  });

  it('unsubscribing during a backoff cancels the reconnect', () => {
    let calls = 0;
    testScheduler().run(({ cold, expectObservable }) => {
      const events$ = resumeEvents(() => {
        calls++;
        return cold<Frame>('a#', { a: f(1) }, drop);
      }, options());
      expectObservable(events$, '^----!').toBe('a', { a: f(1) });
    });
    // run() flushed virtual time past 11 ms, when the reconnect was due: it never happened.
    expect(calls).toBe(1);
  });

  it('unsubscribing during a connection closes it', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('a#', { a: f(1) }, drop);
      const second = cold('-b-c', { b: f(2), c: f(3) });
      const connections = [first, second];
      const events$ = resumeEvents(() => connections.shift() as Observable<Frame>, options());
      expectObservable(events$, '^------------!').toBe('a' + '-'.repeat(11) + 'b', { a: f(1), b: f(2) });
      expectSubscriptions(second.subscriptions).toBe('-'.repeat(11) + '^-!');
    });
  });
});

describe('resumeEvents (property)', () => {
  it('any sequence of drops, repeats and empty reconnects delivers events 1…n exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        // Each connection: how many events it sends before it breaks, how far back it starts (a repeat), and
        // whether it breaks with an error or just ends.
        fc.array(fc.record({ sends: fc.nat(8), repeat: fc.nat(3), errors: fc.boolean() }), { maxLength: 40 }),
        (n, plan) => {
          const scheduler = new VirtualTimeScheduler();
          const asked: number[] = [];
          let connection = 0;
          const connect = (last: number): Observable<Frame> => {
            asked.push(last);
            const step = plan[connection++];
            const from = Math.max(1, last + 1 - (step?.repeat ?? 0));
            // Past the plan, connections always reach the end.
            const to = step === undefined ? n : Math.min(n, last + step.sends);
            const frames: Frame[] = [];
            for (let id = from; id <= to; id++) frames.push(id === n ? f(id, true) : f(id));
            const end = step?.errors === true ? throwError(() => drop) : of<Frame>();
            return concat(of(...frames), end);
          };
          const seen: number[] = [];
          let completed = false;
          let failure: unknown;
          resumeEvents(connect, options({ attempts: 1_000, scheduler })).subscribe({
            next: (frame) => seen.push(frame.id),
            error: (error: unknown) => (failure = error),
            complete: () => (completed = true),
          });
          scheduler.flush();
          expect(failure).toBeUndefined();
          expect(completed).toBe(true);
          expect(seen).toEqual(Array.from({ length: n }, (_, i) => i + 1));
          // Every reconnect asked for the events after the last one delivered before it: never lower, never later.
          expect(asked[0]).toBe(0);
          for (let i = 1; i < asked.length; i++) expect(asked[i]).toBeGreaterThanOrEqual(asked[i - 1] ?? 0);
          expect(asked.every((last) => last < n)).toBe(true);
        },
      ),
    );
  });
});
