/**
 * A conversation whose model calls tools (toolsComplete), against the local server's OpenAI route: the loop's steps
 * become messages, later requests carry the calls and their outcomes, and regenerate, edit and stop work across them.
 */
import * as t from 'io-ts';
import { filter, firstValueFrom, NEVER } from 'rxjs';
import {
  createConversation,
  createOpenAICompatible,
  defineTool,
  toolsComplete,
  turnToolCalls,
  type Conversation,
  type ConversationMessage,
  type ConversationStatus,
  type RunToolsOptions,
} from '../../src';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';

const server = useAivvmServer();

const add = defineTool({
  description: 'Adds two numbers',
  parameters: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } },
  codec: t.type({ a: t.number, b: t.number }),
  execute: ({ a, b }) => a + b,
});
const weather = defineTool({
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
  codec: t.type({ city: t.string }),
  execute: ({ city }) => new Promise((resolve) => setTimeout(() => resolve({ city, celsius: 7 }), 20)),
});

const settled = (conversation: Conversation): Promise<ConversationStatus> =>
  firstValueFrom(conversation.status$.pipe(filter((status) => status !== 'streaming')));

function chat(options: Partial<RunToolsOptions> = {}): Conversation {
  const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
  return createConversation(toolsComplete(ai, 'm', { tools: { add, weather }, ...options }), {
    systemMessage: 'Use the tools.',
  });
}

type Sent = Record<string, unknown>[];
const sentMessages = (i: number): Sent => (server.current.requests[i]!.json as { messages: Sent }).messages;

/** Messages without the values that vary (usage), for whole-history assertions. */
const shape = (messages: readonly ConversationMessage[]) =>
  messages.map((m) => {
    if (m.role !== 'assistant') return m;
    const { usage: _usage, ...rest } = m;
    return rest;
  });

const twoCalls = () =>
  openaiReply({
    toolCalls: [
      { id: 'call_a', name: 'add', arguments: '{"a":1,"b":2}' },
      { id: 'call_w', name: 'weather', arguments: '{"city":"Oslo"}' },
    ],
  });

