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
  EnvironmentInjector,
  Injector,
  provideZonelessChangeDetection,
  runInInjectionContext,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { ContextBudgetError, HttpError, type Message } from '../../src';
import { injectConversation, provideAivvm, type ConversationSignals } from '../../src/angular';
import { multilingualText } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { until, writesOf } from './signals';

const server = useAivvmServer();

function setUp(config: Parameters<typeof provideAivvm>[0] = {}): EnvironmentInjector {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideAivvm({ baseURL: server.current.url, transport: 'node', ...config }),
    ],
  });
  return createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
}
const injector = (): Injector => TestBed.inject(Injector);
const settled = (chat: ConversationSignals): Promise<string> =>
  until(injector(), chat.status, (status) => status !== 'streaming');

describe('injectConversation', () => {
  let original: typeof window.requestAnimationFrame;
  beforeEach(() => {
    original = window.requestAnimationFrame;
  });
  afterEach(() => {
    window.requestAnimationFrame = original;
  });

  it('exposes a conversation with the provided AivvmService as signals: messages, status, error', async () => {
    const answer = multilingualText(150, 2);
    server.current.setReply({ text: answer, chunkSize: [3, 5], chunkDelayMs: 2 });
    const scope = setUp();
    const chat = runInInjectionContext(scope, () =>
      injectConversation({ model: 'gpt-4', systemMessage: 'Be brief.', completion: { temperature: 0.2 } }),
    );
    expect(chat.messages()).toEqual([{ role: 'system', content: 'Be brief.' }]);
    expect(chat.status()).toBe('idle');
    chat.send('Привет!');
    expect(chat.status()).toBe('streaming');
    expect(await settled(chat)).toBe('idle');
    expect(chat.error()).toBeUndefined();
    expect(chat.messages()).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Привет!' },
      { role: 'assistant', content: answer, status: 'done' },
    ]);
    expect(server.current.requests[0]?.json).toMatchObject({
      model: { id: 'gpt-4' },
      prompt: 'Be brief.',
      temperature: 0.2,
      messages: [{ role: 'user', content: 'Привет!' }],
    });
    scope.destroy();
  });

  it('coalesces a streaming answer’s text per animation frame; other changes are written at once', () => {
    window.requestAnimationFrame = () => 0; // a frame that never comes
    const answers = new Subject<string>();
    const scope = setUp();
    const chat = runInInjectionContext(scope, () => injectConversation({ complete: () => answers }));
    chat.send('hi');
    const afterSend = writesOf(chat.messages);
    expect(chat.messages()).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: '', status: 'streaming' },
    ]);
    for (const chunk of ['a', 'b', 'c', 'd', 'e']) answers.next(chunk);
    expect(writesOf(chat.messages)).toBe(afterSend); // waiting for a frame
    expect(chat.messages()[1]?.content).toBe('');
    answers.complete(); // the end is written at once, with all the text
    expect(writesOf(chat.messages)).toBe(afterSend + 1);
    expect(chat.messages()[1]).toEqual({ role: 'assistant', content: 'abcde', status: 'done' });
    expect(chat.status()).toBe('idle');
    scope.destroy();
  });

  it('writes the text gathered so far on each frame', () => {
    const frames: FrameRequestCallback[] = [];
    window.requestAnimationFrame = (callback) => frames.push(callback);
    const answers = new Subject<string>();
    const scope = setUp();
    const chat = runInInjectionContext(scope, () => injectConversation({ complete: () => answers }));
    chat.send('hi');
    answers.next('Hel');
    answers.next('lo');
    expect(frames).toHaveLength(1);
    frames.shift()?.(0);
    expect(chat.messages()[1]).toEqual({ role: 'assistant', content: 'Hello', status: 'streaming' });
    chat.stop(); // written at once: the text stays, marked cut
    expect(chat.messages()[1]).toEqual({ role: 'assistant', content: 'Hello', status: 'cut' });
    expect(answers.observed).toBe(false);
    scope.destroy();
  });

  it('a failed answer keeps its text, and error() says why', async () => {
    server.current.setReply({ status: 500, reason: 'Rate limit reached for default-gpt-3.5-turbo' });
    const scope = setUp({ retry: { count: 0 } });
    const chat = runInInjectionContext(scope, () => injectConversation());
    chat.send('hi');
    expect(await settled(chat)).toBe('error');
    expect(chat.error()).toBeInstanceOf(HttpError);
    expect(chat.messages()[1]).toMatchObject({ role: 'assistant', content: '', status: 'error' });
    scope.destroy();
  });

  it('a message over the budget: nothing is sent, error() is a ContextBudgetError', () => {
    const scope = setUp();
    const complete = jest.fn(() => new Subject<string>());
    const chat = runInInjectionContext(scope, () =>
      injectConversation({
        complete,
        budget: { maxTokens: 50, reserveForAnswer: 10, countTokens: (m: Message) => m.content.length },
      }),
    );
    chat.send('x'.repeat(100));
    expect(chat.status()).toBe('error');
    expect(chat.error()).toBeInstanceOf(ContextBudgetError);
    expect(chat.error()).toMatchObject({ needed: 100, available: 37, over: 63 });
    expect(complete).not.toHaveBeenCalled();
    scope.destroy();
  });

  it('the scope’s destruction cancels the request (the server sees the socket close) and disposes', async () => {
    server.current.setReply({ text: 'never ending', endless: true, chunkDelayMs: 5 });
    const scope = setUp();
    const chat = runInInjectionContext(scope, () => injectConversation({ coalesce: 'none' }));
    const request = server.current.nextRequest('/api/chat');
    chat.send('hi');
    await until(injector(), chat.messages, (messages) => (messages[1]?.content.length ?? 0) > 0);
    scope.destroy();
    expect(chat.status()).toBe('idle');
    expect(chat.messages()[1]).toMatchObject({ role: 'assistant', status: 'cut' });
    expect((await (await request).closed).finished).toBe(false);
    let completed = false;
    chat.conversation.state$.subscribe({ complete: () => (completed = true) });
    expect(completed).toBe(true);
    chat.send('ignored');
    expect(chat.messages()).toHaveLength(2);
  });

  it('works with an explicit injector outside an injection context', () => {
    const scope = setUp();
    const chat = injectConversation({ injector: scope, complete: () => new Subject<string>() });
    chat.send('hi');
    expect(chat.status()).toBe('streaming');
    scope.destroy();
    expect(chat.messages()[1]).toMatchObject({ status: 'cut' });
  });
});
