/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The Angular service over an OpenAI-compatible provider (`provideAivvm({ provider })`), against the local
// server's `/v1` routes: chat, the Observable face, models for a picker, and injectConversation.
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
import { firstValueFrom, toArray } from 'rxjs';
import { createAivvm, createOpenAICompatible, InvalidRequestError } from '../../src';
import {
  AivvmService,
  injectConversation,
  provideAivvm,
  type AivvmChat,
  type ChatStatus,
  type ConversationSignals,
} from '../../src/angular';
import type { OpenAIReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { until } from './signals';

const server = useAivvmServer();
const KEY = 'sk-local-0123456789abcdef';
const reply = (r: OpenAIReply): void => server.current.enqueue(r);
const ask = [{ role: 'user' as const, content: 'Привет!' }];

function setUp(): EnvironmentInjector {
  const provider = createOpenAICompatible({
    baseURL: `${server.current.url}/v1`,
    transport: 'node',
    apiKey: KEY,
  });
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideAivvm({ provider, coalesce: 'none' })],
  });
  return createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
}
const injector = (): Injector => TestBed.inject(Injector);

describe('AivvmService with an OpenAI-compatible provider', () => {
  it('chat(): streams the deltas, the system message leads the messages, the key is sent', async () => {
    reply({ deltas: ['Hel', 'lo, ', 'мир 👋'], chunkSize: [1, 3] });
    setUp();
    const service = TestBed.inject(AivvmService);
    const chat: AivvmChat = service.chat('llama3.2', ask, { systemMessage: 'Be brief.', temperature: 0.2 });
    expect(await until<ChatStatus>(injector(), chat.status, (s) => s !== 'streaming')).toBe('done');
    expect(chat.text()).toBe('Hello, мир 👋');
    const [request] = server.current.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(request?.json).toMatchObject({
      model: 'llama3.2',
      temperature: 0.2,
      messages: [{ role: 'system', content: 'Be brief.' }, ...ask],
    });
  });

  it('createCompletion() and listModels(): models get their id as display name', async () => {
    reply({ text: 'ok' });
    setUp();
    const service = TestBed.inject(AivvmService);
    expect(
      (await firstValueFrom(service.createCompletion('llama3.2', ask, true).pipe(toArray()))).join(''),
    ).toBe('ok');
    const models = await firstValueFrom(service.listModels());
    expect(models.length).toBeGreaterThan(0);
    for (const model of models) expect(model.name).toBe(model.id);
    expect(server.current.requests.map((r) => r.path)).toEqual(['/v1/chat/completions', '/v1/models']);
  });

  it('a missing model is an InvalidRequestError from the Observable, and nothing is sent', async () => {
    setUp();
    const service = TestBed.inject(AivvmService);
    await expect(firstValueFrom(service.createCompletion(undefined, ask, true))).rejects.toBeInstanceOf(
      InvalidRequestError,
    );
    expect(server.current.requests).toEqual([]);
  });

  it('injectConversation keeps the conversation, system message first, over the OpenAI routes', async () => {
    reply({ text: 'Первый ответ.' });
    reply({ text: 'Второй.' });
    const scope = setUp();
    const chat: ConversationSignals = runInInjectionContext(scope, () =>
      injectConversation({ model: 'llama3.2', systemMessage: 'Be brief.' }),
    );
    chat.send('Один');
    await until(injector(), chat.status, (s) => s === 'idle');
    chat.send('Два');
    await until(injector(), chat.status, (s) => s === 'idle');
    expect(chat.messages().map((m) => m.content)).toEqual([
      'Be brief.',
      'Один',
      'Первый ответ.',
      'Два',
      'Второй.',
    ]);
    expect(server.current.requests[1]?.json).toMatchObject({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Один' },
        { role: 'assistant', content: 'Первый ответ.' },
        { role: 'user', content: 'Два' },
      ],
    });
    scope.destroy();
  });

  it('rejects a provider beside Aivvm settings, or something that is not a provider, naming the field', () => {
    const provider = createAivvm({ baseURL: server.current.url });
    expect(() => provideAivvm({ provider, baseURL: 'http://127.0.0.1:1' })).toThrow(
      /config\.baseURL: expected nothing: with config\.provider, configure that provider itself/,
    );
    expect(() => provideAivvm({ provider: { url: 'x' } as never })).toThrow(
      /config\.provider: expected a provider from createAivvm\(…\), createOpenAICompatible\(…\) or createRelayProvider\(…\)/,
    );
    expect(() => new AivvmService({ provider })).not.toThrow();
  });
});
