/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// injectConversation over toolsComplete against the local server's `/v1` route: toolCalls() shows each call's
// status and result as it changes, messages() holds the loop's steps, and stop() mid-tool aborts the tool.
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
import * as t from 'io-ts';
import { NEVER } from 'rxjs';
import { createOpenAICompatible, defineTool, toolsComplete, type Tools } from '../../src';
import { injectConversation, provideAivvm, type ConversationSignals } from '../../src/angular';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { until } from './signals';

const server = useAivvmServer();

const add = defineTool({
  codec: t.type({ a: t.number, b: t.number }),
  execute: ({ a, b }) => a + b,
});

function setUp(tools: Tools): { injector: Injector; chat: ConversationSignals; scope: EnvironmentInjector } {
  const provider = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport: 'node' });
  TestBed.configureTestingModule({
    providers: [provideZonelessChangeDetection(), provideAivvm({ provider, coalesce: 'none' })],
  });
  const scope = createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
  const chat = runInInjectionContext(scope, () =>
    injectConversation({ complete: toolsComplete(provider, 'm', { tools }) }),
  );
  return { injector: TestBed.inject(Injector), chat, scope };
}

describe('injectConversation with tools', () => {
  it('toolCalls() shows each call running, then done with its result; messages() holds the steps', async () => {
    let release!: (value: string) => void;
    const slow = defineTool({
      codec: t.type({}),
      execute: () => new Promise<string>((resolve) => (release = resolve)),
    });
    server.current.enqueue(
      openaiReply({
        toolCalls: [
          { id: 'call_a', name: 'add', arguments: '{"a":1,"b":2}' },
          { id: 'call_s', name: 'slow', arguments: '{}' },
        ],
      }),
      openaiReply({ text: '3, and slow is done.' }),
    );
    const { injector, chat, scope } = setUp({ add, slow });
    chat.send('Add, and be slow');
    const running = await until(injector, chat.toolCalls, (calls) => calls[1]?.status === 'running');
    expect(running.map((c) => [c.name, c.status, c.result])).toEqual([
      ['add', 'done', 3],
      ['slow', 'running', undefined],
    ]);
    expect(chat.status()).toBe('streaming');
    expect(chat.messages().map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool']);

    release('finally');
    expect(await until(injector, chat.status, (s) => s === 'idle')).toBe('idle');
    expect(chat.toolCalls().map((c) => [c.id, c.status, c.result, c.content])).toEqual([
      ['call_a', 'done', 3, '3'],
      ['call_s', 'done', 'finally', 'finally'],
    ]);
    expect(chat.messages().map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'tool', 'assistant']);
    expect(chat.lastAnswer()).toMatchObject({ content: '3, and slow is done.', status: 'done' });
    expect(chat.finishReason()).toBe('stop');

    // A new turn starts with no calls.
    server.current.enqueue(openaiReply({ text: 'Hi' }));
    chat.send('Hello');
    await until(injector, chat.status, (s) => s === 'idle');
    expect(chat.toolCalls()).toEqual([]);
    scope.destroy();
  });

  it("stop() while a tool runs aborts its signal: the call is 'stopped', the finished one keeps its result", async () => {
    let aborted!: () => void;
    const wasAborted = new Promise<void>((resolve) => (aborted = resolve));
    const hang = defineTool({
      codec: t.type({}),
      execute: (_args, { signal }) => {
        signal.addEventListener('abort', () => aborted());
        return NEVER;
      },
    });
    server.current.enqueue(
      openaiReply({
        toolCalls: [
          { id: 'call_a', name: 'add', arguments: '{"a":2,"b":2}' },
          { id: 'call_h', name: 'hang', arguments: '{}' },
        ],
      }),
    );
    const { injector, chat, scope } = setUp({ add, hang });
    chat.send('Add, then hang');
    await until(injector, chat.toolCalls, (calls) => calls[1]?.status === 'running');
    chat.stop();
    await wasAborted;
    expect(chat.status()).toBe('idle');
    expect(chat.toolCalls().map((c) => [c.name, c.status])).toEqual([
      ['add', 'done'],
      ['hang', 'stopped'],
    ]);
    expect(server.current.requests).toHaveLength(1);
    scope.destroy();
  });
});
