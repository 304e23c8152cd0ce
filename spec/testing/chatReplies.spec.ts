import { startAivvmServer } from '../../src/testing';
import type { AivvmServer } from '../../src/testing';
import { chat, chatBody, exchange } from './rawClient';

describe('POST /api/chat replies', () => {
  let server: AivvmServer;

  afterEach(async () => {
    await server?.close();
  });

  it('echoes the last user message by default: 200, chunked, no content type, raw UTF-8', async () => {
    server = await startAivvmServer();
    const response = await exchange(chat(server.url, chatBody('Привет, мир! 👋🏽')));
    expect(response.status).toBe(200);
    expect(response.reason).toBe('OK');
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-type']).toBeUndefined();
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.ended).toBe(true);
    expect(response.text).toBe('Привет, мир! 👋🏽');
  });

  it('echoes an empty answer when no message has the user role', async () => {
    server = await startAivvmServer();
    const body = chatBody('x', { messages: [{ role: 'assistant', content: 'not me' }] });
    const response = await exchange(chat(server.url, body));
    expect(response.status).toBe(200);
    expect(response.ended).toBe(true);
    expect(response.text).toBe('');
  });

  it('sends a fixed text, preferring bytes over text over echo', async () => {
    server = await startAivvmServer({
      replies: [
        { text: 'fixed ✓', echo: true },
        { bytes: Uint8Array.of(0x6f, 0x6b), text: 'no' },
      ],
    });
    expect((await exchange(chat(server.url))).text).toBe('fixed ✓');
    expect((await exchange(chat(server.url))).text).toBe('ok');
    server.setReply({ bytes: Buffer.from('buffer ✓') });
    expect((await exchange(chat(server.url))).text).toBe('buffer ✓');
  });

  it('delivers invalid UTF-8 bytes verbatim', async () => {
    const bytes = Uint8Array.of(0xff, 0xfe, 0x41, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f);
    server = await startAivvmServer({ reply: { bytes, chunkSize: 2 } });
    const response = await exchange(chat(server.url));
    expect(response.ended).toBe(true);
    expect([...response.body]).toEqual([...bytes]);
  });

  it('cuts the body into chunks of 8 bytes by default, one data event each', async () => {
    server = await startAivvmServer({ reply: { text: 'abcdefghijklmnopqrst' } });
    const response = await exchange(chat(server.url));
    expect(response.chunks.map(String)).toEqual(['abcdefgh', 'ijklmnop', 'qrst']);
  });

  it('cycles an array of chunk sizes, cutting inside multi-byte characters', async () => {
    const text = 'Жё你好😀';
    server = await startAivvmServer({ reply: { text, chunkSize: [1, 2, 3], chunkDelayMs: 5 } });
    const response = await exchange(chat(server.url));
    expect(response.chunks.map((c) => c.length)).toEqual([1, 2, 3, 1, 2, 3, 1, 1]);
    expect(response.chunks[0]).toEqual(Buffer.from([0xd0])); // first half of 'Ж'
    expect(response.text).toBe(text);
  });

  it('paces chunks with chunkDelayMs', async () => {
    server = await startAivvmServer({ reply: { text: 'aabbccdd', chunkSize: 2, chunkDelayMs: 40 } });
    const next = server.nextRequest();
    const response = await exchange(chat(server.url));
    const request = await next;
    const outcome = await request.closed;
    expect(response.chunks.map(String)).toEqual(['aa', 'bb', 'cc', 'dd']);
    expect(outcome.closedAt - request.receivedAt).toBeGreaterThanOrEqual(3 * 40 - 5);
  });

  it('delays the status line with headersDelayMs', async () => {
    server = await startAivvmServer({ reply: { text: 'late', headersDelayMs: 120 } });
    const next = server.nextRequest();
    const { response } = chat(server.url);
    const request = await next;
    const res = await response;
    const headersAt = performance.now();
    res.resume();
    expect(headersAt - request.receivedAt).toBeGreaterThanOrEqual(115);
    expect(res.statusCode).toBe(200);
  });

  it('sends a status with its reason phrase and the chatbot-ui error body', async () => {
    server = await startAivvmServer({
      reply: { status: 500, reason: 'Rate limit reached for default-gpt-3.5-turbo in organization org-x' },
    });
    const response = await exchange(chat(server.url));
    expect(response.status).toBe(500);
    expect(response.reason).toBe('Rate limit reached for default-gpt-3.5-turbo in organization org-x');
    expect(response.headers['content-type']).toBe('text/plain;charset=UTF-8');
    expect(response.text).toBe('Error');
  });

  it('sends a custom body and extra headers, which override the default content type', async () => {
    server = await startAivvmServer({
      reply: {
        status: 503,
        body: '<h1>Bad gateway</h1>',
        headers: { 'Content-Type': 'text/html', 'retry-after': '7' },
      },
    });
    const response = await exchange(chat(server.url));
    expect(response.status).toBe(503);
    expect(response.reason).toBe('Service Unavailable');
    expect(response.headers['content-type']).toBe('text/html');
    expect(response.headers['retry-after']).toBe('7');
    expect(response.text).toBe('<h1>Bad gateway</h1>');
  });

  it('keeps a Latin-1 reason phrase (Node sends it as Latin-1)', async () => {
    server = await startAivvmServer({ reply: { status: 500, reason: 'Modèle surchargé' } });
    const response = await exchange(chat(server.url));
    expect(response.reason).toBe('Modèle surchargé');
    expect(response.text).toBe('Error');
  });

  it('answers 500 Internal Server Error when Node cannot encode the reason phrase', async () => {
    server = await startAivvmServer({
      reply: { status: 500, reason: 'Превышен лимит запросов', headers: { 'x-dropped': 'yes' } },
    });
    const response = await exchange(chat(server.url));
    expect(response.status).toBe(500);
    expect(response.reason).toBe('Internal Server Error');
    expect(response.text).toBe('Internal Server Error');
    expect(response.headers['x-dropped']).toBeUndefined();
  });
});
