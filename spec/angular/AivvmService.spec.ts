/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// jsdom for Angular's TestBed; Node's export conditions so that axios keeps its `http` adapter (jsdom's fetch
// cannot stream, so these specs use `transport: 'node'` against the real local server).
import './jsdomGlobals';
import './testBed';
import {
  createEnvironmentInjector,
  DestroyRef,
  effect,
  EnvironmentInjector,
  Injector,
  provideZonelessChangeDetection,
  runInInjectionContext,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom, toArray } from 'rxjs';
import { HttpError, InvalidRequestError, models, NetworkError, UnsupportedModelError } from '../../src';
import { AIVVM_CONFIG, AivvmService, provideAivvm, type AivvmChat, type ChatStatus } from '../../src/angular';
import { multilingualText } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { until, writesOf } from './signals';

const server = useAivvmServer();
const ask = [{ role: 'user' as const, content: 'Привет!' }];

function setUp(config: Parameters<typeof provideAivvm>[0] = {}): AivvmService {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideAivvm({ baseURL: server.current.url, transport: 'node', ...config }),
    ],
  });
  return TestBed.inject(AivvmService);
}

const injector = (): Injector => TestBed.inject(Injector);
const settled = (chat: AivvmChat): Promise<ChatStatus> =>
  until(injector(), chat.status, (status) => status !== 'streaming');

describe('provideAivvm', () => {
  it('provides the service and the configuration, with the Observable face of the provider', async () => {
    server.current.setReply({ text: 'Привет, 世界 👋', chunkSize: 1 });
    const service = setUp();
    expect(TestBed.inject(AIVVM_CONFIG)).toEqual({ baseURL: server.current.url, transport: 'node' });
    expect(service.provider.url).toBe(server.current.url);
    const chunks = await firstValueFrom(service.createCompletion('gpt-4', ask, true).pipe(toArray()));
    expect(chunks.join('')).toBe('Привет, 世界 👋');
    expect(chunks.length).toBeGreaterThan(1);
    expect(await firstValueFrom(service.listModels())).toEqual(Object.values(models));
    expect(server.current.requests.map((r) => r.path)).toEqual(['/api/chat', '/api/models']);
  });

  it('fails at bootstrap on an invalid configuration', () => {
    expect(() => provideAivvm({ baseURL: 'ftp://nope' })).toThrow(InvalidRequestError);
    expect(() => provideAivvm({ coalesce: -5 })).toThrow(
      "config.coalesce: expected 'animationFrame' | 'none' | a finite number of milliseconds ≥ 0, got -5",
    );
    expect(() => new AivvmService({ coalesce: 'sometimes' as never })).toThrow(TypeError);
  });
});

