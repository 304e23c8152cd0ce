import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAivvmServer, type AivvmServer } from '../../src/testing';
import { parseCliArgs } from '../../src/testing/parseCliArgs';
import { contentTypeOf } from '../../src/testing/serveStatic';
import { chatBody, collect, exchange, send, type Collected } from './rawClient';

/** A GET with a raw request target (no URL normalisation, unlike `new URL`), so traversal attempts arrive as typed. */
function getRaw(url: string, target: string, method = 'GET'): Promise<Collected> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path: target, method, agent: false });
    req.once('response', (res) => resolve(collect(res)));
    req.once('error', reject);
    req.end();
  });
}

describe('staticDir: the app files', () => {
  let server: AivvmServer;
  let base: string;
  let root: string;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'aivvm-static-'));
    root = join(base, 'app');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>chat</title>');
    writeFileSync(join(root, 'main.js'), 'console.log("привет");');
    writeFileSync(join(root, 'assets', 'style.css'), 'body { color: red }');
    writeFileSync(join(root, 'assets', 'index.html'), 'assets index');
    writeFileSync(join(root, 'data.bin'), Buffer.from([0, 1, 2, 255]));
    writeFileSync(join(base, 'secret.txt'), 'top secret');
    symlinkSync(join(base, 'secret.txt'), join(root, 'leak.txt'));
  });

  afterAll(() => rmSync(base, { recursive: true, force: true }));

  beforeEach(async () => {
    server = await startAivvmServer({ staticDir: root, reply: { text: 'still chatting' } });
  });

  afterEach(async () => {
    await server.close();
  });

  it('serves / as index.html and files with their content type, uncached', async () => {
    const index = await getRaw(server.url, '/');
    expect([index.status, index.text]).toEqual([200, '<!doctype html><title>chat</title>']);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['cache-control']).toBe('no-store');

    const script = await getRaw(server.url, '/main.js?v=2');
    expect([script.status, script.text]).toEqual([200, 'console.log("привет");']);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['content-length']).toBe(String(Buffer.byteLength('console.log("привет");')));

    const style = await getRaw(server.url, '/assets/style.css');
    expect([style.headers['content-type'], style.text]).toEqual([
      'text/css; charset=utf-8',
      'body { color: red }',
    ]);
    expect((await getRaw(server.url, '/assets/')).text).toBe('assets index');
    expect((await getRaw(server.url, '/assets')).text).toBe('assets index');

    const binary = await getRaw(server.url, '/data.bin');
    expect(binary.headers['content-type']).toBe('application/octet-stream');
    expect([...binary.body]).toEqual([0, 1, 2, 255]);
  });

  it('answers HEAD with the headers and no body', async () => {
    const head = await getRaw(server.url, '/main.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength('console.log("привет");')));
    expect(head.body.length).toBe(0);
  });

  it.each([
    ['a missing file', '/nope.js', 404],
    ['a dot-dot path', '/../secret.txt', 404],
    ['an encoded dot-dot path', '/%2e%2e/secret.txt', 404],
    ['an encoded slash and dot-dot', '/assets%2f..%2f..%2fsecret.txt', 404],
    ['a symbolic link pointing outside', '/leak.txt', 404],
    ['a malformed escape', '/%E0%A4%A', 400],
    ['an encoded NUL', '/main.js%00.html', 400],
  ])('refuses %s', async (_, target, status) => {
    const response = await getRaw(server.url, target);
    expect(response.status).toBe(status);
    expect(response.text).not.toContain('top secret');
  });

  it('keeps the API: /api/* is never a file, and POST elsewhere is still 404', async () => {
    expect((await getRaw(server.url, '/api/chat')).text).toBe('Error');
    expect((await exchange(send(server.url, '/api/chat', chatBody()))).text).toBe('still chatting');
    expect((await exchange(send(server.url, '/main.js', chatBody()))).status).toBe(404);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/chat',
      'POST /api/chat',
      'POST /main.js',
    ]);
  });

  it('nextRequest(path) waits for that path while the page loads its files', async () => {
    const chat = server.nextRequest('/api/chat');
    const any = server.nextRequest();
    await getRaw(server.url, '/main.js');
    expect((await any).path).toBe('/main.js');
    const response = exchange(send(server.url, '/api/chat?x=1', chatBody('found')));
    expect((await chat).json).toEqual(chatBody('found'));
    expect((await response).text).toBe('still chatting');
  });

  it('nextRequest takes a method and a path, or a predicate', async () => {
    const post = server.nextRequest('POST /api/chat');
    const big = server.nextRequest((request) => request.rawBody.length > 500);
    const broken = server.nextRequest(() => {
      throw new Error('a broken filter');
    });
    await getRaw(server.url, '/api/chat');
    await expect(broken).rejects.toThrow('a broken filter');
    await exchange(send(server.url, '/api/chat', chatBody('short')));
    expect((await post).json).toEqual(chatBody('short'));
    await exchange(send(server.url, '/api/chat', chatBody('x'.repeat(600))));
    expect((await big).json).toEqual(chatBody('x'.repeat(600)));
  });

  it('fails to start on a directory that does not exist', async () => {
    await expect(startAivvmServer({ staticDir: join(base, 'missing') })).rejects.toThrow(
      /staticDir must be an existing directory/,
    );
    await expect(startAivvmServer({ staticDir: join(root, 'main.js') })).rejects.toThrow(
      /staticDir must be an existing directory/,
    );
  });

  it('maps extensions to content types', () => {
    expect(contentTypeOf('a.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('a.map')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('README')).toBe('application/octet-stream');
  });
});

