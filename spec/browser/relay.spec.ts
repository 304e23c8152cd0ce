/**
 * The relay client in headless Chromium (fetch transport): a page reads an answer from a relay (createRelay) on
 * its own origin, the relay's socket is destroyed twice mid-answer, and the answer arrives whole, exactly once,
 * from one upstream request; unsubscribing sends DELETE and the upstream request closes at once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import type * as Aivvm from '../../src';
import { multilingualText, openaiReply, startAivvmServer, type AivvmServer } from '../../src/testing';
import { startRelayWithCuts, type RelayWithCuts } from '../relay/relayWithCuts';
import { writeCorePage } from './bundleCore';
import { launchChromium, pageProblems } from './chromium';

describe('the relay client in Chromium', () => {
  let dir: string;
  let upstream: AivvmServer;
  let relay: RelayWithCuts;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  const chats = () => upstream.requests.filter((r) => r.path === '/v1/chat/completions').length;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-relay-page-'));
    await writeCorePage(dir);
    upstream = await startAivvmServer();
    relay = await startRelayWithCuts(upstream, { graceMs: 30_000 }, { dir });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await relay?.close();
    await upstream?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage();
    problems = pageProblems(page);
    await page.goto(`${relay.url}/`);
  });

  afterEach(async () => {
    await page.close();
  });

  it('the network cut twice mid-answer: the page gets the whole text exactly once, from one upstream request', async () => {
    const TEXT = multilingualText(8_000, 5);
    upstream.setReply(openaiReply({ text: TEXT, deltaChars: 8, chunkSize: 512, chunkDelayMs: 2 }));
    relay.cuts.push(3_000, 5_000);
    const from = relay.hits.length;
    const result = await page.evaluate(async (baseURL) => {
      const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
      const pieces: string[] = [];
      await new Promise<void>((resolve, reject) =>
        lib
          .createRelayProvider({ baseURL, reconnect: { attempts: 5, initialDelayMs: 10, maxDelayMs: 100 } })
          .createCompletion('llama3.2', [{ role: 'user', content: 'Hi' }], true)
          .subscribe({
            next: (text) => pieces.push(text),
            error: (error: Error) => reject(new Error(`${error.name}: ${error.message}`)),
            complete: resolve,
          }),
      );
      return { text: pieces.join(''), transport: lib.defaultConfig().transport };
    }, `${relay.url}/relay`);
    expect(result.transport).toBe('fetch');
    expect(result.text).toBe(TEXT);
    expect(chats()).toBe(1);
    const hits = relay.hits.slice(from);
    expect(hits.map((hit) => hit.method)).toEqual(['POST', 'GET', 'GET']);
    expect(hits.filter((hit) => hit.cutAfter !== undefined)).toHaveLength(2);
    expect(Number(hits[2]?.lastEventId)).toBeGreaterThan(Number(hits[1]?.lastEventId ?? 0));
    // Chromium reports a reset connection on the console; nothing else may appear there.
    expect(problems.filter((problem) => !problem.includes('ERR_'))).toEqual([]);
  });

  it('unsubscribing sends DELETE, and the upstream request closes at once', async () => {
    upstream.setReply(
      openaiReply({ text: multilingualText(4_000), deltaChars: 4, chunkSize: 64, chunkDelayMs: 20 }),
    );
    const chat = upstream.nextRequest('POST /v1/chat/completions');
    const stopped = relay.nextHit('DELETE');
    await page.evaluate(
      (baseURL) =>
        new Promise<void>((resolve) => {
          const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
          let seen = 0;
          const subscription = lib
            .createRelayProvider({ baseURL })
            .createCompletion('llama3.2', [{ role: 'user', content: 'Hi' }], true)
            .subscribe(() => {
              if (++seen === 3) {
                subscription.unsubscribe();
                resolve();
              }
            });
        }),
      `${relay.url}/relay`,
    );
    const left = performance.now();
    const stop = await stopped;
    expect(stop.authorization).toMatch(/^Bearer /);
    const outcome = await (await chat).closed;
    expect(outcome.finished).toBe(false);
    expect(outcome.closedAt - left).toBeLessThan(1_000);
    expect(problems).toEqual([]);
  });
});
