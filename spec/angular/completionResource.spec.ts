/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// completionResource on Angular's own rxResource, zoneless, against the real local server (`transport: 'node'`:
// jsdom's fetch cannot stream).
import './jsdomGlobals';
import './testBed';
import {
  createEnvironmentInjector,
  effect,
  EnvironmentInjector,
  Injector,
  provideZonelessChangeDetection,
  signal,
  type ResourceStatus,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpError, NetworkError } from '../../src';
import {
  completionResource,
  provideAivvm,
  type CompletionRequest,
  type CompletionResource,
} from '../../src/angular';
import { multilingualText } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { until, writesOf } from './signals';

const server = useAivvmServer();
const ask = (content: string): CompletionRequest => ({
  model: 'gpt-4',
  messages: [{ role: 'user', content }],
});

function setUp(): Injector {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideAivvm({ baseURL: server.current.url, transport: 'node' }),
    ],
  });
  return TestBed.inject(Injector);
}

/** Every distinct [status, streaming, text] the resource went through, recorded by an effect. */
function record(injector: Injector, answer: CompletionResource): [ResourceStatus, boolean, string][] {
  const seen: [ResourceStatus, boolean, string][] = [];
  effect(
    () => {
      const state: [ResourceStatus, boolean, string] = [answer.status(), answer.streaming(), answer.text()];
      const last = seen[seen.length - 1];
      if (last === undefined || last.some((part, i) => part !== state[i])) seen.push(state);
    },
    { injector },
  );
  return seen;
}

const ended = (injector: Injector, answer: CompletionResource): Promise<boolean> =>
  until(injector, answer.streaming, (streaming) => !streaming && answer.status() !== 'loading');