describe('cors', () => {
  let server: AivvmServer | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const preflight = (url: string, path: string, headers: Record<string, string>) =>
    exchange(send(url, path, undefined, { method: 'OPTIONS', headers }));

  it('answers a preflight for a configured origin, allowing POST and the requested headers', async () => {
    server = await startAivvmServer({ cors: { origin: 'http://127.0.0.1:4200' } });
    const response = await preflight(server.url, '/api/chat', {
      origin: 'http://127.0.0.1:4200',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'accept, content-type, x-trace',
    });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'http://127.0.0.1:4200',
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': 'accept, content-type, x-trace',
      'access-control-max-age': '600',
    });
    expect(response.headers.vary).toContain('Origin');
  });

  it('allows the usual headers when the preflight names none (or names them badly)', async () => {
    server = await startAivvmServer({ cors: true });
    for (const extra of [{}, { 'access-control-request-headers': 'content-type;evil' }]) {
      const response = await preflight(server.url, '/api/models', { origin: 'http://a.test', ...extra });
      expect(response.headers['access-control-allow-headers']).toBe(
        'content-type, accept, accept-language, authorization',
      );
    }
  });

  it('puts Access-Control-Allow-Origin on chat, error, models and 404 answers', async () => {
    server = await startAivvmServer({
      cors: true,
      replies: [
        { text: 'hi', chunkSize: 1 },
        { status: 500, reason: 'Rate limit reached' },
        { status: 500, reason: 'Ошибка' },
      ],
    });
    const origin = { origin: 'http://127.0.0.1:9999' };
    const ok = await exchange(send(server.url, '/api/chat', chatBody(), { headers: origin }));
    const failed = await exchange(send(server.url, '/api/chat', chatBody(), { headers: origin }));
    const unencodable = await exchange(send(server.url, '/api/chat', chatBody(), { headers: origin }));
    const models = await exchange(send(server.url, '/api/models', { key: '' }, { headers: origin }));
    const missing = await exchange(send(server.url, '/nowhere', undefined, { headers: origin }));
    expect([ok.text, failed.reason, unencodable.reason, models.status, missing.status]).toEqual([
      'hi',
      'Rate limit reached',
      'Internal Server Error',
      200,
      404,
    ]);
    for (const response of [ok, failed, unencodable, models, missing]) {
      expect(response.headers['access-control-allow-origin']).toBe('http://127.0.0.1:9999');
      expect(response.headers['access-control-expose-headers']).toBe('retry-after');
    }
    // true without an Origin header: any origin.
    const noOrigin = await exchange(send(server.url, '/api/models', { key: '' }));
    expect(noOrigin.headers['access-control-allow-origin']).toBe('*');
  });

  it('lets a reply override the CORS headers', async () => {
    server = await startAivvmServer({
      cors: { origin: '*' },
      reply: { text: 'x', headers: { 'Access-Control-Allow-Origin': 'http://only.test' } },
    });
    const response = await exchange(send(server.url, '/api/chat', chatBody()));
    expect(response.headers['access-control-allow-origin']).toBe('http://only.test');
  });

  it('is off by default: OPTIONS /api/chat is chatbot-ui’s 500 Error, without CORS headers', async () => {
    server = await startAivvmServer();
    const response = await preflight(server.url, '/api/chat', {
      origin: 'http://a.test',
      'access-control-request-method': 'POST',
    });
    expect([response.status, response.text]).toEqual([500, 'Error']);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it.each([
    [{ origin: 'http://localhost:4200/' }],
    [{ origin: 'localhost:4200' }],
    [{ origin: 42 }],
    ['http://localhost:4200'],
  ])('rejects an invalid cors option %j', async (cors) => {
    await expect(startAivvmServer({ cors: cors as never })).rejects.toThrow(
      /cors must be a boolean or \{ origin \}/,
    );
  });

  it('is reachable from the command line', () => {
    expect(parseCliArgs(['--static', 'dist/app', '--cors', '*'])).toMatchObject({
      kind: 'serve',
      staticDir: 'dist/app',
      corsOrigin: '*',
    });
  });
});
