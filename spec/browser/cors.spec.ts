/**
 * A CORS refusal in Chromium: the fetch adapter reports `ERR_NETWORK` with no cause, exactly like a refused
 * connection. Retrying it cannot help, so the default retry decision does not: one request reaches the server
 * and the error shows at once. A user's `retry.when` can still ask for retries.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type * as Aivvm from '../../src';
import { startAivvmServer, type AivvmServer } from '../../src/testing';
import { writeCorePage } from './bundleCore';
import { launchChromium } from './chromium';

interface Outcome {
  readonly tag: string;
  readonly code: string | undefined;
  readonly elapsedMs: number;
}

describe('a CORS refusal in Chromium', () => {
  let dir: string;
  let site: AivvmServer;
  let api: AivvmServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-cors-page-'));
    await writeCorePage(dir);
    site = await startAivvmServer({ staticDir: dir });
    // No `cors` option: this server allows no other origin.
    api = await startAivvmServer();
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
    await page.goto(`${site.url}/`);
  });

  afterEach(async () => {
    await page.close();
  });

  /** Runs one completion in the page; `retryAll` replaces the decision with "always retry". */
  const complete = (retryAll: boolean): Promise<Outcome> =>
    page.evaluate(
      ({ baseURL, retryAll }) =>
        new Promise<Outcome>((resolve) => {
          const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
          const started = performance.now();
          lib
            .createAivvm({
              baseURL,
              retry: {
                count: 2,
                baseDelayMs: 1000,
                maxDelayMs: 1000,
                ...(retryAll ? { when: () => true } : {}),
              },
            })
            .createCompletion(null, [{ role: 'user', content: 'hi' }], true)
            .subscribe({
              error: (error: Aivvm.AnyAivvmError) =>
                resolve({
                  tag: error._tag,
                  code: error._tag === 'NetworkError' ? error.code : undefined,
                  elapsedMs: performance.now() - started,
                }),
            });
        }),
      { baseURL: api.url, retryAll },
    );
  const chatRequests = (): number => api.requests.filter((r) => r.path === '/api/chat').length;

  it('is not retried by default: one request reaches the server, the error shows at once', async () => {
    const before = chatRequests();
    const outcome = await complete(false);
    expect(outcome).toMatchObject({ tag: 'NetworkError', code: 'ERR_NETWORK' });
    // Two retries would wait ≥ 500 + 1000 ms (backoff with jitter); the error shows well under 1 s instead.
    expect(outcome.elapsedMs).toBeLessThan(1000);
    // Chromium's preflight (application/json is not a simple type) is the only request; the POST never leaves.
    expect(chatRequests() - before).toBe(1);
  });

  it('is retried when the user asks (retry.when)', async () => {
    const before = chatRequests();
    const outcome = await complete(true);
    expect(outcome).toMatchObject({ tag: 'NetworkError', code: 'ERR_NETWORK' });
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(1500);
    expect(chatRequests() - before).toBe(3);
  }, 20_000);
});
