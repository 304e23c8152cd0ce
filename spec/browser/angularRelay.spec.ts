/**
 * The Angular example app over the relay (examples/angular/serve.ts's wiring: `?provider=relay`, the relay at
 * /api/relay holding the key), in headless Chromium: the relay's socket is destroyed mid-answer, the page
 * resumes, the answer is shown whole and once, the model server saw one request, and the key never left the
 * server. The same origin still serves the direct modes (forwarded to the model server).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { buildAngularExample } from '../../examples/angular/build';
import { startAngularExample, type AngularExample } from '../../examples/angular/startAngularExample';
import { openaiReply } from '../../src/testing';
import { launchChromium, MULTILINGUAL, pageProblems } from './chromium';

const KEY = 'sk-angular-relay-secret-7f3a9c';
const WORDS = ['Привет', 'мир', '你好', '世界', 'こんにちは', '👋🏽', '👩‍💻', 'stream', 'café', 'ответ', '🇺🇦'];
/** One markdown paragraph (no markup characters), so the DOM's text is the answer's text. */
const ANSWER = `${Array.from({ length: 700 }, (_, i) => WORDS[(i * 7) % WORDS.length]).join(' ')}.`;

/** A request the page made, as Chromium sent it. */
interface Sent {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One request the relay got, as the wrapper saw it. */
interface RelayHit {
  readonly method: string;
  readonly path: string;
  readonly lastEventId: string | undefined;
  readonly authorization: string | undefined;
  /** The request (its socket, to cut). */
  readonly req: IncomingMessage;
  /** The relay's response (its headers: `x-stream-id`, `x-stream-token`). */
  readonly res: ServerResponse;
}

const text = (page: Page, testId: string): Promise<string> =>
  page.locator(`[data-testid=${testId}]`).innerText();

describe('the Angular example app over the relay, in Chromium', () => {
  let dir: string;
  let example: AngularExample;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let sent: Promise<Sent>[];
  const hits: RelayHit[] = [];
  const chats = () => example.modelServer.requests.filter((r) => r.path === '/v1/chat/completions');

  /** Records what the relay gets (the specs cut a response's socket from there: a network drop, server side). */
  const wrapRelay =
    (relay: RequestListener): RequestListener =>
    (req, res) => {
      const header = req.headers['last-event-id'];
      const hit: RelayHit = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        lastEventId: typeof header === 'string' ? header : undefined,
        authorization: req.headers.authorization,
        req,
        res,
      };
      hits.push(hit);
      relay(req, res);
    };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-angular-relay-'));
    await buildAngularExample(dir);
    example = await startAngularExample({ dir, apiKey: KEY, wrapRelay });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await example?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    problems = pageProblems(page);
    sent = [];
    page.on('request', (request: Request) =>
      sent.push(
        request.allHeaders().then((headers) => ({
          method: request.method(),
          url: request.url(),
          headers,
          body: request.postData() ?? '',
        })),
      ),
    );
  });

  afterEach(async () => {
    await page.close();
  });

  it('the relay’s socket destroyed mid-answer: the answer completes exactly once, from one upstream request, and the page never sees the key', async () => {
    example.modelServer.setReply(
      openaiReply({ text: ANSWER, deltaChars: 6, chunkSize: 512, chunkDelayMs: 10 }),
    );
    await page.goto(`${example.url}/?provider=relay`);
    await page.waitForSelector('[data-testid=model] option', { state: 'attached' });
    // Every text the answer shows on its way must be a beginning of the answer: nothing twice, nothing lost.
    await page.evaluate((answer) => {
      const win = window as unknown as { notPrefix: string[] };
      win.notPrefix = [];
      const box = document.querySelector('[data-testid=conversation]') as HTMLElement;
      new MutationObserver(() => {
        const shown = box.querySelector('[data-testid=answer]')?.textContent ?? '';
        if (!answer.startsWith(shown.trimEnd())) win.notPrefix.push(shown);
      }).observe(box, { subtree: true, childList: true, characterData: true });
    }, ANSWER);
    const from = hits.length;
    const chatsBefore = chats().length;

    await page.fill('[data-testid=prompt]', 'Привет! 你好 👋');
    await page.click('[data-testid=send]');
    // Mid-answer, once the page shows some of it: the relay's socket is destroyed (its response not ended).
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=answer]')?.textContent ?? '').length >= 300,
    );
    const post = hits[from];
    expect(post?.method).toBe('POST');
    expect(post?.res.writableEnded).toBe(false);
    post?.req.socket.destroy();
    await page.waitForSelector('[data-status=done]', { timeout: 15_000 });

    expect(await text(page, 'answer')).toBe(ANSWER);
    expect(await page.locator('[data-testid=turn]').count()).toBe(1);
    expect(await page.locator('[data-testid=turn]').getAttribute('data-state')).toBe('done');
    expect(await page.evaluate(() => (window as unknown as { notPrefix: string[] }).notPrefix)).toEqual([]);
    // The page resumed once, from the last event it got: a GET with Last-Event-ID.
    const relayed = hits.slice(from);
    expect(relayed.map((hit) => hit.method)).toEqual(['POST', 'GET']);
    expect(Number(relayed[1]?.lastEventId)).toBeGreaterThan(0);
    // One upstream request, carrying the key; the model server answered it whole.
    const upstream = chats().slice(chatsBefore);
    expect(upstream).toHaveLength(1);
    expect(upstream[0]?.headers['authorization']).toBe(`Bearer ${KEY}`);
    expect(upstream[0]?.json).toMatchObject({ messages: [{ role: 'user', content: 'Привет! 你好 👋' }] });
    expect((await upstream[0]?.closed)?.finished).toBe(true);

    // The page's requests: the relay's POST and GET among them, and the key in none (URL, headers, body).
    const requests = await Promise.all(sent);
    const relayRequests = requests.filter((r) => new URL(r.url).pathname.startsWith('/api/relay'));
    expect(relayRequests.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(relayRequests[1]?.headers['authorization']).toMatch(/^Bearer /);
    expect(requests.filter((r) => new URL(r.url).pathname.startsWith('/v1/'))).toEqual([]);
    const carriesKey = requests.filter(
      (r) =>
        r.url.includes(KEY) ||
        Object.entries(r.headers).some(([name, value]) => name.includes(KEY) || value.includes(KEY)) ||
        r.body.includes(KEY),
    );
    expect(carriesKey).toEqual([]);
    expect(await page.content()).not.toContain(KEY);
    // Chromium reports the reset connection on the console; nothing else may appear there.
    expect(problems.filter((problem) => !problem.includes('ERR_'))).toEqual([]);
  }, 30_000);

  it('Stop over the relay sends DELETE with the stream’s token, and the upstream request closes', async () => {
    // A long, slow answer (an endless body would repeat the SSE stream's end, not its text).
    example.modelServer.setReply(
      openaiReply({ text: ANSWER, deltaChars: 4, chunkSize: 64, chunkDelayMs: 20 }),
    );
    await page.goto(`${example.url}/?provider=relay`);
    await page.waitForSelector('[data-testid=model] option', { state: 'attached' });
    const upstream = example.modelServer.nextRequest('POST /v1/chat/completions');
    const from = hits.length;
    await page.fill('[data-testid=prompt]', 'Count forever');
    await page.click('[data-testid=send]');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=answer]')?.textContent ?? '').length >= 20,
    );
    const stopped = performance.now();
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-status=cancelled]');
    // At once, not after the relay's grace period (20 s): the DELETE stopped it.
    const outcome = await (await upstream).closed;
    expect(outcome.finished).toBe(false);
    expect(outcome.closedAt - stopped).toBeLessThan(2_000);
    expect(hits.slice(from).map((hit) => hit.method)).toEqual(['POST', 'DELETE']);
    const [start, stop] = hits.slice(from);
    expect(stop?.path).toBe(`/${String(start?.res.getHeader('x-stream-id'))}`);
    expect(stop?.authorization).toBe(`Bearer ${String(start?.res.getHeader('x-stream-token'))}`);
    const kept = await text(page, 'answer');
    expect(kept.length).toBeGreaterThanOrEqual(20);
    expect(ANSWER.startsWith(kept)).toBe(true);
    expect(await page.locator('[data-testid=turn]').getAttribute('data-state')).toBe('cut');
    expect(problems).toEqual([]);
  });

  it('the same origin still serves the direct mode (forwarded): the models, the answer, and Stop closes the model server’s socket', async () => {
    example.modelServer.setReply({ text: `Direct: ${MULTILINGUAL}`, chunkSize: [1, 2, 3], chunkDelayMs: 2 });
    await page.goto(`${example.url}/`);
    await page.waitForSelector('[data-testid=model] option', { state: 'attached' });
    expect(await page.locator('[data-testid=model]').inputValue()).toBe('gpt-3.5-turbo');
    const chat = example.modelServer.nextRequest('POST /api/chat');
    await page.fill('[data-testid=prompt]', 'Hi');
    await page.click('[data-testid=send]');
    await page.waitForSelector('[data-status=done]');
    expect(await text(page, 'answer')).toBe(`Direct: ${MULTILINGUAL}`);
    expect((await chat).json).toMatchObject({ messages: [{ role: 'user', content: 'Hi' }] });

    // Stop: the browser's request is aborted, and the forwarding closes the model server's request too.
    example.modelServer.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const endless = example.modelServer.nextRequest('POST /api/chat');
    await page.fill('[data-testid=prompt]', 'Count forever');
    await page.click('[data-testid=send]');
    await page.waitForFunction(
      () => (document.querySelectorAll('[data-testid=answer]')[1]?.textContent ?? '').length >= 20,
    );
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-status=cancelled]');
    const request = await endless;
    await request.socketClosed;
    expect((await request.closed).finished).toBe(false);
    expect(problems).toEqual([]);
  });
});
