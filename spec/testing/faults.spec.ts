import { startAivvmServer } from '../../src/testing';
import type { AivvmServer, ResponseOutcome } from '../../src/testing';
import { chat, collect, exchange, received, send } from './rawClient';

describe('fault injection', () => {
  let server: AivvmServer;

  afterEach(async () => {
    await server?.close();
  });

  /** A whole exchange on another connection: by then a stalled response would have moved if it could. */
  async function roundTrip(): Promise<void> {
    expect((await exchange(send(server.url, '/api/models', { key: '' }))).status).toBe(200);
  }

  /** Watches a promise without awaiting it. */
  function settled<T>(promise: Promise<T>): () => boolean {
    let done = false;
    const mark = (): void => {
      done = true;
    };
    promise.then(mark, mark);
    return () => done;
  }

  describe('closeAfterBytes', () => {
    it('destroys the socket after exactly N body bytes, and the client sees an aborted response', async () => {
      server = await startAivvmServer({ reply: { text: 'Привет, мир!', chunkSize: 3, closeAfterBytes: 5 } });
      const next = server.nextRequest();
      const response = await exchange(chat(server.url));
      expect(response.status).toBe(200);
      expect([...response.body]).toEqual([...Buffer.from('Привет, мир!').subarray(0, 5)]);
      expect(response.chunks.map((c) => c.length)).toEqual([3, 2]);
      expect(response.ended).toBe(false);
      expect(response.error).toMatchObject({ message: 'aborted', code: 'ECONNRESET' });
      const request = await next;
      expect(await request.closed).toMatchObject({ finished: false, bytesSent: 5 });
      await request.socketClosed;
      expect(server.openSockets).toBe(0);
    });

    it('with 0 cuts right after the headers', async () => {
      server = await startAivvmServer({ reply: { text: 'never sent', closeAfterBytes: 0 } });
      const response = await exchange(chat(server.url));
      expect(response.status).toBe(200);
      expect(response.body.length).toBe(0);
      expect(response.error).toMatchObject({ code: 'ECONNRESET' });
    });

    it('with a shorter body sends it all, then cuts before the terminating chunk', async () => {
      server = await startAivvmServer({ reply: { text: 'short', closeAfterBytes: 1000 } });
      const response = await exchange(chat(server.url));
      expect(response.text).toBe('short');
      expect(response.ended).toBe(false);
      expect(response.error).toMatchObject({ code: 'ECONNRESET' });
    });

    it('cuts an endless body too', async () => {
      server = await startAivvmServer({
        reply: { text: 'ab', endless: true, chunkSize: 3, closeAfterBytes: 7 },
      });
      const response = await exchange(chat(server.url));
      expect(response.text).toBe('abababa');
      expect(response.error).toMatchObject({ code: 'ECONNRESET' });
    });
  });

  describe('stallAfterBytes', () => {
    it('sends N bytes and keeps the response open until the client leaves', async () => {
      server = await startAivvmServer({
        reply: { text: 'partial answer', chunkSize: 1, stallAfterBytes: 7 },
      });
      const next = server.nextRequest();
      const { req, response } = chat(server.url);
      const res = await response;
      expect((await received(res, 7)).toString()).toBe('partial');
      const request = await next;
      const closed = settled(request.closed);

      await roundTrip();
      expect(res.complete).toBe(false);
      expect(res.readableLength).toBe(0); // nothing more arrived while paused
      expect(closed()).toBe(false);

      req.destroy();
      const outcome: ResponseOutcome = await request.closed;
      expect(outcome).toMatchObject({ finished: false, bytesSent: 7 });
      await request.socketClosed;
      expect(server.openSockets).toBe(0);
    });

    it('with 0 sends the headers, then nothing', async () => {
      server = await startAivvmServer({ reply: { text: 'never sent', stallAfterBytes: 0 } });
      const next = server.nextRequest();
      const { req, response } = chat(server.url);
      const res = await response;
      expect(res.statusCode).toBe(200);
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      await roundTrip();
      expect(chunks).toEqual([]);
      req.destroy();
      expect(await (await next).closed).toMatchObject({ finished: false, bytesSent: 0 });
    });

    it('with a shorter body sends it all and never ends the response (the chatbot-ui hang)', async () => {
      server = await startAivvmServer({ reply: { text: 'upstream broke here', stallAfterBytes: 10_000 } });
      const { req, response } = chat(server.url);
      const res = await response;
      expect((await received(res, 19)).toString()).toBe('upstream broke here');
      await roundTrip();
      expect(res.complete).toBe(false);
      req.destroy();
    });
  });

  describe('stallBeforeHeaders', () => {
    it('accepts the request and never answers until the client gives up', async () => {
      server = await startAivvmServer({ reply: { stallBeforeHeaders: true } });
      const next = server.nextRequest();
      const { req, response } = chat(server.url);
      const request = await next;
      const answered = settled(response);
      await roundTrip();
      expect(answered()).toBe(false);

      req.destroy();
      await expect(response).rejects.toMatchObject({ code: 'ECONNRESET' });
      expect(await request.closed).toMatchObject({ finished: false, bytesSent: 0 });
      await request.socketClosed;
      expect(server.openSockets).toBe(0);
    });
  });

  describe('endless', () => {
    it('streams forever until the client goes away, then stops and closes the socket', async () => {
      server = await startAivvmServer({ reply: { text: 'Жёлтый 🐝 ', endless: true, chunkSize: 16 * 1024 } });
      const next = server.nextRequest();
      const { req, response } = chat(server.url);
      const res = await response;
      const body = await received(res, 1024 * 1024 + 1);
      const unit = Buffer.from('Жёлтый 🐝 ');
      const whole = Math.floor(body.length / unit.length) * unit.length;
      expect(body.subarray(0, whole).equals(Buffer.alloc(whole, unit))).toBe(true);

      req.destroy();
      const request = await next;
      const outcome = await request.closed;
      expect(outcome.finished).toBe(false);
      expect(outcome.bytesSent).toBeGreaterThan(1024 * 1024);
      await request.socketClosed;
      expect(server.openSockets).toBe(0);
    });

    it('with an empty body keeps the response open and sends nothing', async () => {
      server = await startAivvmServer({ reply: { text: '', endless: true } });
      const next = server.nextRequest();
      const { req, response } = chat(server.url);
      const res = await response;
      const result = collect(res);
      await roundTrip();
      expect(res.complete).toBe(false);
      req.destroy();
      expect((await result).body.length).toBe(0);
      expect(await (await next).closed).toMatchObject({ finished: false, bytesSent: 0 });
    });
  });

  it('stops paced writing and clears its timer when the client leaves', async () => {
    server = await startAivvmServer({ reply: { text: 'x'.repeat(1000), chunkSize: 1, chunkDelayMs: 1000 } });
    const next = server.nextRequest();
    const { req, response } = chat(server.url);
    const res = await response;
    await received(res, 1);
    req.destroy();
    const outcome = await (await next).closed;
    expect(outcome).toMatchObject({ finished: false, bytesSent: 1 });
  });

  it('close() ends endless and paced responses in flight', async () => {
    server = await startAivvmServer({
      replies: [
        { text: 'forever', endless: true },
        { text: 'slow', chunkSize: 1, chunkDelayMs: 10_000 },
        { text: 'late', headersDelayMs: 10_000 },
      ],
    });
    const endless = await chat(server.url).response;
    const slow = await chat(server.url).response;
    const late = chat(server.url).response;
    await received(endless, 100_000);
    await received(slow, 1);
    while (server.requests.length < 3) await server.nextRequest();

    const results = [collect(endless), collect(slow)];
    await server.close();
    for (const result of await Promise.all(results)) {
      expect(result.ended).toBe(false);
      expect(result.error).toMatchObject({ code: 'ECONNRESET' });
    }
    await expect(late).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(server.openSockets).toBe(0);
    const outcomes = await Promise.all(server.requests.map((r) => r.closed));
    expect(outcomes.map((o) => o.finished)).toEqual([false, false, false]);
  });
});
