/**
 * Timing of the reliability policy, in virtual time (marbles): retries only before the first byte, backoff and
 * Retry-After, first-byte / idle / total deadlines, the size limit.
 */
import { asyncScheduler, defer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { HttpError, NetworkError, ResponseTooLargeError, TimeoutError } from '../../src/errors';
import { DEFAULT_POLICY, resolvePolicy, type ReliabilityOptions } from '../../src/core/reliability/policy';
import { reliable } from '../../src/core/reliability/reliable';
import { defaultRetryWhen } from '../../src/core/reliability/defaultRetryWhen';
import { retryDelay } from '../../src/core/reliability/retryDelay';
import { parseRetryAfter } from '../../src/core/transport/parseRetryAfter';

const url = 'http://127.0.0.1:1/api/chat';
const bytes = (n: number): Uint8Array => new Uint8Array(n).fill(0x61);
const a = bytes(3);
const b = bytes(3);
const e503 = new HttpError(503, 'Service Unavailable', 'Error', url);

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A cold source per attempt, taken in order. */
function attempts(...sources: Observable<Uint8Array>[]): Observable<Uint8Array> {
  let n = 0;
  return defer(() => sources[Math.min(n++, sources.length - 1)] as Observable<Uint8Array>);
}

function policy(options: ReliabilityOptions) {
  return {
    policy: resolvePolicy(DEFAULT_POLICY, options),
    url,
    // Inside TestScheduler.run, asyncScheduler runs in virtual time.
    scheduler: asyncScheduler,
    random: () => 1,
  };
}

describe('reliable()', () => {
  it('retries a 503 after the backoff delay, then streams the successful attempt', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<Uint8Array>('-#', undefined, e503);
      const second = cold<Uint8Array>('-a|', { a });
      const result = reliable(attempts(first, second), policy({ retry: { count: 2, baseDelayMs: 10 } }));
      expectObservable(result).toBe('- 10ms -a|', { a });
      expectSubscriptions(first.subscriptions).toBe('^!');
      expectSubscriptions(second.subscriptions).toBe('- 10ms ^-!');
    });
  });

  it('doubles the delay on each retry and gives up after count retries with the last error', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const failing = cold<Uint8Array>('#', undefined, e503);
      const result = reliable(
        attempts(failing),
        policy({ retry: { count: 2, baseDelayMs: 10, maxDelayMs: 1000 } }),
      );
      expectObservable(result).toBe('10ms 20ms #', undefined, e503);
    });
  });

  it('honours Retry-After when it is within maxDelayMs', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const limited = new HttpError(429, 'Too Many Requests', '', url, 250);
      const result = reliable(
        attempts(cold<Uint8Array>('#', undefined, limited), cold<Uint8Array>('a|', { a })),
        policy({ retry: { count: 1, baseDelayMs: 1, maxDelayMs: 300 } }),
      );
      expectObservable(result).toBe('250ms a|', { a });
    });
  });

  it('a Retry-After over maxDelayMs is not waited: the error comes at once, retryAfterMs set', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const limited = new HttpError(429, 'Too Many Requests', '', url, 5000);
      const first = cold<Uint8Array>('-#', undefined, limited);
      const second = cold<Uint8Array>('a|', { a });
      const result = reliable(
        attempts(first, second),
        policy({ retry: { count: 2, baseDelayMs: 1, maxDelayMs: 300 } }),
      );
      expectObservable(result).toBe('-#', undefined, limited);
      expectSubscriptions(second.subscriptions).toBe([]);
    });
  });

  it('never retries once a byte was delivered: the error is final', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const broken = new NetworkError('reset', 'ECONNRESET', 3);
      const source = cold<Uint8Array>('-a#', { a }, broken);
      expectObservable(reliable(attempts(source), policy({}))).toBe('-a#', { a }, broken);
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });

  it('does not retry a 404', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const notFound = new HttpError(404, 'Not Found', '', url);
      expectObservable(reliable(attempts(cold<Uint8Array>('-#', undefined, notFound)), policy({}))).toBe(
        '-#',
        undefined,
        notFound,
      );
    });
  });

  it('first-byte timeout: aborts the attempt (unsubscribes) and is retried', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const silent = cold<Uint8Array>('-------a|', { a });
      const fine = cold<Uint8Array>('a|', { a });
      const result = reliable(
        attempts(silent, fine),
        policy({ timeout: { firstByte: 5 }, retry: { count: 1, baseDelayMs: 2 } }),
      );
      expectObservable(result).toBe('5ms 2ms a|', { a });
      expectSubscriptions(silent.subscriptions).toBe('^----!');
    });
  });

  it('idle timeout after a byte: a TimeoutError("idle") that is final', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const hang = cold<Uint8Array>('-a--------b|', { a, b });
      const result = reliable(attempts(hang), policy({ timeout: { idle: 4 } }));
      expectObservable(result).toBe('-a---#', { a }, new TimeoutError('idle', 4, 3, url));
      expectSubscriptions(hang.subscriptions).toBe('^----!');
    });
  });

  // idle ≥ firstByte: the first-byte timer is kept after the first byte and re-armed for what is left of the
  // idle deadline (one timer per request); the error must come at exactly last byte + idle all the same.
  it.each([
    ['-a--------b|', 3, 5, '-a----#', '^-----!', 3],
    ['a---------b|', 4, 4, 'a---#', '^---!', 3],
    ['-a-a-a------|', 2, 5, '-a-a-a----#', '^---------!', 9],
  ])(
    'idle deadline with the first-byte timer kept: %s, firstByte %d, idle %d → %s',
    (source, firstByte, idle, expected, subscription, received) => {
      scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const hang = cold<Uint8Array>(source, { a, b });
        const result = reliable(attempts(hang), policy({ timeout: { firstByte, idle } }));
        expectObservable(result).toBe(expected, { a }, new TimeoutError('idle', idle, received, url));
        expectSubscriptions(hang.subscriptions).toBe(subscription);
      });
    },
  );

  it('idle deadline is measured from the last byte: steady bytes never trip it', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const steady = cold<Uint8Array>('-a-a--a-a--a|', { a });
      const result = reliable(attempts(steady), policy({ timeout: { firstByte: 2, idle: 3 } }));
      expectObservable(result).toBe('-a-a--a-a--a|', { a });
    });
  });

  it('total deadline covers the whole completion, values do not reset it', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const slow = cold<Uint8Array>('-a-a-a-a-a|', { a });
      const result = reliable(attempts(slow), policy({ timeout: { total: 6 } }));
      expectObservable(result).toBe('-a-a-a#', { a }, new TimeoutError('total', 6, 9, url));
    });
  });

  it('size limit: delivers up to the limit, then ResponseTooLargeError and unsubscribes', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const big = cold<Uint8Array>('-a-b-a|', { a, b });
      const result = reliable(attempts(big), policy({ maxResponseBytes: 4 }));
      expectObservable(result).toBe('-a-(c#)', { a, c: bytes(1) }, new ResponseTooLargeError(4, url));
      expectSubscriptions(big.subscriptions).toBe('^--!');
    });
  });
});

