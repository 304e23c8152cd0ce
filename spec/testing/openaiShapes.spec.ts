/**
 * Issue 19 point 8: the OpenAI route of the local server sends reasoning, refusals, tool calls, content parts,
 * content filters and usage in the field names of each server family. The SSE bytes are read by a raw client
 * and a minimal SSE reader (spec/testing/sseEvents.ts), never by the library's own parser.
 */
import { openaiReply, startAivvmServer, type AivvmServer, type OpenAIReply } from '../../src/testing';
import { exchange, send } from './rawClient';
import { deltas, sseChunks, type Chunk } from './sseEvents';

const request = (extra: Record<string, unknown> = {}) => ({
  model: 'local-model',
  messages: [{ role: 'user', content: 'two words' }],
  stream: true,
  ...extra,
});

describe('OpenAI route: the shapes of each server family', () => {
  let server: AivvmServer;
  beforeAll(async () => {
    server = await startAivvmServer();
  });
  afterAll(() => server.close());

  async function stream(reply: OpenAIReply, extra: Record<string, unknown> = {}) {
    server.enqueue(openaiReply(reply));
    const response = await exchange(send(server.url, '/v1/chat/completions', request(extra)));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    return { ...sseChunks(response.text), text: response.text };
  }

  async function whole(reply: OpenAIReply): Promise<Chunk> {
    server.enqueue(openaiReply(reply));
    const response = await exchange(send(server.url, '/v1/chat/completions', request({ stream: false })));
    expect(response.headers['content-type']).toBe('application/json');
    return JSON.parse(response.text) as Chunk;
  }

  const finishOf = (chunks: Chunk[]) => chunks.find((c) => c['choices']?.[0]?.finish_reason != null);

  it('reasoning as delta.reasoning_content by default (DeepSeek, Groq), before the answer', async () => {
    const { chunks, done } = await stream({ reasoning: 'Think: 2+2.', text: '4', deltaChars: 6 });
    expect(done).toBe(true);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: 'Think:' },
      { reasoning_content: ' 2+2.' },
      { content: '4' },
      {},
    ]);
    expect(finishOf(chunks)?.['choices'][0].finish_reason).toBe('stop');
  });

  it("reasoning as delta.reasoning with reasoningField: 'reasoning' (Ollama, vLLM), given as pieces", async () => {
    const { chunks } = await stream({ reasoning: ['a ', 'b'], reasoningField: 'reasoning', deltas: ['ok'] });
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning: 'a ' },
      { reasoning: 'b' },
      { content: 'ok' },
      {},
    ]);
    expect(JSON.stringify(chunks)).not.toContain('reasoning_content');
  });

  it('a refusal as OpenAI sends it: content null and refusal "" first, then refusal deltas, no content', async () => {
    const { chunks } = await stream({ refusal: ["I'm", ' sorry'] });
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: null, refusal: '' },
      { refusal: "I'm" },
      { refusal: ' sorry' },
      {},
    ]);
    expect(finishOf(chunks)?.['choices'][0].finish_reason).toBe('stop');
  });

  it("tool calls, 'openai' style: index on every delta, id/type/name first with empty arguments, then pieces", async () => {
    const { chunks } = await stream({
      toolCalls: [
        { name: 'weather', arguments: '{"city":"Paris"}' },
        { id: 'call_x', name: 'time', arguments: ['{"tz":', '"CET"}'] },
      ],
      deltaChars: 5,
    });
    const all = deltas(chunks);
    expect(all[0]).toEqual({ role: 'assistant', content: null });
    const calls = all.filter((d) => d['tool_calls'] !== undefined).map((d) => d['tool_calls']);
    expect(calls.every((c) => c.length === 1)).toBe(true);
    const [first, ...rest] = calls.map((c) => c[0] as Chunk);
    expect(first).toEqual({
      index: 0,
      id: 'call_0',
      type: 'function',
      function: { name: 'weather', arguments: '' },
    });
    const zero = rest.filter((c) => c['index'] === 0);
    expect(zero.every((c) => Object.keys(c).sort().join() === 'function,index')).toBe(true);
    expect(zero.map((c) => c['function'].arguments)).toEqual(['{"cit', 'y":"P', 'aris"', '}']);
    const one = rest.filter((c) => c['index'] === 1);
    expect(one[0]).toEqual({
      index: 1,
      id: 'call_x',
      type: 'function',
      function: { name: 'time', arguments: '' },
    });
    expect(one.slice(1).map((c) => c['function'])).toEqual([
      { arguments: '{"tz":' },
      { arguments: '"CET"}' },
    ]);
    expect(finishOf(chunks)?.['choices'][0].finish_reason).toBe('tool_calls');
  });

  it("tool calls, 'whole' style (Groq, xAI): each call in one delta, with index; first index 1", async () => {
    const { chunks } = await stream({
      toolCalls: [{ id: 'a', name: 'f', arguments: ['{"x":', '1}'] }],
      toolCallStyle: 'whole',
      firstToolCallIndex: 1,
    });
    const calls = deltas(chunks).filter((d) => d['tool_calls'] !== undefined);
    expect(calls).toEqual([
      {
        tool_calls: [{ index: 1, id: 'a', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }],
      },
    ]);
    expect(finishOf(chunks)?.['choices'][0].finish_reason).toBe('tool_calls');
  });

  it("tool calls, 'ollama' style: no index, whole call, finish 'stop'; id null sends none, '' an empty one", async () => {
    const { chunks } = await stream({
      toolCalls: [
        { id: null, name: 'f', arguments: '{}' },
        { id: '', name: 'g', arguments: '{"q":"é"}' },
      ],
      toolCallStyle: 'ollama',
    });
    const calls = deltas(chunks)
      .filter((d) => d['tool_calls'] !== undefined)
      .map((d) => d['tool_calls'][0]);
    expect(calls).toEqual([
      { type: 'function', function: { name: 'f', arguments: '{}' } },
      { id: '', type: 'function', function: { name: 'g', arguments: '{"q":"é"}' } },
    ]);
    expect(finishOf(chunks)?.['choices'][0].finish_reason).toBe('stop');
  });

  it('text before tool calls when text is given too; finishReason overrides the default', async () => {
    const { chunks } = await stream({
      text: 'Let me check.',
      deltaChars: 100,
      toolCalls: [{ name: 'f', arguments: '{}' }],
      finishReason: 'function_call_filter: MALFORMED_FUNCTION_CALL',
    });
    const all = deltas(chunks);
    expect(all[0]).toEqual({ role: 'assistant', content: '' });
    expect(all[1]).toEqual({ content: 'Let me check.' });
    expect(all[2]?.['tool_calls']).toBeDefined();
    expect(finishOf(chunks)?.['choices'][0].finish_reason).toBe(
      'function_call_filter: MALFORMED_FUNCTION_CALL',
    );
  });

  it('content parts (Mistral magistral): thinking parts, then text parts', async () => {
    const { chunks } = await stream({
      contentParts: true,
      reasoning: ['Basic', ' sums.'],
      deltas: ['2 + 2 = 4'],
    });
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Basic' }] }] },
      { content: [{ type: 'thinking', thinking: [{ type: 'text', text: ' sums.' }] }] },
      { content: [{ type: 'text', text: '2 + 2 = 4' }] },
      {},
    ]);
  });

  it('Azure filter results: a first chunk with empty choices, results on content, a trailing results chunk', async () => {
    const { chunks, done } = await stream({ deltas: ['Hello'], filterResults: true });
    expect(done).toBe(true);
    expect(chunks[0]).toEqual({
      id: '',
      object: '',
      created: 0,
      model: '',
      choices: [],
      prompt_filter_results: [
        {
          prompt_index: 0,
          content_filter_results: {
            hate: { filtered: false, severity: 'safe' },
            self_harm: { filtered: false, severity: 'safe' },
            sexual: { filtered: false, severity: 'safe' },
            violence: { filtered: false, severity: 'safe' },
          },
        },
      ],
    });
    const content = chunks.find((c) => c['choices'][0]?.delta?.content === 'Hello');
    expect(content?.['choices'][0].content_filter_results.hate).toEqual({
      filtered: false,
      severity: 'safe',
    });
    const last = chunks.at(-1)!;
    expect(last['choices'][0]).toEqual({
      content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: 5 },
      content_filter_results: expect.objectContaining({ hate: { filtered: false, severity: 'safe' } }),
      finish_reason: null,
      index: 0,
    });
    expect(last['choices'][0].delta).toBeUndefined();
  });

  it("contentFilter: finish_reason 'content_filter' after the text; with results, hate filtered", async () => {
    const plain = await stream({ deltas: ['The first'], contentFilter: true });
    expect(finishOf(plain.chunks)?.['choices'][0].finish_reason).toBe('content_filter');
    const azure = await stream({ deltas: ['The first'], contentFilter: true, filterResults: true });
    const finish = finishOf(azure.chunks)?.['choices'][0];
    expect(finish.finish_reason).toBe('content_filter');
    expect(finish.content_filter_results.hate).toEqual({ filtered: true, severity: 'high' });
  });

  describe('usage', () => {
    const usage = {
      prompt_tokens: 7,
      completion_tokens: 3,
      total_tokens: 10,
      prompt_tokens_details: { cached_tokens: 4 },
    };

    it("sendUsage: 'always' sends a separate chunk with empty choices, unasked; details as given", async () => {
      const { chunks } = await stream({ deltas: ['a'], sendUsage: 'always', usage });
      expect(chunks.at(-1)).toEqual({
        id: 'chatcmpl-local',
        object: 'chat.completion.chunk',
        created: 0,
        model: 'local-model',
        choices: [],
        usage,
      });
      expect(chunks.filter((c) => c['usage'] !== undefined)).toHaveLength(1);
    });

    it("usageChunk: 'last-choice' puts it on the finish chunk, and no separate chunk", async () => {
      const { chunks } = await stream(
        { deltas: ['a'], usage, usageChunk: 'last-choice' },
        {
          stream_options: { include_usage: true },
        },
      );
      const finish = finishOf(chunks)!;
      expect(finish['usage']).toEqual(usage);
      expect(chunks.at(-1)).toBe(finish);
      expect(chunks.every((c) => c['choices'].length === 1)).toBe(true);
    });

    it("sendUsage: 'never' sends none even when asked; the default sends it only when asked", async () => {
      const never = await stream(
        { deltas: ['a'], sendUsage: 'never' },
        { stream_options: { include_usage: true } },
      );
      expect(never.chunks.some((c) => 'usage' in c)).toBe(false);
      const unasked = await stream({ deltas: ['a'] });
      expect(unasked.chunks.some((c) => 'usage' in c)).toBe(false);
      const asked = await stream({ deltas: ['a', 'b'] }, { stream_options: { include_usage: true } });
      expect(asked.chunks.at(-1)?.['usage']).toEqual({
        prompt_tokens: 2,
        completion_tokens: 2,
        total_tokens: 4,
      });
    });

    it('usageOnEveryChunk: a running usage on every chunk (NIM, vLLM), the final one last', async () => {
      const { chunks } = await stream({
        deltas: ['a', 'b', 'c'],
        sendUsage: 'always',
        usageOnEveryChunk: true,
      });
      const counts = chunks.map((c) => c['usage']?.completion_tokens);
      expect(counts).toEqual([0, 1, 2, 3, 3, 3]);
      expect(chunks.every((c) => c['usage'].prompt_tokens === 2)).toBe(true);
    });
  });

  it('CRLF line endings and comments apply to every new shape', async () => {
    const { chunks, text } = await stream({
      reasoning: 'r',
      toolCalls: [{ name: 'f', arguments: '{}' }],
      lineEnding: '\r\n',
      comments: true,
    });
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text.split(': keep-alive\r\n').length - 1).toBe(chunks.length + 1);
  });

  describe('stream: false gets the matching JSON message', () => {
    it('reasoning_content (or reasoning) and the content', async () => {
      const body = await whole({ reasoning: 'Think.', text: '4' });
      expect(body['choices'][0]).toEqual({
        index: 0,
        message: { role: 'assistant', content: '4', reasoning_content: 'Think.' },
        finish_reason: 'stop',
      });
      const ollama = await whole({ reasoning: ['a', 'b'], reasoningField: 'reasoning', text: 'x' });
      expect(ollama['choices'][0].message).toEqual({ role: 'assistant', content: 'x', reasoning: 'ab' });
    });

    it('a refusal with content null', async () => {
      const body = await whole({ refusal: 'No.' });
      expect(body['choices'][0].message).toEqual({ role: 'assistant', content: null, refusal: 'No.' });
    });

    it('tool_calls with whole arguments and finish_reason tool_calls', async () => {
      const body = await whole({
        toolCalls: [
          { name: 'f', arguments: ['{"a":', '1}'] },
          { id: null, name: 'g', arguments: '' },
        ],
      });
      expect(body['choices'][0]).toEqual({
        index: 0,
        message: {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_0', type: 'function', function: { name: 'f', arguments: '{"a":1}' } },
            { type: 'function', function: { name: 'g', arguments: '' } },
          ],
        },
        finish_reason: 'tool_calls',
      });
      expect(body['usage']).toEqual({ prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 });
    });

    it('content parts, Azure filter results and content_filter', async () => {
      const parts = await whole({ contentParts: true, reasoning: 'r', text: 't' });
      expect(parts['choices'][0].message.content).toEqual([
        { type: 'thinking', thinking: [{ type: 'text', text: 'r' }] },
        { type: 'text', text: 't' },
      ]);
      const filtered = await whole({ text: 'x', filterResults: true, contentFilter: true });
      expect(filtered['prompt_filter_results'][0].prompt_index).toBe(0);
      expect(filtered['choices'][0].finish_reason).toBe('content_filter');
      expect(filtered['choices'][0].content_filter_results.hate).toEqual({
        filtered: true,
        severity: 'high',
      });
    });

    it('an error with a 2xx status is a 200 whose body is { error } (as some gateways answer)', async () => {
      server.enqueue(
        openaiReply({ error: { message: 'upstream overloaded', type: 'server_error', code: 503 } }),
      );
      const response = await exchange(send(server.url, '/v1/chat/completions', request({ stream: false })));
      expect(response.status).toBe(200);
      expect(JSON.parse(response.text)).toEqual({
        error: { message: 'upstream overloaded', type: 'server_error', code: 503 },
      });
    });
  });

  it('accepts requests with content parts, assistant tool calls (content null) and tool messages', async () => {
    server.enqueue(openaiReply({ deltaChars: 50 }));
    const response = await exchange(
      send(server.url, '/v1/chat/completions', {
        model: 'm',
        stream: true,
        messages: [
          { role: 'user', content: 'first' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'c', content: '{"ok":true}' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'echo ' },
              { type: 'image_url', image_url: { url: 'x' } },
              { type: 'text', text: 'this' },
            ],
          },
        ],
      }),
    );
    expect(response.status).toBe(200);
    expect(deltas(sseChunks(response.text).chunks)[1]).toEqual({ content: 'echo this' });
    const bad = await exchange(
      send(server.url, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 5 }] }),
    );
    expect(bad.status).toBe(400);
  });
});