describe('completionResource', () => {
  it('is idle (nothing sent) until the request is set, then streams: loading → resolved, text grows', async () => {
    const text = multilingualText(300, 4);
    server.current.setReply({ text, chunkSize: [3, 5, 7], chunkDelayMs: 2 });
    const injector = setUp();
    const asked = signal<CompletionRequest | undefined>(undefined);
    const answer = TestBed.runInInjectionContext(() => completionResource(() => asked()));
    const seen = record(injector, answer);
    TestBed.tick();
    expect([answer.status(), answer.value(), answer.text(), answer.streaming()]).toEqual([
      'idle',
      '',
      '',
      false,
    ]);
    expect(server.current.requests).toHaveLength(0);

    asked.set({ ...ask('Привет!'), options: { systemMessage: 'Be brief.', temperature: 0.3 } });
    TestBed.tick();
    expect([answer.status(), answer.isLoading(), answer.streaming()]).toEqual(['loading', true, true]);
    await until(injector, answer.streaming, (streaming) => !streaming);

    expect([answer.status(), answer.value(), answer.text(), answer.error()]).toEqual([
      'resolved',
      text,
      text,
      undefined,
    ]);
    expect(seen[0]).toEqual(['idle', false, '']);
    expect(seen[1]).toEqual(['loading', true, '']);
    expect(seen[seen.length - 1]).toEqual(['resolved', false, text]);
    const streamed = seen.filter(([status, streaming]) => status === 'resolved' && streaming);
    expect(streamed.length).toBeGreaterThanOrEqual(2);
    for (const [, , partial] of streamed) expect(text.startsWith(partial)).toBe(true);
    expect(server.current.requests[0]?.json).toMatchObject({
      model: { id: 'gpt-4' },
      messages: [{ role: 'user', content: 'Привет!' }],
      prompt: 'Be brief.',
      temperature: 0.3,
    });
  });

  it('resolves an empty answer to "" (no NG0991)', async () => {
    server.current.setReply({ text: '' });
    const injector = setUp();
    const answer = TestBed.runInInjectionContext(() => completionResource(() => ask('Say nothing')));
    TestBed.tick();
    await ended(injector, answer);
    expect([answer.status(), answer.value(), answer.error()]).toEqual(['resolved', '', undefined]);
  });

  it('reports an HTTP failure with the server’s reason phrase: status error, error() an HttpError', async () => {
    server.current.setReply({
      status: 500,
      reason: 'Rate limit reached for default-gpt-4 in organization org-1',
    });
    const injector = setUp();
    const answer = TestBed.runInInjectionContext(() =>
      completionResource(() => ({ ...ask('Hi'), options: { retry: { count: 0 } } })),
    );
    TestBed.tick();
    await ended(injector, answer);
    expect(answer.status()).toBe('error');
    const error = answer.error();
    expect(error).toBeInstanceOf(HttpError);
    expect(error instanceof HttpError && [error.status, error.statusText]).toEqual([
      500,
      'Rate limit reached for default-gpt-4 in organization org-1',
    ]);
    expect(answer.text()).toBe('');
    expect(answer.isLoading()).toBe(false);
  });

  it('keeps the text that arrived before a broken connection readable in text() (value() throws)', async () => {
    server.current.setReply({ text: 'Привет, мир!', chunkSize: 3, closeAfterBytes: 12 });
    const injector = setUp();
    const answer = TestBed.runInInjectionContext(() => completionResource(() => ask('Hi')));
    TestBed.tick();
    await ended(injector, answer);
    expect(answer.status()).toBe('error');
    expect(answer.error()).toBeInstanceOf(NetworkError);
    expect(answer.text()).toBe('Привет');
    expect(() => answer.value()).toThrow();
  });

  it('a new request aborts the one in flight (its socket closes) and streams the new answer', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const injector = setUp();
    const asked = signal<CompletionRequest | undefined>(ask('first'));
    const answer = TestBed.runInInjectionContext(() => completionResource(() => asked()));
    const first = server.current.nextRequest('POST /api/chat');
    TestBed.tick();
    await until(injector, answer.text, (text) => text.length >= 10);
    expect(answer.status()).toBe('resolved');
    expect(answer.streaming()).toBe(true);

    server.current.setReply({ text: 'Второй ответ.', chunkSize: 2 });
    const second = server.current.nextRequest('POST /api/chat');
    asked.set(ask('second'));
    TestBed.tick();
    await (
      await first
    ).socketClosed;
    expect((await (await first).closed).finished).toBe(false);
    expect(((await second).json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'second' },
    ]);
    await until(injector, answer.value, (text) => text === 'Второй ответ.');
    await ended(injector, answer);
    expect([answer.status(), answer.text()]).toEqual(['resolved', 'Второй ответ.']);
  });

  it('going idle (undefined) aborts the answer in flight', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const injector = setUp();
    const asked = signal<CompletionRequest | undefined>(ask('Hi'));
    const answer = TestBed.runInInjectionContext(() => completionResource(() => asked()));
    const request = server.current.nextRequest('POST /api/chat');
    TestBed.tick();
    await until(injector, answer.text, (text) => text.length >= 10);
    asked.set(undefined);
    TestBed.tick();
    // Aborted in that tick (Angular alone would let it run on, unseen, until the server stops).
    expect([answer.status(), answer.streaming(), answer.text()]).toEqual(['idle', false, '']);
    await (
      await request
    ).socketClosed;
  });

  it('reload() mid-stream aborts and sends the same request again', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const injector = setUp();
    const answer = TestBed.runInInjectionContext(() => completionResource(() => ask('again')));
    const first = server.current.nextRequest('POST /api/chat');
    TestBed.tick();
    await until(injector, answer.text, (text) => text.length >= 10);
    const second = server.current.nextRequest('POST /api/chat');
    expect(answer.reload()).toBe(true);
    TestBed.tick();
    await (
      await first
    ).socketClosed;
    expect((await second).json).toEqual((await first).json);
    answer.destroy();
    await (
      await second
    ).socketClosed;
  });

  it('destroying its injection context aborts the request', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    setUp();
    const scope = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const request = server.current.nextRequest('POST /api/chat');
    const answer = completionResource(() => ask('Hi'), { injector: scope });
    TestBed.tick();
    await request;
    scope.destroy();
    expect([answer.status(), answer.streaming()]).toEqual(['idle', false]);
    await (
      await request
    ).socketClosed;
  });

  it('updates its value at most once per animation frame (with no frame at all: once, at the end)', async () => {
    const text = multilingualText(200, 5);
    server.current.setReply({ text, chunkSize: [1, 3, 5], chunkDelayMs: 1 });
    const injector = setUp();
    const original = window.requestAnimationFrame;
    window.requestAnimationFrame = () => 0; // a frame that never comes
    try {
      const answer = TestBed.runInInjectionContext(() => completionResource(() => ask('Hi')));
      TestBed.tick();
      await ended(injector, answer);
      expect(answer.value()).toBe(text);
      expect(writesOf(answer.text)).toBeLessThanOrEqual(2); // '' at the start (computed), then the whole text
    } finally {
      window.requestAnimationFrame = original;
    }
  });

  it('checks its options, and needs an injection context or an injector', () => {
    setUp();
    expect(() =>
      TestBed.runInInjectionContext(() => completionResource(() => undefined, { coalesce: -1 })),
    ).toThrow(
      "options.coalesce: expected 'animationFrame' | 'none' | a finite number of milliseconds ≥ 0, got -1",
    );
    expect(() => completionResource(() => undefined)).toThrow(/NG0203/);
  });
});