describe('a conversation with tools against the local server', () => {
  it('holds the loop as messages: the answer with its calls, one tool message per call, the next answer', async () => {
    server.current.enqueue(twoCalls(), openaiReply({ text: '3, and 7 °C.' }));
    const conversation = chat();
    const statuses: string[] = [];
    conversation.messages$.subscribe((messages) => {
      const calls = turnToolCalls(messages)
        .map((c) => `${c.name}:${c.status}`)
        .join(',');
      if (calls !== '' && statuses.at(-1) !== calls) statuses.push(calls);
    });
    conversation.send('1 + 2, and the weather in Oslo?');
    expect(await settled(conversation)).toBe('idle');

    expect(shape(conversation.state.messages)).toEqual([
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: '1 + 2, and the weather in Oslo?' },
      {
        role: 'assistant',
        content: '',
        status: 'done',
        finishReason: 'tool_calls',
        toolCalls: [
          { index: 0, id: 'call_a', name: 'add', arguments: '{"a":1,"b":2}', done: true },
          { index: 1, id: 'call_w', name: 'weather', arguments: '{"city":"Oslo"}', done: true },
        ],
      },
      { role: 'tool', toolCallId: 'call_a', name: 'add', status: 'done', content: '3', result: 3 },
      {
        role: 'tool',
        toolCallId: 'call_w',
        name: 'weather',
        status: 'done',
        content: '{"city":"Oslo","celsius":7}',
        result: { city: 'Oslo', celsius: 7 },
      },
      { role: 'assistant', content: '3, and 7 °C.', status: 'done', finishReason: 'stop' },
    ]);
    // Each step's usage stays on its own answer.
    const answers = conversation.state.messages.filter((m) => m.role === 'assistant');
    expect(answers.map((a) => a.role === 'assistant' && (a.usage?.totalTokens ?? 0) > 0)).toEqual([
      true,
      true,
    ]);
    // As they happened: both running, the instant one done first, then the slow one.
    expect(statuses).toEqual([
      'add:pending',
      'add:pending,weather:pending',
      'add:running,weather:pending',
      'add:running,weather:running',
      'add:done,weather:running',
      'add:done,weather:done',
    ]);

    // The next question carries the calls and what the model got back, in the wire's shape.
    server.current.enqueue(openaiReply({ text: 'You are welcome.' }));
    conversation.send('Thanks');
    expect(await settled(conversation)).toBe('idle');
    expect(sentMessages(2)).toEqual([
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: '1 + 2, and the weather in Oslo?' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'add', arguments: '{"a":1,"b":2}' } },
          { id: 'call_w', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '3' },
      { role: 'tool', tool_call_id: 'call_w', content: '{"city":"Oslo","celsius":7}' },
      { role: 'assistant', content: '3, and 7 °C.' },
      { role: 'user', content: 'Thanks' },
    ]);
  });

  it('regenerate re-runs the whole turn from the last user message', async () => {
    server.current.enqueue(twoCalls(), openaiReply({ text: 'first' }));
    const conversation = chat();
    conversation.send('1 + 2?');
    await settled(conversation);
    expect(conversation.state.messages).toHaveLength(6);

    server.current.enqueue(openaiReply({ text: 'second, without tools' }));
    conversation.regenerate();
    expect(await settled(conversation)).toBe('idle');
    expect(sentMessages(2)).toEqual([
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: '1 + 2?' },
    ]);
    expect(shape(conversation.state.messages)).toEqual([
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: '1 + 2?' },
      { role: 'assistant', content: 'second, without tools', status: 'done', finishReason: 'stop' },
    ]);
  });

  it('editing a user message drops what followed it, tool messages included', async () => {
    server.current.enqueue(twoCalls(), openaiReply({ text: 'first' }));
    const conversation = chat();
    conversation.send('1 + 2?');
    await settled(conversation);
    server.current.enqueue(openaiReply({ text: 'Oslo is in Norway.' }));
    conversation.edit(1, 'Where is Oslo?');
    expect(await settled(conversation)).toBe('idle');
    expect(sentMessages(2)).toEqual([
      { role: 'system', content: 'Use the tools.' },
      { role: 'user', content: 'Where is Oslo?' },
    ]);
    expect(conversation.state.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
  });

  it('stop() during a tool aborts its signal and keeps what finished', async () => {
    let started!: (signal: AbortSignal) => void;
    const running = new Promise<AbortSignal>((resolve) => (started = resolve));
    const hang = defineTool({
      codec: t.type({}),
      execute: (_args, { signal }) => {
        started(signal);
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
    const conversation = chat({ tools: { add, hang } });
    conversation.send('2 + 2, then wait');
    const signal = await running;
    await firstValueFrom(
      conversation.messages$.pipe(filter((ms) => ms.some((m) => m.role === 'tool' && m.status === 'done'))),
    );
    expect(signal.aborted).toBe(false);
    conversation.stop();
    expect(signal.aborted).toBe(true);
    expect(conversation.state.status).toBe('idle');
    const [, , answer, added, hung] = conversation.state.messages;
    expect(answer).toMatchObject({ role: 'assistant', status: 'done' }); // its stream had ended
    expect(added).toEqual({
      role: 'tool',
      toolCallId: 'call_a',
      name: 'add',
      status: 'done',
      content: '4',
      result: 4,
    });
    expect(hung).toMatchObject({ role: 'tool', toolCallId: 'call_h', name: 'hang', status: 'stopped' });
    expect(turnToolCalls(conversation.state.messages).map((c) => c.status)).toEqual(['done', 'stopped']);
    expect(server.current.requests).toHaveLength(1);

    // The next request answers every call: the model is told the stopped one has no result.
    server.current.enqueue(openaiReply({ text: 'ok' }));
    conversation.send('Never mind');
    await settled(conversation);
    expect(sentMessages(1).slice(3, 5)).toEqual([
      { role: 'tool', tool_call_id: 'call_a', content: '4' },
      { role: 'tool', tool_call_id: 'call_h', content: (hung as { content: string }).content },
    ]);
  });

  it("an unknown tool is a tool message with status 'error', and the model is told", async () => {
    server.current.enqueue(
      openaiReply({ toolCalls: [{ id: 'call_x', name: 'teleport', arguments: '{}' }] }),
      openaiReply({ text: 'I cannot teleport.' }),
    );
    const conversation = chat();
    conversation.send('Teleport me');
    await settled(conversation);
    const tool = conversation.state.messages[3];
    expect(tool).toMatchObject({ role: 'tool', toolCallId: 'call_x', name: 'teleport', status: 'error' });
    expect(sentMessages(1)[3]).toEqual({
      role: 'tool',
      tool_call_id: 'call_x',
      content: (tool as { content: string }).content,
    });
    expect((tool as { content: string }).content).toMatch(/teleport/);
  });

  it("maxSteps: the last answer says 'max-steps'; a failing tool with onToolError 'fail' is an error answer", async () => {
    server.current.setReply(() => openaiReply({ toolCalls: [{ name: 'add', arguments: '{"a":1,"b":1}' }] }));
    const conversation = chat({ maxSteps: 2 });
    conversation.send('Loop');
    expect(await settled(conversation)).toBe('idle');
    const roles = conversation.state.messages.map((m) => m.role);
    expect(roles).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'tool']);
    expect(conversation.state.messages[4]).toMatchObject({ status: 'done', finishReason: 'max-steps' });

    const boom = defineTool({
      codec: t.type({}),
      execute: () => {
        throw new Error('boom');
      },
    });
    server.current.setReply(() =>
      openaiReply({ toolCalls: [{ id: 'call_b', name: 'boom', arguments: '{}' }] }),
    );
    const failing = chat({ tools: { boom }, onToolError: 'fail' });
    failing.send('Explode');
    expect(await settled(failing)).toBe('error');
    const last = failing.state.messages.at(-1);
    expect(last).toMatchObject({ role: 'assistant', content: '', status: 'error' });
    expect(failing.state.messages[2]).toMatchObject({ role: 'assistant', status: 'done' });
    expect(failing.state.messages[3]).toMatchObject({
      role: 'tool',
      toolCallId: 'call_b',
      status: 'error',
      content: (last as { error: Error }).error.message,
    });
    expect(failing.state.error).toBe((last as { error: unknown }).error);
  });
});