describe('the new OpenAI options are checked like the others', () => {
  it.each<[OpenAIReply, string]>([
    [
      { toolCalls: [] },
      'reply.toolCalls must be a non-empty array of tool calls (leave toolCalls out for none), got []',
    ],
    [
      { toolCalls: [{ name: 'f' }] as never },
      'reply.toolCalls[0].arguments must be a string or an array of strings, got undefined',
    ],
    [
      { toolCalls: [{ name: 'f', arguments: '{}', args: 1 }] as never },
      'reply.toolCalls[0].args must be left out (a tool call has id, name and arguments), got 1',
    ],
    [
      { toolCalls: [{ id: 3, name: 'f', arguments: '' }] as never },
      'reply.toolCalls[0].id must be a string or null, got 3',
    ],
    [{ reasoning: 5 } as never, 'reply.reasoning must be a string or an array of strings, got 5'],
    [{ reasoning: ['a', 1] } as never, 'reply.reasoning[1] must be a string, got 1'],
    [
      { reasoningField: 'thinking' } as never,
      'reply.reasoningField must be one of "reasoning_content", "reasoning", got "thinking"',
    ],
    [{ reasoningField: 'reasoning' }, 'reply.reasoningField needs reasoning'],
    [
      { reasoning: 'r', reasoningField: 'reasoning', contentParts: true },
      'reply.reasoningField has no effect with contentParts',
    ],
    [{ toolCallStyle: 'whole' }, 'reply.toolCallStyle needs toolCalls'],
    [
      { toolCalls: [{ name: 'f', arguments: '' }], toolCallStyle: 'ollama', firstToolCallIndex: 1 },
      "firstToolCallIndex has no effect with toolCallStyle 'ollama'",
    ],
    [
      { firstToolCallIndex: -1, toolCalls: [{ name: 'f', arguments: '' }] },
      'reply.firstToolCallIndex must be an integer ≥ 0, got -1',
    ],
    [
      { contentFilter: true, finishReason: 'stop' },
      'reply.contentFilter cannot be combined with finishReason',
    ],
    [
      { sendUsage: 'sometimes' } as never,
      'reply.sendUsage must be one of "if-asked", "always", "never", got "sometimes"',
    ],
    [
      { sendUsage: 'never', usageOnEveryChunk: true },
      "reply.usageOnEveryChunk has no effect with sendUsage: 'never'",
    ],
    [
      { usageChunk: 'first' } as never,
      'reply.usageChunk must be one of "separate", "last-choice", got "first"',
    ],
    [{ perEvent: true, chunkSize: 3 }, 'reply.perEvent cannot be combined with chunkSize'],
    [{ perEvent: true, encoding: 'gzip' }, 'reply.perEvent cannot be combined with encoding'],
    [{ perEvent: 1 } as never, 'reply.perEvent must be true or false, got 1'],
    [{ replay: {} }, 'reply.replay must be an object with exactly one of file (a path) and bytes, got {}'],
    [
      { replay: { file: 'a', bytes: 'b' } },
      'reply.replay must be an object with exactly one of file (a path) and bytes',
    ],
    [
      { replay: { path: 'a' } } as never,
      'reply.replay.path must be left out (a replay has file or bytes), got "a"',
    ],
    [{ replay: { bytes: 'data: x\n\n' }, text: 'x' }, 'reply.text cannot be combined with replay'],
    [
      { replay: { file: '/no/such/file.sse' } },
      'reply.replay.file cannot be read (ENOENT): "/no/such/file.sse"',
    ],
  ])('%j', (reply, message) => {
    expect(() => openaiReply(reply)).toThrow(message);
  });
});
