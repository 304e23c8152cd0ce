/**
 * Reading chatbot-ui's reason phrases: which say "busy, later" and what delay they state; and that delay in
 * virtual time (marbles) through the real response inspection and the reliability pipeline.
 */
import { asyncScheduler, defer, type Observable } from 'rxjs';
import { classifyReasonPhrase, retryAfterFromReason, type HttpError } from '../../src';
import { DEFAULT_POLICY, resolvePolicy } from '../../src/core/reliability/policy';
import { reliable } from '../../src/core/reliability/reliable';
import { inspectResponse } from '../../src/core/transport/inspectResponse';
import { testScheduler } from '../helpers/marbles';

const url = 'http://127.0.0.1:1/api/chat';

describe('classifyReasonPhrase', () => {
  it.each([
    [
      'Rate limit reached for default-gpt-3.5-turbo in organization org-x on requests per min. Limit: 3 / min. Please try again in 20s. Contact us…',
      'rateLimited',
      20_000,
    ],
    ['Rate limit reached for gpt-4 on tokens per min. Please try again in 1m30s.', 'rateLimited', 90_000],
    ['Rate limit reached … Please try again in 250ms.', 'rateLimited', 250],
    ['Rate limit reached … Please try again in 6.5s.', 'rateLimited', 6_500],
    ['Rate limit reached … Please try again in 1h2m3.5s.', 'rateLimited', 3_723_500],
    [
      'Requests to the ChatCompletions_Create Operation have exceeded rate limit. Please retry after 7 seconds.',
      'rateLimited',
      7_000,
    ],
    ['Rate limit reached for gpt-4', 'rateLimited', undefined],
    ['Too Many Requests', 'rateLimited', undefined],
    [
      'That model is currently overloaded with other requests. You can retry your request.',
      'overloaded',
      undefined,
    ],
    ['The server is overloaded or not ready yet.', 'overloaded', undefined],
    ['The model `gpt-4-32k` does not exist', 'final', undefined],
    ["This model's maximum context length is 4097 tokens. Please try again in 20s.", 'final', undefined],
    ['Incorrect API key provided: sk-abc. You can find your API key at …', 'final', undefined],
    ['You exceeded your current quota, please check your plan and billing details.', 'final', undefined],
    ['Internal Server Error', 'final', undefined],
    ['Error', 'final', undefined],
    ['', 'final', undefined],
  ])('%s → %s, %p ms', (reason, kind, retryAfterMs) => {
    expect(classifyReasonPhrase(reason)).toEqual({ kind, retryAfterMs });
  });

  it('reads a bounded prefix of a hostile phrase quickly', () => {
    const started = performance.now();
    expect(retryAfterFromReason(`${'try again in 1'.repeat(200_000)}s`)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('the delay a reason phrase states, in virtual time', () => {
  const request = { url, body: '', headers: {}, expect: 'text' as const };
  /** The HttpError the transport builds for this status line (no headers). */
  const httpError = (reason: string): HttpError => {
    const verdict = inspectResponse(request, 500, reason, () => undefined);
    if (verdict === undefined) throw new Error('a 500 must be an error');
    return verdict('Error') as HttpError;
  };
  const attempts = (...sources: Observable<Uint8Array>[]): Observable<Uint8Array> => {
    let n = 0;
    return defer(() => sources[Math.min(n++, sources.length - 1)] as Observable<Uint8Array>);
  };
  const context = (maxDelayMs: number) => ({
    policy: resolvePolicy(DEFAULT_POLICY, { retry: { count: 2, baseDelayMs: 1, maxDelayMs } }),
    url,
    scheduler: asyncScheduler,
    random: () => 1,
  });
  const a = new Uint8Array([0x61]);

  it('"try again in 20s" waits 20 s, not the backoff', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const limited = httpError('Rate limit reached for default-gpt-3.5-turbo … Please try again in 20s. …');
      expect(limited.retryAfterMs).toBe(20_000);
      const second = cold<Uint8Array>('a|', { a });
      expectObservable(reliable(attempts(cold('-#', undefined, limited), second), context(30_000))).toBe(
        '- 20s a|',
        { a },
      );
      expectSubscriptions(second.subscriptions).toBe('- 20s ^!');
    });
  });

  it('"in 1m30s" over maxDelayMs (8 s): the error at once, retryAfterMs 90 000', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const limited = httpError('Rate limit reached … Please try again in 1m30s.');
      const second = cold<Uint8Array>('a|', { a });
      expectObservable(reliable(attempts(cold('-#', undefined, limited), second), context(8_000))).toBe(
        '-#',
        undefined,
        limited,
      );
      expectSubscriptions(second.subscriptions).toBe([]);
      expect(limited.retryAfterMs).toBe(90_000);
    });
  });

  it('"overloaded" without a delay: exponential backoff (1 ms, 2 ms), then final', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const busy = httpError('That model is currently overloaded with other requests.');
      expect(busy.retryAfterMs).toBeUndefined();
      expectObservable(reliable(attempts(cold('#', undefined, busy)), context(8_000))).toBe(
        '1ms 2ms #',
        undefined,
        busy,
      );
    });
  });

  it('"model does not exist" is final at once', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const final = httpError('The model `gpt-4-32k` does not exist');
      expectObservable(reliable(attempts(cold('-#', undefined, final)), context(8_000))).toBe(
        '-#',
        undefined,
        final,
      );
    });
  });
});
