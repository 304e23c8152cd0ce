import axios from 'axios';
import { inspect } from 'node:util';
import { firstValueFrom, take, toArray } from 'rxjs';
import {
  Aivvm,
  AIVVM_PUBLIC_URL,
  createAivvm,
  DEFAULT_SYSTEM_MESSAGE,
  HttpError,
  InvalidRequestError,
  InvalidResponseError,
  models,
  NetworkError,
  SEED_HEADERS,
  UnsupportedModelError,
} from '../src';
import { startAivvmServer } from '../src/testing';
import { collect } from './helpers/collect';
import { useAivvmServer } from './helpers/server';

const hello = [{ role: 'user', content: 'Привет!' }] as const;

describe.each(['node', 'fetch'] as const)('createCompletion over the %s transport', (transport) => {
  const server = useAivvmServer();
  const aivvm = () => createAivvm({ baseURL: server.current.url, transport });

  it('sends the seed payload and headers', async () => {
    server.current.setReply({ text: 'ok' });
    await firstValueFrom(
      aivvm()
        .createCompletion('gpt-4', hello, true, {
          systemMessage: 'Ты - полезный ассистент.',
          temperature: 0.2,
        })
        .pipe(toArray()),
    );
    const [request] = server.current.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/api/chat');
    expect(request?.json).toEqual({
      model: { id: 'gpt-4', name: 'GPT-4' },
      messages: [{ role: 'user', content: 'Привет!' }],
      key: '',
      prompt: 'Ты - полезный ассистент.',
      temperature: 0.2,
    });
    const headers = request?.headers ?? {};
    for (const [name, value] of Object.entries(SEED_HEADERS)) expect(headers[name]).toBe(value);
    expect(headers['content-length']).toBe(String(Buffer.byteLength(request?.rawBody ?? '')));
    expect(headers['referer']).toBe(`${server.current.url}/`);
    expect(headers['referrer']).toBe(`${server.current.url}/`);
  });

  it('applies the defaults: gpt-3.5-turbo, the seed prompt, temperature 0.7', async () => {
    server.current.setReply({ text: 'ok' });
    await firstValueFrom(aivvm().createCompletion(undefined, hello, false));
    await firstValueFrom(aivvm().createCompletion('', hello, false));
    for (const request of server.current.requests) {
      expect(request.json).toMatchObject({
        model: { id: 'gpt-3.5-turbo', name: 'GPT-3.5' },
        prompt: DEFAULT_SYSTEM_MESSAGE,
        temperature: 0.7,
        key: '',
      });
    }
    expect(server.current.requests).toHaveLength(2);
  });

  it('drops message properties other than role and content', async () => {
    server.current.setReply({ text: 'ok' });
    const messages = [{ role: 'user' as const, content: 'hi', secret: 'x' }];
    await firstValueFrom(aivvm().createCompletion(null, messages, false));
    expect((server.current.requests[0]?.json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'hi' },
    ]);
  });

  it('stream: true emits the chunks as they arrive, and they add up to the answer', async () => {
    const text = 'Привет, 世界! 👋🏽 Streaming works.';
    server.current.setReply({ text, chunkSize: 3, chunkDelayMs: 2 });
    const { values, completed } = await collect(aivvm().createCompletion(null, hello, true));
    expect(completed).toBe(true);
    expect(values.join('')).toBe(text);
    expect(values.length).toBeGreaterThan(5);
    expect(values.every((v) => v.length > 0)).toBe(true);
  });

  it('stream: false emits the whole answer once', async () => {
    const text = 'Привет, 世界! 👋🏽 '.repeat(20);
    server.current.setReply({ text, chunkSize: 5 });
    const { values, completed } = await collect(aivvm().createCompletion(null, hello, false));
    expect(completed).toBe(true);
    expect(values).toEqual([text]);
  });

  it('echoes the last user message with the default server reply', async () => {
    const text = await firstValueFrom(
      aivvm().createCompletion(
        null,
        [...hello, { role: 'assistant', content: 'Hi' }, { role: 'user', content: 'echo me' }],
        false,
      ),
    );
    expect(text).toBe('echo me');
  });

  it('createCompletionBytes emits the raw body bytes', async () => {
    const bytes = Uint8Array.from([0x68, 0x69, 0xff, 0xe2, 0x82]);
    server.current.setReply({ bytes, chunkSize: 2 });
    const { values, completed } = await collect(aivvm().createCompletionBytes(null, hello, true));
    expect(completed).toBe(true);
    expect(Buffer.concat(values)).toEqual(Buffer.from(bytes));
    expect(values.every((v) => v instanceof Uint8Array)).toBe(true);
  });

  it('is cold: nothing is sent before subscribe, and each subscription sends its own request', async () => {
    server.current.setReply({ text: 'ok' });
    const completion$ = aivvm().createCompletion(null, hello, false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(server.current.requests).toHaveLength(0);
    const [a, b] = await Promise.all([firstValueFrom(completion$), firstValueFrom(completion$)]);
    expect([a, b]).toEqual(['ok', 'ok']);
    expect(server.current.requests).toHaveLength(2);
  });

  it('unsubscribing mid-stream aborts the request: the server sees its socket close', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 1 });
    const first = await firstValueFrom(aivvm().createCompletion(null, hello, true).pipe(take(3), toArray()));
    expect(first.join('')).toMatch(/^(tick )+$/);
    const [request] = server.current.requests;
    await request?.socketClosed;
    const outcome = await request?.closed;
    expect(outcome?.finished).toBe(false);
  });

  it.each([
    [500, 'Rate limit reached for default-gpt-4 in organization org-x on requests per min.'],
    [500, 'Internal Server Error'],
    [404, 'Not Found'],
    [429, 'Too Many Requests'],
    [503, 'Service Unavailable'],
  ])('status %i %s becomes an HttpError carrying the reason phrase', async (status, reason) => {
    server.current.setReply({ status, reason, body: 'Error' });
    const { values, error } = await collect(aivvm().createCompletion(null, hello, true));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(HttpError);
    const e = error as HttpError;
    expect(e._tag).toBe('HttpError');
    expect(e.status).toBe(status);
    expect(e.statusText).toBe(reason);
    expect(e.body).toBe('Error');
    expect(e.message).toContain(`${status} ${reason}`);
  });

  it('keeps at most 4 KiB of an error body', async () => {
    server.current.setReply({ status: 500, reason: 'Boom', body: 'x'.repeat(100_000) });
    const { error } = await collect(aivvm().createCompletion(null, hello, true));
    expect((error as HttpError).body).toBe('x'.repeat(4096));
  });

  it('a socket cut mid-body delivers the partial text, then a NetworkError', async () => {
    server.current.setReply({ text: 'Hello world, this is cut', chunkSize: 4, closeAfterBytes: 12 });
    const { values, error } = await collect(aivvm().createCompletion(null, hello, true));
    expect(values.join('')).toBe('Hello world,');
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).receivedBytes).toBe(12);
    expect((error as NetworkError).message).toContain('12 body bytes');
  });

  it('a cut inside a multibyte character still delivers every whole character before it', async () => {
    // "Привет" is 12 bytes; cut after 5 bytes = "Пр" (4 bytes) + half of "и".
    server.current.setReply({ text: 'Привет', chunkSize: 1, closeAfterBytes: 5 });
    const { values, error } = await collect(aivvm().createCompletion(null, hello, true));
    expect(values.join('').startsWith('Пр')).toBe(true);
    expect(error).toBeInstanceOf(NetworkError);
  });

  it.each([
    [
      'an unknown model',
      () => aivvm().createCompletion('gpt-5', hello, true),
      UnsupportedModelError,
      'gpt-5',
    ],
    [
      'a bad role',
      () => aivvm().createCompletion(null, [{ role: 'robot', content: 'x' }] as never, true),
      InvalidRequestError,
      'messages[0].role: expected "system" | "user" | "assistant", got "robot"',
    ],
    [
      'a temperature out of range',
      () => aivvm().createCompletion(null, hello, true, { temperature: 3 }),
      InvalidRequestError,
      'options.temperature: expected a finite number in [0, 2], got 3',
    ],
    [
      'no messages',
      () => aivvm().createCompletion(null, [], true),
      InvalidRequestError,
      'messages: expected',
    ],
  ])('%s errors at subscribe time and sends nothing', async (_name, make, type, text) => {
    const completion$ = make();
    expect(server.current.requests).toHaveLength(0);
    const { values, error } = await collect(completion$);
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toContain(text);
    expect(server.current.requests).toHaveLength(0);
  });

  it('uses the caller’s axios instance and extra headers', async () => {
    server.current.setReply({ text: 'ok' });
    const instance = axios.create();
    let seen = 0;
    instance.interceptors.request.use((config) => {
      seen++;
      return config;
    });
    const custom = createAivvm({
      baseURL: server.current.url,
      axios: instance,
      headers: { 'X-Trace': 'abc' },
      transport,
    });
    expect(await firstValueFrom(custom.createCompletion(null, hello, false))).toBe('ok');
    expect(seen).toBe(1);
    expect(server.current.requests[0]?.headers['x-trace']).toBe('abc');
  });
});

