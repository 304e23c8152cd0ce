/**
 * The relay's POST body as an adversarial client sends it, over raw sockets: bodies past the limit without a
 * content-length, bytes that are not UTF-8, JSON that is not an object, keys that are prototypes.
 */
import { connect, type Socket } from 'node:net';
import { openaiReply } from '../../../src/testing';
import { useAivvmServer } from '../../helpers/server';
import { BODY, chatRequests, startRelay } from '../../server/relayFixture';
import { openStream, startAnswer } from '../../server/relayHttp';

const upstream = useAivvmServer();

/** What the server sent on a raw socket, and whether it closed its side. */
function rawClient(url: string) {
  const { port } = new URL(url);
  const socket: Socket = connect(Number(port), '127.0.0.1');
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (text: string) => (received += text));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const receivedIncludes = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (received.includes(text)) resolve();
        else if (socket.destroyed) reject(new Error(`closed before ${JSON.stringify(text)}: ${received}`));
        else setImmediate(check);
      };
      check();
    });
  return { socket, closed, received: () => received, receivedIncludes };
}

const post = (url: string, body: string | Blob, contentType = 'application/json') =>
  openStream(`${url}/`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('relay trust: the POST body', () => {
  it('a chunked body without content-length that never ends gets 413 and its socket closed: reading stops', async () => {
    const relay = await startRelay(upstream.current, { limits: { maxBodyBytes: 1024 } });
    const client = rawClient(relay.url);
    try {
      client.socket.write(
        'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n',
      );
      const chunk = `400\r\n${'['.repeat(1024)}\r\n`;
      let sentAfter413 = 0;
      let refused = false;
      void client.receivedIncludes(' 413 ').then(
        () => (refused = true),
        () => undefined,
      );
      // A client that keeps sending: the relay must hang up instead of draining it for ever.
      while (!client.socket.destroyed && sentAfter413 < 64 << 20) {
        const written = client.socket.write(chunk);
        if (refused) sentAfter413 += chunk.length;
        if (!written) await new Promise((resolve) => setTimeout(resolve, 5));
        else await new Promise((resolve) => setImmediate(resolve));
      }
      await client.closed;
      expect(client.received()).toMatch(/^HTTP\/1\.1 413 /);
      expect(client.received()).toContain('limits.maxBodyBytes');
      expect(sentAfter413).toBeLessThan(64 << 20);
      expect(chatRequests(upstream.current)).toHaveLength(0);
    } finally {
      client.socket.destroy();
      await relay.close();
    }
  });

  it('fetch streaming a finite 5 MB chunked body over the limit still reads the 413 and its message', async () => {
    const relay = await startRelay(upstream.current, { limits: { maxBodyBytes: 1024 } });
    try {
      const chunk = new TextEncoder().encode('['.repeat(65_536));
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= 5_000_000) return controller.close();
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const response = await fetch(`${relay.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(await response.text()).toContain('limits.maxBodyBytes');
      expect(chatRequests(upstream.current)).toHaveLength(0);
    } finally {
      await relay.close();
    }
  });

  it('429 (maxStreams) is answered before the body is read, and the connection closed rather than drained', async () => {
    upstream.current.setReply(
      openaiReply({ text: 'x'.repeat(400), deltaChars: 2, chunkSize: 64, chunkDelayMs: 20 }),
    );
    const relay = await startRelay(upstream.current, { limits: { maxStreams: 1 } });
    const busy = await startAnswer(relay.url, BODY);
    const client = rawClient(relay.url);
    try {
      await busy.waitFor(1);
      client.socket.write(
        'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n5\r\n[[[[[\r\n',
      );
      await client.receivedIncludes('maxStreams');
      expect(client.received()).toMatch(/^HTTP\/1\.1 429 /);
      expect(client.received().toLowerCase()).toContain('connection: close');
      await client.closed;
    } finally {
      busy.abort();
      client.socket.destroy();
      await relay.close();
    }
  });

  it('a content-length over the limit gets 413 at once and the connection is closed, the body never read', async () => {
    const relay = await startRelay(upstream.current, { limits: { maxBodyBytes: 1024 } });
    const client = rawClient(relay.url);
    try {
      client.socket.write(
        'POST / HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: 1000000000\r\n\r\n{',
      );
      await client.receivedIncludes('maxBodyBytes');
      expect(client.received()).toMatch(/^HTTP\/1\.1 413 /);
      expect(client.received().toLowerCase()).toContain('connection: close');
      await client.closed;
    } finally {
      client.socket.destroy();
      await relay.close();
    }
  });

  it.each([
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
    ['multipart/form-data', 'multipart/form-data; boundary=x'],
  ])(
    'a body sent as %s (a form) gets 415 naming the content-type, and nothing is sent upstream',
    async (_, type) => {
      const relay = await startRelay(upstream.current);
      try {
        const answer = await post(relay.url, JSON.stringify(BODY), type);
        expect(answer.status).toBe(415);
        const message = (JSON.parse(answer.body) as { error: { message: string } }).error.message;
        expect(message).toBe(
          `content-type: expected application/json (or text/plain), got ${JSON.stringify(type)}; ` +
            'send the body as JSON with content-type: application/json',
        );
        expect(chatRequests(upstream.current)).toHaveLength(0);
        expect(relay.relay.store.size).toBe(0);
      } finally {
        await relay.close();
      }
    },
  );

  it('by default JSON types, text/plain and no content-type are read (what fetch sends for a string body)', async () => {
    const relay = await startRelay(upstream.current);
    try {
      const none = await openStream(`${relay.url}/`, {
        method: 'POST',
        body: new Blob([JSON.stringify(BODY)]),
      });
      const plain = await openStream(`${relay.url}/`, { method: 'POST', body: JSON.stringify(BODY) });
      expect([none.status, plain.status]).toEqual([200, 200]);
      for (const type of [
        'application/json; charset=utf-8',
        'Application/JSON',
        'application/vnd.api+json',
      ]) {
        const answer = await post(relay.url, JSON.stringify(BODY), type);
        expect([type, answer.status]).toEqual([type, 200]);
      }
    } finally {
      await relay.close();
    }
  });

  it("contentTypes: 'json' refuses text/plain and no content-type with 415 (a cross-site POST needs no preflight)", async () => {
    const relay = await startRelay(upstream.current, { contentTypes: 'json' });
    try {
      const plain = await openStream(`${relay.url}/`, { method: 'POST', body: JSON.stringify(BODY) });
      expect(plain.status).toBe(415);
      expect((JSON.parse(plain.body) as { error: { message: string } }).error.message).toBe(
        'content-type: expected application/json, got "text/plain;charset=UTF-8"; ' +
          'send the body as JSON with content-type: application/json',
      );
      const none = await openStream(`${relay.url}/`, {
        method: 'POST',
        body: new Blob([JSON.stringify(BODY)]),
      });
      expect(none.status).toBe(415);
      expect((JSON.parse(none.body) as { error: { message: string } }).error.message).toMatch(
        /^content-type: expected application\/json, got none;/,
      );
      const json = await post(relay.url, JSON.stringify(BODY), 'application/json');
      expect(json.status).toBe(200);
      expect(json.headers.get('x-stream-id')).toMatch(/^[\w-]{22}$/);
    } finally {
      await relay.close();
    }
  });

  it('a body that is not UTF-8 gets 400 naming the byte, and nothing is sent upstream', async () => {
    const relay = await startRelay(upstream.current);
    try {
      const json = Buffer.from(
        '{"model":"llama3.2","messages":[{"role":"user","content":"caf\u00e9 X"}]}',
        'utf8',
      );
      // 0xff can never appear in UTF-8: a client in Latin-1 would otherwise have its text silently replaced by U+FFFD.
      const bad = Buffer.from(json.toString('utf8').replace('X', '\u0000'), 'utf8');
      bad[bad.indexOf(0)] = 0xff;
      const answer = await post(relay.url, new Blob([bad]));
      expect(answer.status).toBe(400);
      const message = (JSON.parse(answer.body) as { error: { message: string } }).error.message;
      expect(message).toBe(
        `body: not UTF-8 (byte ${bad.indexOf(0xff)} is 0xff); send the JSON encoded as UTF-8`,
      );
      expect(chatRequests(upstream.current)).toHaveLength(0);
    } finally {
      await relay.close();
    }
  });

  it.each([
    ['an empty body', '', /^body: not JSON \(0 bytes\)/],
    ['null', 'null', /^body: expected a JSON object/],
    ['an array', '[]', /^body: expected a JSON object/],
    ['a number', '42', /^body: expected a JSON object/],
    ['a string', '"hi"', /^body: expected a JSON object/],
    [
      'a __proto__ key',
      '{"__proto__":{"model":"x"},"model":"llama3.2","messages":[]}',
      /^body\.__proto__: unknown field/,
    ],
    [
      'a constructor key',
      '{"constructor":1,"model":"llama3.2","messages":[]}',
      /^body\.constructor: unknown field/,
    ],
    ['100 000 nested arrays', '['.repeat(100_000) + ']'.repeat(100_000), /^body: expected a JSON object/],
    ['a truncated object', '{"model":"llama3.2","messages":[', /^body: not JSON/],
    [
      'non-string content',
      '{"model":"llama3.2","messages":[{"role":"user","content":42}]}',
      /messages\[0\]\.content/,
    ],
    ['a model of 1 MB', JSON.stringify({ model: 'm'.repeat(1 << 20), messages: [] }), /maxBodyBytes/],
  ])('%s gets a 4xx naming the problem, and nothing goes upstream', async (_name, body, message) => {
    const relay = await startRelay(upstream.current);
    try {
      const answer = await post(relay.url, body);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      const refusal = JSON.parse(answer.body) as { error: { message: string } };
      expect(refusal.error.message).toMatch(message);
      expect(refusal.error.message.length).toBeLessThan(2000);
      expect(chatRequests(upstream.current)).toHaveLength(0);
      expect(relay.relay.store.size).toBe(0);
    } finally {
      await relay.close();
    }
  });
});
