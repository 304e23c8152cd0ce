import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import {
  createOpenAICompatible,
  HttpError,
  IncompleteResponseError,
  InvalidRequestError,
  InvalidResponseError,
  SEED_HEADERS,
  TimeoutError,
  type CompletionEvent,
  type OpenAIConfig,
} from '../../../src';
import { DRAIN_MS } from '../../../src/protocols/openai/events/toCompletionEvents';
import type { OpenAIReply } from '../../../src/testing';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';

const hello = [{ role: 'user', content: 'Привет, мир!' }] as const;
const KEY = 'sk-local-0123456789abcdef';

describe.each(['node', 'fetch'] as const)('createOpenAICompatible over the %s transport', (transport) => {
  const server = useAivvmServer();
  const ai = (config: Partial<OpenAIConfig> = {}) =>
    createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport, apiKey: KEY, ...config });
  const reply = (r: OpenAIReply) => server.current.enqueue(r);

  it('streams deltas then one finish with the usage it asked for', async () => {
    reply({ deltas: ['Hel', 'lo, ', 'мир 👋'], chunkSize: [1, 2, 3, 5] });
    const events = await lastValueFrom(ai().createCompletionEvents('llama3.2', hello).pipe(toArray()));
    expect(events).toEqual<CompletionEvent[]>([
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo, ' },
      { type: 'text', text: 'мир 👋' },
      { type: 'finish', reason: 'stop', usage: { promptTokens: 2, completionTokens: 3, totalTokens: 5 } },
    ]);
    const [request] = server.current.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.json).toEqual({
      model: 'llama3.2',
      messages: hello,
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('sends only accept, content-type and a Bearer authorization: none of the Aivvm seed headers', async () => {
    reply({ text: 'ok' });
    await lastValueFrom(ai({ headers: { 'x-trace': '1' } }).createCompletion('m', hello, true));
    const headers = server.current.requests[0]?.headers ?? {};
    expect(headers['accept']).toBe('text/event-stream');
    expect(headers['content-type']).toBe('application/json');
    expect(headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(headers['x-trace']).toBe('1');
    // fetch adds its own defaults (accept-language: *, sec-fetch-mode: cors): check the seed's own disguise.
    for (const name of ['sec-ch-ua', 'sec-ch-ua-platform', 'sec-gpc', 'referer', 'referrer']) {
      expect(headers[name]).toBeUndefined();
    }
    expect(headers['accept-language']).not.toBe(SEED_HEADERS['accept-language']);
    expect(headers['user-agent']).not.toBe(SEED_HEADERS['user-agent']);
    expect(headers['sec-ch-ua']).toBeUndefined();
    expect(headers['referer']).toBeUndefined();
  });

  it('maps the options: systemMessage first, temperature, max_tokens, stop', async () => {
    reply({ text: 'ok' });
    await lastValueFrom(
      ai().createCompletion('m', hello, true, {
        systemMessage: 'Be brief.',
        temperature: 0.2,
        maxTokens: 9,
        stop: ['\n'],
      }),
    );
    expect(server.current.requests[0]?.json).toMatchObject({
      messages: [{ role: 'system', content: 'Be brief.' }, ...hello],
      temperature: 0.2,
      max_tokens: 9,
      stop: ['\n'],
    });
  });

  it('createCompletion is the text of the events', async () => {
    reply({ text: 'Hello, мир! 你好 👋🏽', deltaChars: 1, chunkSize: 7 });
    const chunks = await lastValueFrom(ai().createCompletion('m', hello, true).pipe(toArray()));
    expect(chunks.join('')).toBe('Hello, мир! 你好 👋🏽');
    expect(chunks.length).toBeGreaterThan(5);
  });

  it('stream: false sends stream: false and emits the JSON answer once', async () => {
    reply({ text: 'whole answer', chunkSize: 3 });
    const values = await lastValueFrom(ai().createCompletion('m', hello, false).pipe(toArray()));
    expect(values).toEqual(['whole answer']);
    expect(server.current.requests[0]?.json).toMatchObject({ stream: false });
    expect(server.current.requests[0]?.json).not.toHaveProperty('stream_options');
  });

  it('[DONE] completes at once; the server ends the body and the keep-alive socket is reused', async () => {
    reply({ text: 'one' });
    reply({ text: 'two' });
    const first = await lastValueFrom(ai().createCompletionEvents('m', hello).pipe(toArray()));
    expect(first.at(-1)).toMatchObject({ type: 'finish' });
    const firstRequest = server.current.requests[0]!;
    let firstSocketClosed = false;
    void firstRequest.socketClosed.then(() => (firstSocketClosed = true));
    expect((await firstRequest.closed).finished).toBe(true);
    await lastValueFrom(ai().createCompletion('m', hello, true));
    expect(server.current.requests).toHaveLength(2);
    // Not aborted: the first socket is still open (an abort closes it within a few ms).
    expect(firstSocketClosed).toBe(false);
    // undici may open a second connection while the first body is being drained; Node's agent reuses it.
    if (transport === 'node') expect(server.current.openSockets).toBe(1);
  });

  it('[DONE] on a response the server keeps open: completes at once, the socket is closed within DRAIN_MS', async () => {
    reply({ text: 'never ends', stallAfterBytes: 1_000_000 });
    const started = performance.now();
    const events = await lastValueFrom(ai().createCompletionEvents('m', hello).pipe(toArray()));
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
    const request = server.current.requests[0]!;
    expect((await request.closed).finished).toBe(false);
    await request.socketClosed;
    expect(performance.now() - started).toBeLessThan(DRAIN_MS + 1500);
  });

  it('a missing [DONE] after a finish_reason is a complete answer', async () => {
    reply({ text: 'complete', done: false });
    const { values, completed } = await collect(ai().createCompletionEvents('m', hello));
    expect(completed).toBe(true);
    expect(values.at(-1)).toMatchObject({ type: 'finish', reason: 'stop' });
  });

  it('a null finish_reason with [DONE] is a complete answer (Ollama)', async () => {
    reply({ text: 'ollama', finishReason: null });
    const { values, completed } = await collect(ai().createCompletionEvents('m', hello));
    expect(completed).toBe(true);
    expect(values.at(-1)).toMatchObject({ type: 'finish', reason: null });
  });

  it('neither [DONE] nor finish_reason: the text, then an IncompleteResponseError', async () => {
    reply({ text: 'cut short', done: false, finishReason: null });
    const { values, error } = await collect(ai().createCompletion('m', hello, true));
    expect(values.join('')).toBe('cut short');
    expect(error).toBeInstanceOf(IncompleteResponseError);
    expect((error as IncompleteResponseError)._tag).toBe('IncompleteResponseError');
    expect((error as IncompleteResponseError).receivedBytes).toBeGreaterThan(0);
  });

  it('a connection cut mid-stream delivers the text that arrived, then a NetworkError', async () => {
    reply({ text: 'a'.repeat(400), deltaChars: 10, closeAfterBytes: 700 });
    const { values, error } = await collect(ai().createCompletion('m', hello, true));
    expect(values.join('')).toMatch(/^a+$/);
    expect(values.join('').length).toBeGreaterThan(0);
    expect(error).toMatchObject({ _tag: 'NetworkError' });
  });

  it('an error event mid-stream is an HttpError after the delivered text', async () => {
    reply({
      deltas: ['partial ', 'text'],
      error: { message: 'model overloaded', type: 'server_error', code: 'overloaded' },
    });
    const { values, error } = await collect(ai().createCompletion('m', hello, true));
    expect(values.join('')).toBe('partial text');
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'overloaded', type: 'server_error' });
    expect((error as Error).message).toContain('model overloaded');
  });

  it('a chunk of the wrong shape is an InvalidResponseError naming the path, after the text', async () => {
    const good = JSON.stringify({ choices: [{ delta: { content: 'ok' }, finish_reason: null }] });
    const bad = JSON.stringify({ choices: [{ delta: { content: 42 } }] });
    reply({ bytes: Buffer.from(`data: ${good}\n\ndata: ${bad}\n\ndata: [DONE]\n\n`) });
    const { values, error } = await collect(ai().createCompletion('m', hello, true));
    expect(values).toEqual(['ok']);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('data.choices[0].delta.content');
    expect((error as Error).message).toContain('got 42');
  });

  it('a chunk that is not JSON is an InvalidResponseError', async () => {
    reply({ bytes: Buffer.from('data: {not json\n\n') });
    const { error } = await collect(ai().createCompletion('m', hello, true));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(/event #1 is not JSON/);
  });

  it('invalid UTF-8 bytes become U+FFFD, the stream goes on', async () => {
    const head = Buffer.from('data: {"choices":[{"delta":{"content":"a');
    const tail = Buffer.from('b"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
    reply({ bytes: Buffer.concat([head, Buffer.from([0xff]), tail]), chunkSize: 1 });
    expect(await lastValueFrom(ai().createCompletion('m', hello, true).pipe(toArray()))).toEqual([
      'a\uFFFDb',
    ]);
  });

  it('a JSON error body is an HttpError with code, type and the upstream message', async () => {
    reply({
      status: 404,
      error: { message: 'model "nope" not found', type: 'invalid_request_error', code: 'model_not_found' },
    });
    const { error } = await collect(ai().createCompletion('nope', hello, true));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({
      _tag: 'HttpError',
      status: 404,
      code: 'model_not_found',
      type: 'invalid_request_error',
    });
    expect((error as Error).message).toContain('model "nope" not found');
    expect(server.current.requests).toHaveLength(1);
  });

  it.each([400, 401, 403, 404, 422])('%i is never retried', async (status) => {
    reply({ status, error: { message: 'no' } });
    reply({ text: 'would be the retry' });
    const { error } = await collect(
      ai({ retry: { count: 3, baseDelayMs: 1 } }).createCompletion('m', hello, true),
    );
    expect(error).toMatchObject({ status });
    expect(server.current.requests).toHaveLength(1);
  });

  it.each([
    [409, { message: 'conflict' }],
    [501, { message: 'not implemented' }],
    [500, { message: "This model's maximum context length is 4097 tokens", type: 'invalid_request_error' }],
  ])('%i %o is not retried (it would fail the same way)', async (status, error) => {
    reply({ status, error });
    reply({ text: 'would be the retry' });
    const result = await collect(
      ai({ retry: { count: 3, baseDelayMs: 1 } }).createCompletion('m', hello, true),
    );
    expect(result.error).toMatchObject({ status });
    expect(server.current.requests).toHaveLength(1);
  });

  it('reads a JSON error longer than HttpError.body keeps: message, code and type found, not retried', async () => {
    const long = `This model's maximum context length is 4097 tokens. ${'However, your messages resulted in many tokens. '.repeat(130)}`;
    reply({
      status: 500,
      error: { message: long, type: 'invalid_request_error', code: 'context_length_exceeded' },
    });
    reply({ text: 'would be the retry' });
    const result = await collect(
      ai({ retry: { count: 2, baseDelayMs: 1 } }).createCompletion('m', hello, true),
    );
    expect(long.length).toBeGreaterThan(6_000);
    expect(result.error).toMatchObject({
      status: 500,
      code: 'context_length_exceeded',
      type: 'invalid_request_error',
    });
    expect((result.error as Error).message).toContain("This model's maximum context length is 4097 tokens");
    expect(Buffer.byteLength((result.error as HttpError).body)).toBeLessThanOrEqual(4096);
    expect(server.current.requests).toHaveLength(1);
  });

  it('a 500 of the server itself is retried', async () => {
    reply({ status: 500, error: { message: 'The server had an error', type: 'server_error' } });
    reply({ text: 'second time lucky' });
    const result = await collect(
      ai({ retry: { count: 1, baseDelayMs: 1 } }).createCompletion('m', hello, true),
    );
    expect(result.values.join('')).toBe('second time lucky');
    expect(server.current.requests).toHaveLength(2);
  });

  it('429 with retry-after-ms is retried after that delay', async () => {
    reply({
      status: 429,
      error: { message: 'slow down', type: 'rate_limit' },
      headers: { 'retry-after-ms': '120' },
    });
    reply({ text: 'second time' });
    const started = performance.now();
    const text = await lastValueFrom(
      ai({ retry: { count: 1, baseDelayMs: 5000, maxDelayMs: 5000 } }).createCompletion('m', hello, false),
    );
    expect(text).toBe('second time');
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(performance.now() - started).toBeLessThan(4000);
    expect(server.current.requests).toHaveLength(2);
  });

  it('429 with x-ratelimit-reset-requests is retried after that delay', async () => {
    reply({
      status: 429,
      error: { message: 'slow down' },
      headers: { 'x-ratelimit-reset-requests': '150ms' },
    });
    reply({ text: 'later' });
    const started = performance.now();
    const text = await lastValueFrom(
      ai({ retry: { count: 1, baseDelayMs: 5000, maxDelayMs: 5000 } })
        .createCompletion('m', hello, true)
        .pipe(toArray()),
    );
    expect(text.join('')).toBe('later');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(performance.now() - started).toBeLessThan(4000);
  });

  it('a stalled stream is an idle TimeoutError after the text', async () => {
    reply({ text: 'abcdefgh', deltaChars: 2, stallAfterBytes: 400 });
    const { values, error } = await collect(
      ai({ timeout: { idle: 200 } }).createCompletion('m', hello, true),
    );
    expect(values.join('').length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ stage: 'idle' });
  });

  it('unsubscribing mid-stream aborts: the server sees its socket close', async () => {
    reply({ text: 'x'.repeat(2000), deltaChars: 5, chunkSize: 64, chunkDelayMs: 5 });
    const request = server.current.nextRequest('POST /v1/chat/completions');
    const first = await firstValueFrom(ai().createCompletion('m', hello, true).pipe(take(1)));
    expect(first).toBe('xxxxx');
    const outcome = await (await request).closed;
    expect(outcome.finished).toBe(false);
    await (
      await request
    ).socketClosed;
  });

  it('listModels: GET {baseURL}/models, checked with io-ts', async () => {
    const list = await firstValueFrom(ai().listModels());
    expect(list.map((m) => m.id)).toContain('gpt-4');
    const [request] = server.current.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/v1/models');
    expect(request?.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(request?.headers['accept']).toBe('application/json');
  });

  it('bad arguments error at subscribe time and nothing is sent', async () => {
    const { error } = await collect(
      ai().createCompletion('', [] as never, true, { temperature: 3, topP: 1 } as never),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    const message = (error as Error).message;
    expect(message).toContain('model: expected a non-empty model name');
    expect(message).toContain('messages: expected a non-empty array');
    expect(message).toContain('options.temperature');
    expect(message).toContain('options.topP: expected no such option');
    expect(server.current.requests).toHaveLength(0);
  });
});

describe('createOpenAICompatible: listModels against an unexpected body', () => {
  const server = useAivvmServer({ models: { object: 'list', data: [{ id: 'ok' }, { id: 7 }] } });
  it('is an InvalidResponseError naming body.data[1].id', async () => {
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    const { error } = await collect(ai.listModels());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toContain('body.data[1].id: expected a string, got 7');
  });
});

describe('createOpenAICompatible: configuration', () => {
  it('requires baseURL and rejects unknown keys, naming them', () => {
    expect(() => createOpenAICompatible({} as never)).toThrow(/config\.baseURL: expected an http\(s\) URL/);
    expect(() => createOpenAICompatible({ baseURL: 'http://127.0.0.1:1/v1', apiKeys: 'x' } as never)).toThrow(
      /config\.apiKeys: expected no such option/,
    );
  });

  it('rejects a bad apiKey without echoing it', () => {
    const key = 'sk-abc\r\nx-injected: 1';
    let thrown: unknown;
    try {
      createOpenAICompatible({ baseURL: 'http://127.0.0.1:1/v1', apiKey: key });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    expect((thrown as Error).message).toContain('config.apiKey');
    expect((thrown as Error).message).not.toContain('sk-abc');
  });
});