describe.each(['node', 'fetch'] as const)('listModels over the %s transport', (transport) => {
  it('returns the server’s models, checked', async () => {
    const server = await startAivvmServer();
    try {
      const list = await firstValueFrom(createAivvm({ baseURL: server.url, transport }).listModels());
      expect(list).toEqual(Object.values(models));
      expect(server.requests[0]?.path).toBe('/api/models');
      expect(server.requests[0]?.json).toEqual({ key: '' });
    } finally {
      await server.close();
    }
  });

  it('keeps maxLength and tokenLimit when the server sends them', async () => {
    const served = [{ id: 'gpt-4', name: 'GPT-4', maxLength: 24000, tokenLimit: 8000 }];
    const server = await startAivvmServer({ models: served });
    try {
      expect(await firstValueFrom(createAivvm({ baseURL: server.url, transport }).listModels())).toEqual(
        served,
      );
    } finally {
      await server.close();
    }
  });

  it.each([
    ['a body that is not JSON', '<html>Just a moment…</html>', 'not JSON'],
    ['a wrong field type', [{ id: 'gpt-4', name: 4 }], 'body[0].name: expected a string, got 4'],
    [
      'a missing field',
      [{ id: 'gpt-4', name: 'GPT-4' }, { name: 'x' }],
      'body[1].id: expected a string, got undefined',
    ],
    [
      'an object instead of an array',
      { models: [] },
      'body: expected an array, each item an object { id, name, maxLength?, tokenLimit? }',
    ],
  ])('rejects %s with an InvalidResponseError naming the path', async (_name, served, text) => {
    const server = await startAivvmServer({ models: served });
    try {
      const { error } = await collect(createAivvm({ baseURL: server.url, transport }).listModels());
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as Error).message).toContain(text);
    } finally {
      await server.close();
    }
  });
});

