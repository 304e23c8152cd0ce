import { openaiReply, startAivvmServer } from '../../../src/testing';
import { useAivvmServer } from '../../helpers/server';

const body = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    model: 'llama3.2',
    messages: [{ role: 'user', content: 'echo me' }],
    stream: true,
    ...extra,
  });

async function post(url: string, json: string): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json });
}

describe('the local server speaks the OpenAI protocol under /v1', () => {
  const server = useAivvmServer();
  const chat = () => `${server.current.url}/v1/chat/completions`;

  it('streams the echo as SSE chunks, a finish chunk and [DONE]', async () => {
    const response = await post(chat(), body());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.slice('data: '.length)));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('echo me');
    expect(chunks.at(-1).choices[0].finish_reason).toBe('stop');
    expect(chunks.every((c) => c.model === 'llama3.2' && c.object === 'chat.completion.chunk')).toBe(true);
  });

  it('adds a usage-only chunk before [DONE] when stream_options.include_usage is set', async () => {
    server.current.enqueue(openaiReply({ deltas: ['a', 'b'] }));
    const text = await (await post(chat(), body({ stream_options: { include_usage: true } }))).text();
    const usage = JSON.parse(text.split('\n\n').at(-3)!.slice(6));
    expect(usage).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 },
    });
  });

  it('answers stream: false with one JSON completion', async () => {
    server.current.enqueue({ text: 'whole' });
    const response = await post(chat(), body({ stream: false }));
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toMatchObject({
      object: 'chat.completion',
      choices: [{ message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }],
    });
  });

  it('faults: done: false and finishReason: null leave the stream without an end marker; CRLF and comments', async () => {
    server.current.enqueue(
      openaiReply({
        text: 'x',
        done: false,
        finishReason: null,
        lineEnding: '\r\n',
        comments: true,
      }),
    );
    const text = await (await post(chat(), body())).text();
    expect(text).not.toContain('[DONE]');
    expect(text).not.toContain('"finish_reason":"stop"');
    expect(text).toContain(': keep-alive\r\ndata: ');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
  });

  it('a non-2xx status carries an OpenAI JSON error body', async () => {
    server.current.enqueue(
      openaiReply({
        status: 429,
        error: { message: 'slow down', type: 'rate_limit', code: 'rate_limit_exceeded' },
        headers: { 'retry-after-ms': '5' },
      }),
    );
    const response = await post(chat(), body());
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('retry-after-ms')).toBe('5');
    expect(await response.json()).toEqual({
      error: { message: 'slow down', type: 'rate_limit', code: 'rate_limit_exceeded' },
    });
  });

  it('an error with a 2xx status is an error event after the deltas', async () => {
    server.current.enqueue(openaiReply({ deltas: ['a'], error: { message: 'boom' } }));
    const text = await (await post(chat(), body())).text();
    expect(text.trim().split('\n\n').at(-1)).toBe('data: {"error":{"message":"boom"}}');
  });

  it('closeAfterBytes cuts the SSE bytes', async () => {
    server.current.enqueue({ text: 'long answer', closeAfterBytes: 50 });
    const request = server.current.nextRequest('POST /v1/chat/completions');
    await expect((await post(chat(), body())).text()).rejects.toThrow();
    expect((await (await request).closed).bytesSent).toBe(50);
  });

  it('GET /v1/models lists the models; a malformed request is a 400 with an OpenAI error', async () => {
    const models = await (await fetch(`${server.current.url}/v1/models`)).json();
    expect(models.object).toBe('list');
    expect(models.data[0]).toMatchObject({ id: 'gpt-3.5-turbo', object: 'model' });
    const bad = await post(chat(), JSON.stringify({ messages: [] }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.type).toBe('invalid_request_error');
    expect((await fetch(chat())).status).toBe(405);
    expect((await fetch(`${server.current.url}/v1/nothing`)).status).toBe(404);
  });

  it('/api/chat still speaks Aivvm', async () => {
    const separate = await startAivvmServer({ reply: { text: 'raw' } });
    try {
      const response = await post(
        `${separate.url}/api/chat`,
        JSON.stringify({ model: { id: 'gpt-4' }, messages: [] }),
      );
      expect(await response.text()).toBe('raw');
    } finally {
      await separate.close();
    }
  });
});
