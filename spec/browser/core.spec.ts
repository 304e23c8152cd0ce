/**
 * The core library alone (no Angular) in headless Chromium: bundled for browsers, it picks the fetch transport
 * and streams from a local Aivvm server on another origin (CORS), chunk by chunk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type * as Aivvm from '../../src';
import { SEED_HEADERS } from '../../src';
import { startAivvmServer, type AivvmServer } from '../../src/testing';
import { writeCorePage } from './bundleCore';
import { launchChromium, MULTILINGUAL, pageProblems } from './chromium';

describe('the core library in Chromium (fetch transport, cross-origin)', () => {
  let dir: string;
  let site: AivvmServer;
  let api: AivvmServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-core-page-'));
    await writeCorePage(dir);
    site = await startAivvmServer({ staticDir: dir });
    api = await startAivvmServer({ cors: { origin: site.url } });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage();
    problems = pageProblems(page);
    await page.goto(`${site.url}/`);
  });

  afterEach(async () => {
    await page.close();
  });

  it('streams chunk by chunk through the fetch adapter and decodes characters cut across chunks', async () => {
    const body = Buffer.from(MULTILINGUAL);
    const delay = 10;
    api.setReply({ text: MULTILINGUAL, chunkSize: [1, 2, 3], chunkDelayMs: delay });
    const request = api.nextRequest('POST /api/chat');
    const result = await page.evaluate(async (baseURL) => {
      const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
      const chunks: { text: string; at: number }[] = [];
      await new Promise<void>((resolve, reject) =>
        lib
          .createAivvm({ baseURL })
          .createCompletion('gpt-4', [{ role: 'user', content: 'Привет!' }], true)
          .subscribe({
            next: (text) => chunks.push({ text, at: performance.now() }),
            error: (error: Error) => reject(new Error(error.message)),
            complete: resolve,
          }),
      );
      return { transport: lib.defaultConfig().transport, chunks };
    }, api.url);

    expect(result.transport).toBe('fetch');
    const { chunks } = result;
    expect(chunks.map((c) => c.text).join('')).toBe(MULTILINGUAL);
    expect(chunks.some((c) => c.text.includes('\uFFFD'))).toBe(false);
    // Progressive: many chunks, spread over the time the server took (an XHR would deliver one at the end).
    const serverChunks = Math.ceil(body.length / 2);
    expect(chunks.length).toBeGreaterThanOrEqual(10);
    const spread = (chunks.at(-1)?.at ?? 0) - (chunks[0]?.at ?? 0);
    expect(spread).toBeGreaterThan((serverChunks - 1) * delay * 0.5);

    const sent = await request;
    expect(sent.json).toMatchObject({
      model: { id: 'gpt-4' },
      messages: [{ role: 'user', content: 'Привет!' }],
    });
    expect(sent.headers).toMatchObject({
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'accept-language': 'en-US,en;q=0.9',
      origin: site.url,
    });
    // The headers browsers refuse were left out: Chromium's own user agent, no seed `referrer`.
    expect(sent.headers['user-agent']).not.toBe(SEED_HEADERS['user-agent']);
    expect(sent.headers['user-agent']).toContain('Chrome');
    expect(sent.headers['referrer']).toBeUndefined();
    // application/json is not a "simple" content type: Chromium asked first, and our server said yes.
    const preflight = api.requests.find((r) => r.method === 'OPTIONS' && r.path === '/api/chat');
    expect(preflight?.index).toBeLessThan(sent.index);
    expect(preflight?.headers['access-control-request-method']).toBe('POST');
    expect(preflight?.headers['access-control-request-headers']).toContain('content-type');
    expect(problems).toEqual([]);
  });

  it('unsubscribing aborts the fetch: the server sees its socket close', async () => {
    api.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = api.nextRequest('POST /api/chat');
    const chunks = await page.evaluate(
      (baseURL) =>
        new Promise<string[]>((resolve) => {
          const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
          const received: string[] = [];
          const subscription = lib
            .createAivvm({ baseURL })
            .createCompletion(null, [{ role: 'user', content: 'more' }], true)
            .subscribe((text) => {
              received.push(text);
              if (received.length === 3) {
                subscription.unsubscribe();
                resolve(received);
              }
            });
        }),
      api.url,
    );
    expect(chunks.join('')).toMatch(/^(tick )+/);
    const sent = await request;
    await sent.socketClosed;
    expect((await sent.closed).finished).toBe(false);
  });

  it('delivers the text that arrived before a broken connection, then a NetworkError', async () => {
    // 'При' arrives 150 ms before 'вет' and the cut. Bytes that come together with the cut may be lost in a
    // browser: an errored ReadableStream drops what it had queued (ERR_INCOMPLETE_CHUNKED_ENCODING).
    api.setReply({ text: 'Привет, мир!', chunkSize: 6, chunkDelayMs: 150, closeAfterBytes: 12 });
    const outcome = await page.evaluate(
      (baseURL) =>
        new Promise<{ text: string; tag: string; receivedBytes: number }>((resolve) => {
          const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
          let text = '';
          lib
            .createAivvm({ baseURL })
            .createCompletion('gpt-4', [{ role: 'user', content: 'hi' }], true)
            .subscribe({
              next: (chunk) => (text += chunk),
              error: (e: Aivvm.AnyAivvmError) =>
                resolve({
                  text,
                  tag: e._tag,
                  receivedBytes: e._tag === 'NetworkError' ? e.receivedBytes : -1,
                }),
            });
        }),
      api.url,
    );
    expect([
      { text: 'При', tag: 'NetworkError', receivedBytes: 6 },
      { text: 'Привет', tag: 'NetworkError', receivedBytes: 12 },
    ]).toContainEqual(outcome);
  });

  it('reports a 500 with its reason phrase, read across origins', async () => {
    api.setReply({ status: 500, reason: 'Rate limit reached for default-gpt-4 in organization org-1' });
    const error = await page.evaluate(
      (baseURL) =>
        new Promise<{ tag: string; status: number; statusText: string }>((resolve) => {
          const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
          lib
            .createAivvm({ baseURL })
            .createCompletion('gpt-4', [{ role: 'user', content: 'hi' }], true, { retry: { count: 0 } })
            .subscribe({
              error: (e: Aivvm.AnyAivvmError) =>
                resolve(
                  e._tag === 'HttpError'
                    ? { tag: e._tag, status: e.status, statusText: e.statusText }
                    : { tag: e._tag, status: 0, statusText: e.message },
                ),
            });
        }),
      api.url,
    );
    expect(error).toEqual({
      tag: 'HttpError',
      status: 500,
      statusText: 'Rate limit reached for default-gpt-4 in organization org-1',
    });
  });
});