describe.each(['node', 'fetch'] as const)('connection failures over the %s transport', (transport) => {
  it('a refused connection is a NetworkError with its code, and leaks no header', async () => {
    const server = await startAivvmServer();
    const url = server.url;
    await server.close();
    const aivvm = createAivvm({ baseURL: url, headers: { authorization: 'Bearer s3cr3t-token' }, transport });
    const { values, error } = await collect(aivvm.createCompletion(null, hello, true));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(NetworkError);
    const e = error as NetworkError;
    expect(e.code).toBe('ECONNREFUSED');
    expect(e.receivedBytes).toBe(0);
    expect(e.message).toContain('Is the server running');
    for (const text of [e.message, String(e), inspect(e, { depth: 10 })]) {
      expect(text).not.toContain('s3cr3t-token');
      expect(text).not.toContain('Mozilla/5.0');
    }
  });
});

describe('the default instance', () => {
  it('carries the seed metadata and points at the public service', () => {
    expect(Aivvm.url).toBe(AIVVM_PUBLIC_URL);
    expect(Aivvm.supportsStream).toBe(true);
    expect(Aivvm.supportsGpt35Turbo).toBe(true);
    expect(Aivvm.supportsGpt4).toBe(true);
    expect(Aivvm.working).toBe(false);
    expect(Aivvm.models).toBe(models);
    expect(Aivvm.params).toContain('model: string');
    expect(Aivvm.params).toContain('temperature?: number');
    expect(createAivvm({ baseURL: 'http://127.0.0.1:1/' }).working).toBe(true);
    expect(createAivvm({ baseURL: 'http://127.0.0.1:1/' }).url).toBe('http://127.0.0.1:1');
  });
});
