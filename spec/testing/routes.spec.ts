import { models } from '../../src/protocols/aivvm/models';
import { startAivvmServer } from '../../src/testing';
import type { AivvmServer } from '../../src/testing';
import { chatBody, exchange, send } from './rawClient';

describe('routes and malformed input', () => {
  let server: AivvmServer;

  afterEach(async () => {
    await server?.close();
  });

  const malformed: [string, string | undefined, unknown][] = [
    ['invalid JSON', 'POST', '{"model": '],
    ['an empty body', 'POST', undefined],
    ['a JSON array', 'POST', [chatBody()]],
    ['no model', 'POST', { messages: [{ role: 'user', content: 'hi' }] }],
    ['a null model', 'POST', { model: null, messages: [{ role: 'user', content: 'hi' }] }],
    ['no messages', 'POST', { model: { id: 'gpt-4' } }],
    ['messages not an array', 'POST', { model: { id: 'gpt-4' }, messages: { role: 'user', content: 'hi' } }],
    ['a non-string content', 'POST', { model: { id: 'gpt-4' }, messages: [{ role: 'user', content: 42 }] }],
    ['a null message', 'POST', { model: { id: 'gpt-4' }, messages: [null] }],
    ['GET', 'GET', undefined],
    ['PUT with a valid body', 'PUT', chatBody()],
    ['DELETE', 'DELETE', undefined],
  ];

  it.each(malformed)(
    'answers 500 Error to /api/chat with %s, records it, and keeps the queue',
    async (_, method, body) => {
      server = await startAivvmServer({ replies: [{ text: 'queued' }] });
      const response = await exchange(
        send(server.url, '/api/chat', body, method === undefined ? {} : { method }),
      );
      expect(response.status).toBe(500);
      expect(response.reason).toBe('Internal Server Error');
      expect(response.headers['content-type']).toBe('text/plain;charset=UTF-8');
      expect(response.text).toBe('Error');
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0]?.method).toBe(method);
      expect((await exchange(send(server.url, '/api/chat', chatBody()))).text).toBe('queued');
    },
  );

  it('answers POST /api/models with the model table as JSON (in a text/plain response, as chatbot-ui) by default', async () => {
    server = await startAivvmServer();
    const response = await exchange(send(server.url, '/api/models', { key: '' }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain;charset=UTF-8'); // as chatbot-ui (PROTOCOL.md)
    expect(JSON.parse(response.text)).toEqual(Object.values(models));
    expect(JSON.parse(response.text)).toContainEqual({ id: 'gpt-4-32k-0613', name: 'GPT-4-32K-0613' });
  });

  it('answers POST /api/models with a given JSON value', async () => {
    const custom = [{ id: 'gpt-4', name: 'GPT-4', maxLength: 24000, tokenLimit: 8000 }];
    server = await startAivvmServer({ models: custom });
    expect(JSON.parse((await exchange(send(server.url, '/api/models', { key: '' }))).text)).toEqual(custom);
  });

  it('sends a string models option raw, to test malformed JSON', async () => {
    server = await startAivvmServer({ models: '[{"id": "gpt-4", "name": ' });
    const response = await exchange(send(server.url, '/api/models', { key: '' }));
    expect(response.status).toBe(200);
    expect(response.text).toBe('[{"id": "gpt-4", "name": ');
  });

  it('answers 500 Error to /api/models without a JSON body or with another method', async () => {
    server = await startAivvmServer();
    for (const [method, body] of [
      ['GET', undefined],
      ['POST', 'nope'],
      ['POST', undefined],
    ] as const) {
      const response = await exchange(send(server.url, '/api/models', body, { method }));
      expect([response.status, response.text]).toEqual([500, 'Error']);
    }
    expect(server.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
  });

  it('answers 404 to any other path and records it', async () => {
    server = await startAivvmServer();
    for (const path of ['/', '/api/chat/', '/api/other']) {
      const response = await exchange(send(server.url, path, chatBody()));
      expect([response.status, response.text]).toEqual([404, 'Not Found']);
    }
    expect(server.requests.map((r) => r.path)).toEqual(['/', '/api/chat/', '/api/other']);
  });
});
