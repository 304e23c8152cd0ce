/**
 * Issue 19, point 3: what the local server receives for each new request option and message shape of the
 * OpenAI-compatible provider: the wire names (`max_completion_tokens`, `tool_choice`, `response_format`,
 * `reasoning_effort`), the values as given, `extraBody`'s fields added as they are, and messages with content parts,
 * tool calls and tool results sent with exactly the fields of their role. Plain `{ role, content }` messages are
 * sent as before.
 */
import {
  createOpenAICompatible,
  HttpError,
  type Messages,
  type OpenAICompletionOptions,
  type OpenAIMessage,
} from '../../../src';
import { openaiReply } from '../../../src/testing';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';

const hello: Messages = [{ role: 'user', content: 'hi' }];

const weather = {
  type: 'function',
  function: {
    name: 'weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
} as const;

describe('OpenAI request options on the wire', () => {
  const server = useAivvmServer();
  const ai = () => createOpenAICompatible({ baseURL: `${server.current.url}/v1`, retry: { count: 0 } });

  /** The JSON body the server received for one completion with these options. */
  async function bodyFor(
    options: OpenAICompletionOptions,
    messages: readonly OpenAIMessage[] = hello,
    stream = true,
  ): Promise<Record<string, unknown>> {
    const next = server.current.nextRequest('POST /v1/chat/completions');
    await collect(ai().createCompletion('llama3.2', messages, stream, options));
    return (await next).json as Record<string, unknown>;
  }

  it.each<[string, OpenAICompletionOptions, Record<string, unknown>]>([
    ['maxCompletionTokens', { maxCompletionTokens: 512 }, { max_completion_tokens: 512 }],
    ['seed', { seed: -7 }, { seed: -7 }],
    ['reasoningEffort', { reasoningEffort: 'low' }, { reasoning_effort: 'low' }],
    ['tools', { tools: [weather] }, { tools: [weather] }],
    ['toolChoice as a word', { tools: [weather], toolChoice: 'required' }, { tool_choice: 'required' }],
    [
      'toolChoice naming a tool',
      { tools: [weather], toolChoice: { type: 'function', function: { name: 'weather' } } },
      { tool_choice: { type: 'function', function: { name: 'weather' } } },
    ],
    [
      'responseFormat json_object',
      { responseFormat: { type: 'json_object' } },
      { response_format: { type: 'json_object' } },
    ],
    [
      'responseFormat json_schema',
      {
        responseFormat: {
          type: 'json_schema',
          json_schema: {
            name: 'city',
            schema: { type: 'object', properties: { name: { type: 'string' } } },
            strict: true,
          },
        },
      },
      {
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'city',
            schema: { type: 'object', properties: { name: { type: 'string' } } },
            strict: true,
          },
        },
      },
    ],
    [
      'extraBody',
      {
        extraBody: {
          top_k: 40,
          keep_alive: '5m',
          chat_template_kwargs: { enable_thinking: false },
          logit_bias: null,
        },
      },
      { top_k: 40, keep_alive: '5m', chat_template_kwargs: { enable_thinking: false }, logit_bias: null },
    ],
  ])('%s', async (_, options, fields) => {
    const body = await bodyFor(options);
    expect(body).toMatchObject({ model: 'llama3.2', messages: hello, stream: true, ...fields });
  });

  it('every option at once, stream: false: exactly these fields, in wire names', async () => {
    const body = await bodyFor(
      {
        systemMessage: 'Be brief.',
        temperature: 0.2,
        maxTokens: 100,
        stop: ['\n\n'],
        maxCompletionTokens: 200,
        seed: 1,
        tools: [weather],
        toolChoice: 'auto',
        responseFormat: { type: 'text' },
        reasoningEffort: 'minimal',
        extraBody: { top_p: 0.9, skipped: undefined },
        timeout: { idle: 30_000 },
      },
      hello,
      false,
    );
    expect(body).toEqual({
      model: 'llama3.2',
      messages: [{ role: 'system', content: 'Be brief.' }, ...hello],
      stream: false,
      temperature: 0.2,
      max_tokens: 100,
      stop: ['\n\n'],
      max_completion_tokens: 200,
      seed: 1,
      tools: [weather],
      tool_choice: 'auto',
      response_format: { type: 'text' },
      reasoning_effort: 'minimal',
      top_p: 0.9,
    });
  });

  it('without the new options the body is what it was', async () => {
    expect(await bodyFor({ temperature: 1 })).toEqual({
      model: 'llama3.2',
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
      temperature: 1,
    });
  });

  it('extraBody is read once: a getter answering differently later cannot change what is sent', async () => {
    let reads = 0;
    const extraBody = Object.defineProperty({}, 'top_k', {
      enumerable: true,
      get: () => (++reads === 1 ? 40 : 'changed'),
    });
    expect(await bodyFor({ extraBody })).toMatchObject({ top_k: 40 });
    expect(reads).toBe(1);
  });

  it('a tool-calling history: content parts, an assistant tool call with null content, a tool result', async () => {
    const history: OpenAIMessage[] = [
      { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Weather where this photo was taken?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'https://example.com/oslo.jpg' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":7}' },
      { role: 'assistant', content: 'It is 7 °C in Oslo.' },
      { role: 'user', content: 'And tomorrow?' },
    ];
    const next = server.current.nextRequest('POST /v1/chat/completions');
    const { error } = await collect(ai().createCompletion('llama3.2', history, true, { tools: [weather] }));
    const request = await next;
    expect((request.json as { messages: unknown }).messages).toEqual(history);
    // The local server answers only string contents (a 400 naming them); a real server takes these.
    if (error !== undefined) expect(error).toBeInstanceOf(HttpError);
  });

  it('fields a message does not send are left out, as before: an id, a timestamp, a status', async () => {
    const messages = [
      { role: 'user', content: 'hi', id: 'm1', createdAt: 5, status: 'done' },
      { role: 'assistant', content: 'hello', reasoning: 'the user greets' },
      { role: 'user', content: 'bye' },
    ] as unknown as Messages;
    const body = await bodyFor({}, messages);
    expect(body['messages']).toEqual([
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: 'hello' },
      { role: 'user', content: 'bye' },
    ]);
  });

  it('the answer to a plain request still arrives (the options do not break the round trip)', async () => {
    server.current.enqueue(openaiReply({ deltas: ['{"a":', '1}'] }));
    const { values, error } = await collect(
      ai().createCompletion('llama3.2', hello, true, { responseFormat: { type: 'json_object' }, seed: 3 }),
    );
    expect(error).toBeUndefined();
    expect(values.join('')).toBe('{"a":1}');
  });
});
