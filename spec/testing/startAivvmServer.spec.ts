import { startAivvmServer } from '../../src/testing';
import type { AivvmServer, RecordedRequest } from '../../src/testing';
import { chat, chatBody, exchange, send } from './rawClient';

describe('startAivvmServer', () => {
  let server: AivvmServer;

  afterEach(async () => {
    await server?.close();
  });

  it('binds 127.0.0.1 on a free port and reports its url', async () => {
    server = await startAivvmServer();
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.requests).toEqual([]);
    expect(server.openSockets).toBe(0);
  });

  it('logs every request with method, path, headers, raw body and parsed JSON, in arrival order', async () => {
    server = await startAivvmServer();
    const body = chatBody('logged?');
    await exchange(
      send(server.url, '/api/chat', body, {
        headers: { 'x-test': 'yes', referer: 'https://chat.aivvm.com/' },
      }),
    );
    await exchange(send(server.url, '/api/models?x=1', { key: '' }));
    await exchange(send(server.url, '/elsewhere', 'not json', { method: 'PUT' }));

    expect(server.requests.map((r) => [r.index, r.method, r.path])).toEqual([
      [0, 'POST', '/api/chat'],
      [1, 'POST', '/api/models?x=1'],
      [2, 'PUT', '/elsewhere'],
    ]);
    const [first, , third] = server.requests as [RecordedRequest, RecordedRequest, RecordedRequest];
    expect(first.headers).toMatchObject({
      'x-test': 'yes',
      referer: 'https://chat.aivvm.com/',
      'content-type': 'application/json',
    });
    expect(first.rawBody).toBe(JSON.stringify(body));
    expect(first.json).toEqual(body);
    expect(third.rawBody).toBe('not json');
    expect(third.json).toBeUndefined();
    expect(first.receivedAt).toBeLessThanOrEqual(third.receivedAt);
  });

  it('nextRequest resolves with the next request once its body is read', async () => {
    server = await startAivvmServer();
    const next = server.nextRequest();
    const also = server.nextRequest();
    const response = exchange(chat(server.url, chatBody('next!')));
    const request = await next;
    expect(await also).toBe(request);
    expect(request.json).toEqual(chatBody('next!'));
    expect((await response).text).toBe('next!');
  });

  it('consumes queued replies in order, then the default reply', async () => {
    server = await startAivvmServer({ replies: [{ text: 'one' }], reply: { text: 'default' } });
    server.enqueue({ text: 'two' }, { status: 500, reason: 'three' });
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const { status, reason, text } = await exchange(chat(server.url));
      answers.push(`${status} ${reason} ${text}`);
    }
    expect(answers).toEqual([
      '200 OK one',
      '200 OK two',
      '500 three Error',
      '200 OK default',
      '200 OK default',
    ]);
  });

  it('calls a reply function with the request and its index among well-formed chat requests', async () => {
    const seen: [number, number][] = [];
    server = await startAivvmServer({
      reply: (request, index) => {
        seen.push([request.index, index]);
        return { text: `#${index} for ${request.path}` };
      },
    });
    expect((await exchange(chat(server.url))).text).toBe('#0 for /api/chat');
    await exchange(send(server.url, '/api/models', { key: '' }));
    await exchange(chat(server.url, { messages: [] })); // malformed: answered 500, not counted
    expect((await exchange(chat(server.url))).text).toBe('#1 for /api/chat');
    expect(seen).toEqual([
      [0, 0],
      [3, 1],
    ]);
  });

  it('setReply replaces the default reply and undefined restores the echo', async () => {
    server = await startAivvmServer();
    server.setReply({ text: 'fixed' });
    expect((await exchange(chat(server.url, chatBody('ignored')))).text).toBe('fixed');
    server.setReply(undefined);
    expect((await exchange(chat(server.url, chatBody('echoed')))).text).toBe('echoed');
  });

  it('answers 500 Internal Server Error naming the problem when a reply function throws', async () => {
    server = await startAivvmServer({
      reply: () => {
        throw new Error('boom');
      },
    });
    const response = await exchange(chat(server.url));
    expect(response.status).toBe(500);
    expect(response.text).toBe('Internal Server Error: boom');
  });

  it('rejects invalid replies when they are given', async () => {
    await expect(startAivvmServer({ replies: [{ chunkSize: [] }] })).rejects.toThrow(
      'replies[0].chunkSize must be a non-empty array of positive integers, got []',
    );
    await expect(startAivvmServer({ models: () => 1 })).rejects.toThrow(TypeError);
    server = await startAivvmServer();
    expect(() => server.enqueue({ chunkSize: 0 })).toThrow(
      'enqueue[0].chunkSize must be a positive integer, got 0',
    );
    expect(() => server.setReply({ stallAfterBytes: -1 })).toThrow(RangeError);
    expect(() => server.setReply({ status: 99 })).toThrow(
      'reply.status must be an integer in 200…999, got 99',
    );
  });

  it('resolves closed and socketClosed when an exchange ends, and openSockets returns to 0', async () => {
    server = await startAivvmServer({ reply: { text: 'done' } });
    const next = server.nextRequest();
    const response = exchange(chat(server.url));
    const request = await next;
    expect(server.openSockets).toBe(1);
    expect((await response).text).toBe('done');
    const outcome = await request.closed;
    expect(outcome).toEqual({ finished: true, bytesSent: 4, closedAt: expect.any(Number) });
    expect(outcome.closedAt).toBeGreaterThanOrEqual(request.receivedAt);
    await request.socketClosed;
    expect(server.openSockets).toBe(0);
  });

  it('close() ends a stalled connection, the client sees it end, and close() is idempotent', async () => {
    server = await startAivvmServer({ reply: { stallBeforeHeaders: true } });
    const next = server.nextRequest();
    const { response } = chat(server.url);
    const request = await next;
    expect(server.openSockets).toBe(1);

    await Promise.all([server.close(), server.close()]);
    await expect(response).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(await request.closed).toMatchObject({ finished: false, bytesSent: 0 });
    await request.socketClosed;
    expect(server.openSockets).toBe(0);
  });

  it('close() resolves only once every socket has closed (issue 22 point 7)', async () => {
    server = await startAivvmServer({ reply: { text: 'partial', stallAfterBytes: 3 } });
    const requests = [];
    for (let i = 0; i < 4; i++) {
      const next = server.nextRequest();
      const { response } = chat(server.url);
      response.then((res) => res.resume()).catch(() => undefined);
      requests.push(await next);
    }
    expect(server.openSockets).toBe(4);
    let socketsClosed = 0;
    for (const request of requests) void request.socketClosed.then(() => socketsClosed++);

    await server.close();
    expect(server.openSockets).toBe(0);
    expect(socketsClosed).toBe(4);
  });

  it('rejects pending and later nextRequest calls once closed', async () => {
    server = await startAivvmServer();
    const pending = server.nextRequest();
    await server.close();
    await expect(pending).rejects.toThrow('closed');
    await expect(server.nextRequest()).rejects.toThrow('closed');
  });
});
