/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The Angular service and injectConversation over a relay client (`provideAivvm({ provider: createRelayProvider(…) })`):
// the relay's socket is destroyed mid-answer and the answer still completes exactly once, from one upstream request.
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
import { clearTimeout as nodeClearTimeout, setTimeout as nodeSetTimeout } from 'node:timers';
import { createRelayProvider } from '../../src';
import {
  AivvmService,
  injectConversation,
  provideAivvm,
  type ChatStatus,
  type ConversationSignals,
} from '../../src/angular';
import { multilingualText, openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { startRelayWithCuts, type RelayWithCuts } from '../relay/relayWithCuts';
import { until } from './signals';

// The relay (Node-only, run in this process for the spec) unrefs its TTL timers, which jsdom's numeric timers
// cannot do: Node's timers stand in for the whole file.
const jsdomTimers = { setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
beforeAll(() => {
  globalThis.setTimeout = nodeSetTimeout as unknown as typeof globalThis.setTimeout;
  globalThis.clearTimeout = nodeClearTimeout as unknown as typeof globalThis.clearTimeout;
});
afterAll(() => Object.assign(globalThis, jsdomTimers));

const upstream = useAivvmServer();
const chats = () => upstream.current.requests.filter((r) => r.path === '/v1/chat/completions').length;
let relay: RelayWithCuts | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

async function setUp(): Promise<{ relay: RelayWithCuts; scope: EnvironmentInjector }> {
  relay = await startRelayWithCuts(upstream.current);
  const provider = createRelayProvider({
    baseURL: relay.url,
    transport: 'node',
    reconnect: { attempts: 5, initialDelayMs: 1, maxDelayMs: 20 },
  });
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideAivvm({ provider, coalesce: 'none' })],
  });
  return { relay, scope: createEnvironmentInjector([], TestBed.inject(EnvironmentInjector)) };
}
const injector = (): Injector => TestBed.inject(Injector);

describe('Angular over a relay client', () => {
  it('AivvmService.chat(): the relay socket destroyed twice mid-answer, the text completes exactly once', async () => {
    const TEXT = multilingualText(3_000, 3);
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 8, chunkSize: 256 }));
    const { relay } = await setUp();
    relay.cuts.push(1_500, 2_000);
    const chat = TestBed.inject(AivvmService).chat('llama3.2', [{ role: 'user', content: 'Hi' }]);
    expect(await until<ChatStatus>(injector(), chat.status, (s) => s !== 'streaming')).toBe('done');
    expect(chat.text()).toBe(TEXT);
    expect(chat.finishReason()).toBe('stop');
    expect(relay.hits.map((hit) => hit.method)).toEqual(['POST', 'GET', 'GET']);
    expect(chats()).toBe(1);
  });

  it('injectConversation: an answer cut mid-stream is resumed, and the history is whole', async () => {
    upstream.current.enqueue(openaiReply({ text: 'Первый ответ, довольно длинный.', deltaChars: 2 }));
    upstream.current.enqueue(openaiReply({ text: 'Второй.' }));
    const { relay, scope } = await setUp();
    relay.cuts.push(200);
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
      'Первый ответ, довольно длинный.',
      'Два',
      'Второй.',
    ]);
    expect(relay.hits.map((hit) => hit.method)).toEqual(['POST', 'GET', 'POST']);
    expect(chats()).toBe(2);
    scope.destroy();
  });
});
