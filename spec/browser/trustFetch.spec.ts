/**
 * The fetch transport in headless Chromium, where axios' fetch adapter misbehaves: a request cancelled in the
 * tick it was started in must never reach the server (issue 15 point 1), and a Latin-1 reason phrase must stay
 * an HttpError (issue 9 point 4). The Node halves are in spec/transport/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type * as Aivvm from '../../src';
import { startAivvmServer, type AivvmServer } from '../../src/testing';
import { writeCorePage } from './bundleCore';
import { launchChromium, pageProblems } from './chromium';

describe('the fetch transport in Chromium', () => {
  let dir: string;
  let site: AivvmServer;
  let api: AivvmServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-trust-page-'));
    await writeCorePage(dir);
    site = await startAivvmServer({ staticDir: dir });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    api = await startAivvmServer({ cors: { origin: site.url } });
    page = await browser.newPage();
    pageProblems(page);
    await page.goto(`${site.url}/`);
  });

  afterEach(async () => {
    await page.close();
    await api.close();
  });

  it('sends none of 100 completions unsubscribed in the tick they were subscribed', async () => {
    api.setReply({ echo: true });
    const control = await page.evaluate(async (baseURL) => {
      const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
      const aivvm = lib.createAivvm({ baseURL });
      for (let i = 0; i < 100; i++)
        aivvm
          .createCompletion(null, [{ role: 'user', content: 'private' }], true)
          .subscribe()
          .unsubscribe();
      // A completion sent afterwards and awaited: a cancelled request that left would have reached the server too.
      return new Promise<string>((resolve, reject) =>
        aivvm
          .createCompletion(null, [{ role: 'user', content: 'control' }], false)
          .subscribe({ next: resolve, error: (e: Error) => reject(new Error(e.message)) }),
      );
    }, api.url);
    expect(control).toBe('control');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const posts = api.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => (r.json as { messages: { content: string }[] }).messages[0]?.content)).toEqual([
      'control',
    ]);
  });

  it('reports a 500 with a raw Latin-1 reason phrase as an HttpError, with its phrase', async () => {
    const reason = 'Requête trop longue pour le modèle';
    api.setReply({ status: 500, reason });
    const outcome = await page.evaluate(
      (baseURL) =>
        new Promise<{ tag: string; status: number; statusText: string; body: string }>((resolve) => {
          const lib = (window as unknown as { aivvm: typeof Aivvm }).aivvm;
          lib
            .createAivvm({ baseURL, retry: { count: 0 } })
            .createCompletion(null, [{ role: 'user', content: 'hi' }], true)
            .subscribe({
              error: (e: Aivvm.AnyAivvmError) =>
                resolve({
                  tag: e._tag,
                  status: e._tag === 'HttpError' ? e.status : -1,
                  statusText: e._tag === 'HttpError' ? e.statusText : e.message,
                  body: e._tag === 'HttpError' ? e.body : '',
                }),
            });
        }),
      api.url,
    );
    expect(outcome).toMatchObject({ tag: 'HttpError', status: 500, body: 'Error' });
    // Chromium reads the phrase as Latin-1, so it arrives whole (Node's fetch gives U+FFFD for each such byte).
    expect(outcome.statusText).toBe(reason);
  });
});