describe('AivvmService.chat', () => {
  it('streams: text grows through partial states to the whole answer, status streaming → done', async () => {
    const answer = multilingualText(120, 3);
    server.current.setReply({ text: answer, chunkSize: [5, 7, 11], chunkDelayMs: 15 });
    const service = setUp();
    const chat = service.chat('gpt-4', ask, {
      coalesce: 'none',
      systemMessage: 'Be brief.',
      temperature: 0.2,
    });
    expect(chat.status()).toBe('streaming');
    const seen: string[] = [];
    effect(() => void seen.push(chat.text()), { injector: injector() });

    expect(await settled(chat)).toBe('done');
    expect(chat.text()).toBe(answer);
    expect(chat.error()).toBeUndefined();
    const partial = [...new Set(seen)].filter((text) => text !== '' && text !== answer);
    expect(partial.length).toBeGreaterThanOrEqual(3);
    for (const text of partial) expect(answer.startsWith(text)).toBe(true);
    expect(server.current.requests[0]?.json).toMatchObject({
      model: { id: 'gpt-4', name: 'GPT-4' },
      messages: ask,
      prompt: 'Be brief.',
      temperature: 0.2,
    });
  });

  it('reports an HTTP failure with the server’s reason phrase (completion options pass through)', async () => {
    server.current.setReply({
      status: 500,
      reason: 'Rate limit reached for default-gpt-4 in organization org-1',
    });
    const chat = setUp().chat('gpt-4', ask, { retry: { count: 0 } });
    expect(await settled(chat)).toBe('error');
    const error = chat.error();
    expect(error).toBeInstanceOf(HttpError);
    expect(error?._tag === 'HttpError' && [error.status, error.statusText]).toEqual([
      500,
      'Rate limit reached for default-gpt-4 in organization org-1',
    ]);
    expect(chat.text()).toBe('');
    expect(server.current.requests).toHaveLength(1);
  });

  it('keeps the text that arrived before a broken connection, then reports a NetworkError', async () => {
    server.current.setReply({ text: 'Привет, мир!', chunkSize: 3, closeAfterBytes: 12 });
    const chat = setUp().chat(null, ask);
    expect(await settled(chat)).toBe('error');
    expect(chat.error()).toBeInstanceOf(NetworkError);
    expect(chat.text()).toBe('Привет');
  });

  it('reports invalid arguments at once, and sends nothing', async () => {
    const chat = setUp().chat('gpt-5', ask);
    expect(chat.status()).toBe('error');
    expect(chat.error()).toBeInstanceOf(UnsupportedModelError);
    chat.cancel();
    expect(chat.status()).toBe('error');
    expect(server.current.requests).toHaveLength(0);
  });

  it('cancel() aborts the request: status cancelled, partial text kept, the server sees the socket close', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const service = setUp();
    const request = server.current.nextRequest('/api/chat');
    const chat = service.chat('gpt-4', ask, { coalesce: 'none' });
    await until(injector(), chat.text, (text) => text.length >= 15);
    chat.cancel();
    expect(chat.status()).toBe('cancelled');
    const kept = chat.text();
    expect(kept).toMatch(/^(tick )+/);
    await (
      await request
    ).socketClosed;
    expect((await (await request).closed).finished).toBe(false);
    chat.cancel();
    expect([chat.status(), chat.text(), chat.error()]).toEqual(['cancelled', kept, undefined]);
  });

  it('cancels when the caller’s injector (DestroyRef) is destroyed, picked up from the injection context', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const service = setUp();
    const scope = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const request = server.current.nextRequest('/api/chat');
    const chat = runInInjectionContext(scope, () => service.chat('gpt-4', ask));
    await request;
    scope.destroy();
    expect(chat.status()).toBe('cancelled');
    await (
      await request
    ).socketClosed;
  });

  it('cancels when an explicit destroyRef is destroyed, and sends nothing for one already destroyed', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const service = setUp();
    const scope = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const destroyRef = scope.get(DestroyRef);
    const request = server.current.nextRequest('/api/chat');
    const chat = service.chat('gpt-4', ask, { destroyRef });
    await request;
    scope.destroy();
    expect(chat.status()).toBe('cancelled');
    await (
      await request
    ).socketClosed;

    const late = service.chat('gpt-4', ask, { destroyRef });
    expect(late.status()).toBe('cancelled');
    expect(server.current.requests).toHaveLength(1);
  });

  it('cancels every chat in flight when the service’s own injector is destroyed', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const service = setUp();
    const request = server.current.nextRequest('/api/chat');
    const chat = service.chat('gpt-4', ask);
    await request;
    TestBed.resetTestingModule();
    expect(chat.status()).toBe('cancelled');
    await (
      await request
    ).socketClosed;
  });
});

describe('coalescing text updates', () => {
  const answer = multilingualText(200, 5);
  // About 150 chunks, a millisecond apart: each one arrives on its own.
  const paced = { text: answer, chunkSize: [1, 3, 5], chunkDelayMs: 1 };
  let original: typeof window.requestAnimationFrame;

  beforeEach(() => {
    original = window.requestAnimationFrame;
  });

  afterEach(() => {
    window.requestAnimationFrame = original;
  });

  it('writes text at most once per animation frame: with no frame at all, once (the final write)', async () => {
    window.requestAnimationFrame = () => 0; // a frame that never comes
    server.current.setReply(paced);
    const chat = setUp().chat('gpt-4', ask);
    expect(await settled(chat)).toBe('done');
    expect(chat.text()).toBe(answer);
    expect(writesOf(chat.text)).toBe(1);
  });

  it('writes the text gathered so far on each frame, never more often', async () => {
    let frames = 0;
    // jsdom's frames (60 per second), counted: Angular's own frame callbacks only make the bound looser.
    window.requestAnimationFrame = (callback) =>
      original.call(window, (time) => {
        frames++;
        callback(time);
      });
    server.current.setReply(paced);
    const chat = setUp().chat('gpt-4', ask);
    const seen: string[] = [];
    effect(() => void seen.push(chat.text()), { injector: injector() });
    expect(await settled(chat)).toBe('done');
    expect(chat.text()).toBe(answer);
    const writes = writesOf(chat.text);
    // One write per frame at most, plus the final one; and frames did come while the answer streamed.
    expect(writes).toBeLessThanOrEqual(frames + 1);
    expect(writes).toBeGreaterThan(1);
    for (const text of seen) expect(answer.startsWith(text)).toBe(true);
  });

  it('with coalesce: none, writes on every chunk', async () => {
    server.current.setReply(paced);
    const chat = setUp({ coalesce: 'none' }).chat('gpt-4', ask);
    expect(await settled(chat)).toBe('done');
    expect(chat.text()).toBe(answer);
    expect(writesOf(chat.text)).toBeGreaterThan(20);
  });

  it('with coalesce in milliseconds, writes at most once per period', async () => {
    server.current.setReply(paced);
    const chat = setUp().chat('gpt-4', ask, { coalesce: 60_000 });
    expect(await settled(chat)).toBe('done');
    expect([chat.text(), writesOf(chat.text)]).toEqual([answer, 1]);
  });
});
