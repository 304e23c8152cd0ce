import { EMPTY, firstValueFrom, lastValueFrom, Observable, take, throwError, toArray } from 'rxjs';
import { createAivvm, createOpenAICompatible, fallback, FallbackError, HttpError } from '../src';
import { openaiReply } from '../src/testing';
import { collect } from './helpers/collect';
import { testScheduler } from './helpers/marbles';
import { useAivvmServer } from './helpers/server';

describe('fallback (marbles)', () => {
  it('moves to the next attempt when one fails before emitting', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('--#', undefined, new Error('a'));
      const b = cold('  -x-y-|');
      expectObservable(
        fallback(
          () => a,
          () => b,
        ),
      ).toBe('---x-y-|');
      expectSubscriptions(a.subscriptions).toBe('^-!');
      expectSubscriptions(b.subscriptions).toBe('--^----!');
    });
  });

  it('a failure after a value is final: no splice, no duplicate, the next attempt is never subscribed', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-x-#', undefined, new Error('a'));
      const b = cold('-y-|');
      expectObservable(
        fallback(
          () => a,
          () => b,
        ),
      ).toBe('-x-#', undefined, new Error('a'));
      expectSubscriptions(b.subscriptions).toBe([]);
    });
  });

  it('all attempts fail: a FallbackError with every error, in order', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const errors = [new Error('one'), new Error('two'), new Error('three')];
      const attempts = errors.map((e) => () => cold('-#', undefined, e));
      expectObservable(fallback(...attempts)).toBe('---#', undefined, new FallbackError(errors));
    });
    const result: unknown[] = [];
    fallback(
      () => throwError(() => new Error('one')),
      () => throwError(() => 'two'),
    ).subscribe({ error: (e: unknown) => result.push(e) });
    expect(result[0]).toBeInstanceOf(FallbackError);
    expect((result[0] as FallbackError)._tag).toBe('FallbackError');
    expect((result[0] as FallbackError).errors).toEqual([new Error('one'), 'two']);
    expect((result[0] as FallbackError).message).toMatch(
      /all 2 attempts failed.*\n {2}1\. Error: one\n {2}2\. "two"/s,
    );
  });

  it('unsubscribing aborts the attempt in flight, and no later attempt starts', () => {
    testScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const a = cold('-#', undefined, new Error('a'));
      const b = cold(' ---x-|');
      const c = cold('x|');
      expectObservable(
        fallback(
          () => a,
          () => b,
          () => c,
        ),
        '^--!',
      ).toBe('---');
      expectSubscriptions(b.subscriptions).toBe('-^-!');
      expectSubscriptions(c.subscriptions).toBe([]);
    });
  });

  it('an empty completion is a success; a factory that throws counts as a failure; no attempts is a FallbackError', async () => {
    expect(
      await collect(
        fallback(
          () => EMPTY,
          () => ['never'],
        ),
      ),
    ).toEqual({ values: [], error: undefined, completed: true });
    const thrown = await collect(
      fallback(
        () => {
          throw new Error('factory');
        },
        () => ['ok'],
      ),
    );
    expect(thrown.values).toEqual(['ok']);
    expect((await collect(fallback())).error).toBeInstanceOf(FallbackError);
  });

  it('is cold: each subscription starts from the first attempt', async () => {
    let calls = 0;
    const source = fallback(() => new Observable<number>((s) => s.next(++calls)));
    expect(await firstValueFrom(source)).toBe(1);
    expect(await firstValueFrom(source)).toBe(2);
  });
});

describe('fallback across protocols, against the local server', () => {
  const server = useAivvmServer();
  const messages = [{ role: 'user', content: 'hi' }] as const;

  it('Aivvm fails with 500, the OpenAI-compatible server answers', async () => {
    server.current.enqueue(
      { status: 500, reason: 'Rate limit reached' },
      openaiReply({ deltas: ['from ', 'openai'] }),
    );
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { count: 0 } });
    const openai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    const text = await lastValueFrom(
      fallback(
        () => aivvm.createCompletion('gpt-4', messages, true),
        () => openai.createCompletion('llama3.2', messages, true),
      ).pipe(toArray()),
    );
    expect(text).toEqual(['from ', 'openai']);
    expect(server.current.requests.map((r) => r.path)).toEqual(['/api/chat', '/v1/chat/completions']);
  });

  it('both fail: FallbackError with the HttpErrors in order', async () => {
    server.current.enqueue(
      { status: 500, reason: 'down' },
      openaiReply({ status: 401, error: { message: 'bad key' } }),
    );
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { count: 0 } });
    const openai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    const { error } = await collect(
      fallback(
        () => aivvm.createCompletion('gpt-4', messages, true),
        () => openai.createCompletion('m', messages, true),
      ),
    );
    expect(error).toBeInstanceOf(FallbackError);
    const errors = (error as FallbackError).errors;
    expect(errors.map((e) => (e as HttpError).status)).toEqual([500, 401]);
  });

  it('a cut after text is final: the second server is never asked', async () => {
    server.current.enqueue({ text: 'partial answer', closeAfterBytes: 7 }, openaiReply({ text: 'never' }));
    const aivvm = createAivvm({ baseURL: server.current.url });
    const openai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    const { values, error } = await collect(
      fallback(
        () => aivvm.createCompletion('gpt-4', messages, true),
        () => openai.createCompletion('m', messages, true),
      ),
    );
    expect(values.join('')).toBe('partial');
    expect(error).toMatchObject({ _tag: 'NetworkError' });
    expect(server.current.requests).toHaveLength(1);
  });

  it('unsubscribing closes the socket of the attempt in flight', async () => {
    server.current.enqueue(
      { status: 500 },
      openaiReply({ text: 'y'.repeat(5000), deltaChars: 4, chunkDelayMs: 5, chunkSize: 32 }),
    );
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { count: 0 } });
    const openai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    const second = server.current.nextRequest('POST /v1/chat/completions');
    await firstValueFrom(
      fallback(
        () => aivvm.createCompletion('gpt-4', messages, true),
        () => openai.createCompletion('m', messages, true),
      ).pipe(take(1)),
    );
    expect((await (await second).closed).finished).toBe(false);
  });
});