describe('retry rules', () => {
  it.each([
    [new NetworkError('refused', 'ECONNREFUSED', 0), true],
    [new NetworkError('reset', 'ECONNRESET', 10), false],
    [new HttpError(408, '', '', url), true],
    [new HttpError(409, '', '', url), false],
    [new HttpError(429, '', '', url), true],
    [new HttpError(500, '', '', url), false],
    [new HttpError(503, '', '', url), true],
    [new HttpError(400, '', '', url), false],
    [new HttpError(404, '', '', url), false],
    [new TimeoutError('firstByte', 1, 0, url), true],
    [new TimeoutError('idle', 1, 3, url), false],
    [new TimeoutError('total', 1, 0, url), false],
  ])('%s → retried by default: %p', (error, expected) => {
    expect(defaultRetryWhen(error, 1)).toBe(expected);
  });

  it('backoff has jitter within [½, 1] of base·2^(n-1), capped', () => {
    const p = { count: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(e503, 1, p, () => 0)).toBe(50);
    expect(retryDelay(e503, 1, p, () => 1)).toBe(100);
    expect(retryDelay(e503, 3, p, () => 1)).toBe(400);
    expect(retryDelay(e503, 5, p, () => 1)).toBe(1000);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-26T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 26 Nov 2026 10:00:02 GMT', now)).toBe(2000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
