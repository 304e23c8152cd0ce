/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Everything a server sends beside the text, as signals: chat() and completionResource with an OpenAI-compatible
// provider against the local server's `/v1` route (recorded-shape SSE bodies), and an Aivvm answer's empty parts.
import './jsdomGlobals';
import './testBed';
import {
  EnvironmentInjector,
  Injector,
  provideZonelessChangeDetection,
  runInInjectionContext,
  signal,
  createEnvironmentInjector,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { createOpenAICompatible } from '../../src';
import {
  AivvmService,
  completionResource,
  injectConversation,
  provideAivvm,
  type ChatStatus,
  type CompletionRequest,
} from '../../src/angular';
import { useAivvmServer } from '../helpers/server';
import { until } from './signals';

const server = useAivvmServer();
const ask = [{ role: 'user' as const, content: 'What is 2+2?' }];

/** An SSE body of the given chunks' JSON (`data: …` + blank line each), then `[DONE]`. */
const sse = (...chunks: object[]): Uint8Array =>
  new TextEncoder().encode(
    [...chunks.map((chunk) => JSON.stringify(chunk)), '[DONE]'].map((data) => `data: ${data}\n\n`).join(''),
  );
const delta = (d: object, finish: string | null = null): object => ({
  id: 'c1',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});
const usage = { prompt_tokens: 9, completion_tokens: 30, total_tokens: 39 };

/** A DeepSeek-shaped answer: reasoning_content first, then the text, cut by the token limit. */
const REASONED = sse(
  delta({ role: 'assistant', content: null, reasoning_content: 'The user asks ' }),
  delta({ content: null, reasoning_content: 'for 2+2.' }),
  delta({ content: '2 + 2 ' }),
  delta({ content: '= 4' }, 'length'),
  { id: 'c1', object: 'chat.completion.chunk', choices: [], usage },
);
/** An answer that only calls a tool, its arguments in two pieces. */
const TOOL_CALL = sse(
  delta({
    role: 'assistant',
    tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'add', arguments: '{"a":' } }],
  }),
  delta({ tool_calls: [{ index: 0, function: { arguments: '2,"b":2}' } }] }),
  delta({}, 'tool_calls'),
);
/** An OpenAI refusal: content null, the refusal in its own field. */
const REFUSAL = sse(
  delta({ role: 'assistant', content: null, refusal: "I can't " }),
  delta({ refusal: 'help with that.' }),
  delta({}, 'stop'),
);

function setUp(): Injector {
  const provider = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport: 'node' });
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideAivvm({ provider, coalesce: 'none' })],
  });
  return TestBed.inject(Injector);
}

describe('answer parts as signals', () => {
  it("chat(): reasoning, text, finishReason 'length' and usage, chunked one byte at a time", async () => {
    server.current.enqueue({ bytes: REASONED, chunkSize: 1 });
    const injector = setUp();
    const chat = TestBed.inject(AivvmService).chat('deepseek-reasoner', ask);
    expect(chat.finishReason()).toBeUndefined();
    expect(await until<ChatStatus>(injector, chat.status, (s) => s !== 'streaming')).toBe('done');
    expect(chat.reasoning()).toBe('The user asks for 2+2.');
    expect(chat.text()).toBe('2 + 2 = 4');
    expect(chat.finishReason()).toBe('length');
    expect(chat.usage()).toMatchObject({ promptTokens: 9, completionTokens: 30, totalTokens: 39 });
    expect(chat.refusal()).toBe('');
    expect(chat.toolCalls()).toEqual([]);
  });

  it('chat(): a tool call arrives whole, with its arguments exactly as streamed', async () => {
    server.current.enqueue({ bytes: TOOL_CALL, chunkSize: 7 });
    const injector = setUp();
    const chat = TestBed.inject(AivvmService).chat('llama3.2', ask);
    expect(await until<ChatStatus>(injector, chat.status, (s) => s !== 'streaming')).toBe('done');
    expect(chat.text()).toBe('');
    expect(chat.finishReason()).toBe('tool_calls');
    expect(chat.toolCalls()).toEqual([
      { type: 'tool-call', index: 0, id: 'call_1', name: 'add', arguments: '{"a":2,"b":2}' },
    ]);
  });

  it('completionResource: a refusal is a refusal, not an empty answer; a new request resets the parts', async () => {
    server.current.enqueue({ bytes: REFUSAL });
    server.current.enqueue({ bytes: REASONED });
    const injector = setUp();
    const scope = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const asked = signal<CompletionRequest | undefined>({ model: 'gpt-4o', messages: ask });
    const answer = runInInjectionContext(scope, () => completionResource(() => asked()));
    await until(injector, answer.finishReason, (r) => r !== undefined);
    expect(answer.refusal()).toBe("I can't help with that.");
    expect(answer.text()).toBe('');
    expect(answer.finishReason()).toBe('stop');

    asked.set({ model: 'deepseek-reasoner', messages: ask });
    await until(injector, answer.finishReason, (r) => r === 'length');
    expect(answer.refusal()).toBe('');
    expect(answer.reasoning()).toBe('The user asks for 2+2.');
    expect(answer.text()).toBe('2 + 2 = 4');
    expect(answer.usage()?.totalTokens).toBe(39);
    scope.destroy();
  });

  it('injectConversation over the OpenAI provider: the last answer is truncated, with its reasoning, reason and usage', async () => {
    server.current.enqueue({ bytes: REASONED, chunkSize: 5 });
    server.current.enqueue({ bytes: REFUSAL });
    const injector = setUp();
    const scope = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
    const chat = runInInjectionContext(scope, () => injectConversation({ model: 'deepseek-reasoner' }));
    expect(chat.lastAnswer()).toBeUndefined();
    expect(chat.finishReason()).toBeUndefined();
    chat.send('What is 2+2?');
    await until(injector, chat.status, (s) => s === 'idle');
    expect(chat.lastAnswer()).toMatchObject({
      content: '2 + 2 = 4',
      status: 'truncated',
      finishReason: 'length',
    });
    expect(chat.reasoning()).toBe('The user asks for 2+2.');
    expect(chat.finishReason()).toBe('length');
    expect(chat.usage()).toMatchObject({ totalTokens: 39 });

    chat.send('And 3+3?');
    await until(injector, chat.status, (s) => s === 'idle');
    expect(chat.refusal()).toBe("I can't help with that.");
    expect(chat.reasoning()).toBe('');
    // The reasoning stays on screen, not in the history sent back.
    expect((server.current.requests[1]?.json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'What is 2+2?' },
      { role: 'assistant', content: '2 + 2 = 4' },
      { role: 'user', content: 'And 3+3?' },
    ]);
    scope.destroy();
  });

  it('an Aivvm answer: text only, finishReason null once done', async () => {
    server.current.enqueue({ text: 'Привет 👋', chunkSize: 2 });
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideAivvm({ baseURL: server.current.url, transport: 'node', coalesce: 'none' }),
      ],
    });
    const injector = TestBed.inject(Injector);
    const chat = TestBed.inject(AivvmService).chat('gpt-4', ask);
    expect(await until<ChatStatus>(injector, chat.status, (s) => s !== 'streaming')).toBe('done');
    expect(chat.text()).toBe('Привет 👋');
    expect(chat.finishReason()).toBeNull();
    expect([chat.reasoning(), chat.refusal(), chat.toolCalls(), chat.usage()]).toEqual([
      '',
      '',
      [],
      undefined,
    ]);
  });
});
