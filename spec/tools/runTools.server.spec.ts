/**
 * runTools against the project's local server (its OpenAI route scripts tool-call replies and records requests).
 */
import * as t from 'io-ts';
import { firstValueFrom, lastValueFrom, NEVER, filter, toArray } from 'rxjs';
import {
  createOpenAICompatible,
  defineTool,
  runTools,
  type OpenAIMessage,
  type RunToolsEvent,
} from '../../src';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';

const question: OpenAIMessage[] = [{ role: 'user', content: 'What is 1 + 2, and the weather in Oslo?' }];

const add = defineTool({
  description: 'Adds two numbers',
  parameters: {
    type: 'object',
    properties: { a: { type: 'number' }, b: { type: 'number' } },
    required: ['a', 'b'],
  },
  codec: t.type({ a: t.number, b: t.number }),
  execute: ({ a, b }) => a + b,
});
const weather = defineTool({
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  codec: t.type({ city: t.string }),
  execute: ({ city }) => Promise.resolve({ city, celsius: 7 }),
});

describe.each(['node', 'fetch'] as const)('runTools against the local server (%s)', (transport) => {
  const server = useAivvmServer();
  const ai = () => createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport });
  const run = (options: Partial<Parameters<typeof runTools>[3]> = {}, messages = question) =>
    lastValueFrom(runTools(ai(), 'm', messages, { tools: { add, weather }, ...options }).pipe(toArray()));

  it('two steps: tool calls, then text; the second request carries the calls and their results', async () => {
    server.current.enqueue(
      openaiReply({
        toolCalls: [
          { id: 'call_a', name: 'add', arguments: '{"a":1,"b":2}' },
          { id: 'call_w', name: 'weather', arguments: '{"city":"Oslo"}' },
        ],
      }),
      openaiReply({ text: '3, and 7 °C in Oslo.' }),
    );
    const events = await run({ temperature: 0 });
    expect(events.filter((e) => e.type === 'tool-result')).toEqual([
      { type: 'tool-result', id: 'call_a', name: 'add', result: 3 },
      { type: 'tool-result', id: 'call_w', name: 'weather', result: { city: 'Oslo', celsius: 7 } },
    ]);
    const [first, second] = server.current.requests.map((r) => r.json as Record<string, unknown>);
    expect(first?.['tools']).toEqual([
      {
        type: 'function',
        function: { name: 'add', description: 'Adds two numbers', parameters: add.parameters },
      },
      {
        type: 'function',
        function: {
          name: 'weather',
          description: 'Current weather in a city',
          parameters: weather.parameters,
        },
      },
    ]);
    expect(first?.['temperature']).toBe(0);
    const messages = second?.['messages'] as Record<string, unknown>[];
    expect(messages).toHaveLength(4);
    expect(messages[0]).toEqual(question[0]);
    const assistant = messages[1]!;
    expect(assistant['role']).toBe('assistant');
    expect(assistant['content']).toBeNull();
    expect(assistant).not.toHaveProperty('reasoning_content');
    expect(assistant['tool_calls']).toEqual([
      { id: 'call_a', type: 'function', function: { name: 'add', arguments: '{"a":1,"b":2}' } },
      { id: 'call_w', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
    ]);
    expect(messages[2]).toEqual({ role: 'tool', tool_call_id: 'call_a', content: '3' });
    expect(messages[3]).toEqual({
      role: 'tool',
      tool_call_id: 'call_w',
      content: '{"city":"Oslo","celsius":7}',
    });
    expect(second?.['tools']).toEqual(first?.['tools']);
    const finish = events.at(-1)!;
    expect(finish).toMatchObject({ type: 'finish', reason: 'stop', steps: 2 });
    expect(
      events
        .filter((e) => e.type === 'text')
        .map((e) => (e as { text: string }).text)
        .join(''),
    ).toBe('3, and 7 °C in Oslo.');
    // Usage is summed over the two steps (the server counts one token per word and per delta).
    const steps = events.flatMap((e) => (e.type === 'step-finish' ? [e.usage!.totalTokens] : []));
    expect(finish.type === 'finish' && finish.usage?.totalTokens).toBe(steps[0]! + steps[1]!);
  });

  it('unsubscribing mid-request closes the socket', async () => {
    server.current.enqueue(
      openaiReply({ text: 'x'.repeat(4000), deltaChars: 5, chunkSize: 64, chunkDelayMs: 5 }),
    );
    const request = server.current.nextRequest('POST /v1/chat/completions');
    await firstValueFrom(
      runTools(ai(), 'm', question, { tools: { add } }).pipe(filter((e) => e.type === 'text')),
    );
    const outcome = await (await request).closed;
    expect(outcome.finished).toBe(false);
    await (
      await request
    ).socketClosed;
  });

  it('unsubscribing mid-tool aborts its signal; nothing more is sent', async () => {
    server.current.enqueue(openaiReply({ toolCalls: [{ name: 'hang', arguments: '{}' }] }));
    let started!: (signal: AbortSignal) => void;
    const running = new Promise<AbortSignal>((resolve) => (started = resolve));
    const hang = defineTool({
      codec: t.type({}),
      execute: (_args, { signal }) => {
        started(signal);
        return NEVER;
      },
    });
    const subscription = runTools(ai(), 'm', question, { tools: { hang } }).subscribe();
    const signal = await running;
    expect(signal.aborted).toBe(false);
    subscription.unsubscribe();
    expect(signal.aborted).toBe(true);
    expect(server.current.requests).toHaveLength(1);
  });

  it('300 one-character argument deltas, the id only in the first, assemble to exactly the final JSON', async () => {
    const text = 'Ünïcødé ✓ '.repeat(20);
    const json = JSON.stringify({ text }).padEnd(300, ' ');
    expect([...json]).toHaveLength(300);
    server.current.enqueue(
      openaiReply({ toolCalls: [{ id: 'call_long', name: 'echo', arguments: [...json] }] }),
      openaiReply({ text: 'ok' }),
    );
    const echo = defineTool({ codec: t.type({ text: t.string }), execute: ({ text }) => text });
    const events = await run({ tools: { echo } });
    const deltas = events.filter((e) => e.type === 'tool-call-delta');
    expect(deltas.filter((d) => d.argumentsDelta !== '')).toHaveLength(300);
    expect(deltas.filter((d) => d.id !== undefined)).toHaveLength(1);
    expect(events.filter((e) => e.type === 'tool-call')).toEqual([
      { type: 'tool-call', index: 0, id: 'call_long', name: 'echo', arguments: json },
    ]);
    expect(events.find((e) => e.type === 'tool-result')).toMatchObject({ result: text });
    const sent = server.current.requests[1]!.json as {
      messages: { tool_calls?: { function: { arguments: string } }[] }[];
    };
    expect(sent.messages[1]!.tool_calls![0]!.function.arguments).toBe(json);
  });

  it('a parsable prefix emits no tool-call before the stream ends', async () => {
    // '{"q":"x"}' parses at its first delta; the call is whole only when the stream ends.
    server.current.enqueue(
      openaiReply({
        toolCalls: [{ id: 'call_q', name: 'search', arguments: ['{"q":"x"}', ' ', ' '] }],
        perEvent: true,
        chunkDelayMs: 10,
      }),
      openaiReply({ text: 'found' }),
    );
    const search = defineTool({ codec: t.type({ q: t.string }), execute: ({ q }) => [q] });
    const events = await run({ tools: { search } });
    const lastDelta = events.map((e) => e.type).lastIndexOf('tool-call-delta');
    const call = events.findIndex((e) => e.type === 'tool-call');
    expect(call).toBeGreaterThan(lastDelta);
    expect(events[call]).toMatchObject({ arguments: '{"q":"x"}  ' });
  });

  it('invalid arguments go back to the model, and a corrected second step succeeds', async () => {
    server.current.enqueue(
      openaiReply({ toolCalls: [{ id: 'call_1', name: 'weather', arguments: '{"city":42}' }] }),
      openaiReply({ toolCalls: [{ id: 'call_2', name: 'weather', arguments: '{"city":"Oslo"}' }] }),
      openaiReply({ text: '7 °C' }),
    );
    const events = await run();
    expect(events.filter((e) => e.type === 'tool-error').map((e) => (e as { id: string }).id)).toEqual([
      'call_1',
    ]);
    expect(events.filter((e) => e.type === 'tool-result')).toEqual([
      { type: 'tool-result', id: 'call_2', name: 'weather', result: { city: 'Oslo', celsius: 7 } },
    ]);
    const second = server.current.requests[1]!.json as { messages: OpenAIMessage[] };
    expect(second.messages[2]).toEqual({
      role: 'tool',
      tool_call_id: 'call_1',
      content:
        'invalid arguments for "weather": arguments.city: expected a string, got 42. Call it again with one JSON object that follows its parameters.',
    });
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop', steps: 3 });
  });

  it("Ollama's style (calls without index, finish 'stop', no ids) still runs the calls", async () => {
    server.current.enqueue(
      openaiReply({
        toolCalls: [
          { id: null, name: 'add', arguments: '{"a":2,"b":3}' },
          { id: null, name: 'weather', arguments: '{"city":"Oslo"}' },
        ],
        toolCallStyle: 'ollama',
      }),
      openaiReply({ text: '5' }),
    );
    const events = await run();
    expect(
      events.filter((e) => e.type === 'step-finish').map((e) => (e as { reason: string }).reason),
    ).toEqual(['stop', 'stop']);
    const results = events.flatMap((e) => (e.type === 'tool-result' ? [e] : []));
    expect(results.map((r) => [r.name, r.result])).toEqual([
      ['add', 5],
      ['weather', { city: 'Oslo', celsius: 7 }],
    ]);
    // Made-up ids, unique, and the tool messages answer them.
    const second = server.current.requests[1]!.json as { messages: Record<string, unknown>[] };
    const ids = (second.messages[1]!['tool_calls'] as { id: string }[]).map((c) => c.id);
    expect(new Set(ids).size).toBe(2);
    expect(second.messages.slice(2).map((m) => m['tool_call_id'])).toEqual(ids);
  });

  it("maxSteps ends with 'max-steps' while the model still calls tools", async () => {
    server.current.setReply(() => openaiReply({ toolCalls: [{ name: 'add', arguments: '{"a":1,"b":1}' }] }));
    const events = await run({ maxSteps: 3 });
    expect(server.current.requests).toHaveLength(3);
    const finish = events.at(-1) as Extract<RunToolsEvent, { type: 'finish' }>;
    expect(finish).toMatchObject({ type: 'finish', reason: 'max-steps', steps: 3 });
    // Every call of the last step is answered: the history can start another run.
    expect(finish.messages.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_0', content: '2' });
  });

  it('a refusal stays in the final history message (as its content, after any text)', async () => {
    server.current.enqueue(
      openaiReply({ refusal: 'I cannot help with that.' }),
      openaiReply({ text: 'Partly: ', refusal: 'the rest I cannot say.' }),
    );
    const refused = await run();
    const finish = refused.at(-1) as Extract<RunToolsEvent, { type: 'finish' }>;
    expect(finish.messages.at(-1)).toEqual({ role: 'assistant', content: 'I cannot help with that.' });
    const mixed = (await run()).at(-1) as Extract<RunToolsEvent, { type: 'finish' }>;
    expect(mixed.messages.at(-1)).toEqual({
      role: 'assistant',
      content: 'Partly: \n\nthe rest I cannot say.',
    });
  });

  it('DeepSeek thinking mode: the assistant message goes back with its reasoning_content', async () => {
    const reasoning = 'The user wants a sum; call add.';
    server.current.setReply((request, index) => {
      const messages = (request.json as { messages: Record<string, unknown>[] }).messages;
      // As DeepSeek: 400 when an assistant message with tool calls lacks its reasoning_content.
      const missing = messages.some(
        (m) => m['tool_calls'] !== undefined && m['reasoning_content'] === undefined,
      );
      if (missing)
        return openaiReply({
          status: 400,
          error: {
            message: 'Missing `reasoning_content` field in the assistant message',
            type: 'invalid_request_error',
          },
        });
      return index === 0
        ? openaiReply({ reasoning, toolCalls: [{ id: 'call_r', name: 'add', arguments: '{"a":2,"b":2}' }] })
        : openaiReply({ reasoning: 'Answer it.', text: '4' });
    });
    const events = await run();
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop', steps: 2 });
    const second = server.current.requests[1]!.json as { messages: Record<string, unknown>[] };
    expect(second.messages[1]).toEqual({
      role: 'assistant',
      content: null,
      reasoning_content: reasoning,
      tool_calls: [{ id: 'call_r', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":2}' } }],
    });
    const finish = events.at(-1) as Extract<RunToolsEvent, { type: 'finish' }>;
    // The final answer goes without its reasoning: a next question must not send it back (DeepSeek answers 400).
    expect(finish.messages.at(-1)).toEqual({ role: 'assistant', content: '4' });
  });
});
