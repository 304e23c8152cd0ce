/**
 * The Angular example (examples/angular), built with esbuild and served by the local Aivvm server, driven in
 * headless Chromium like a person would: pick a model, ask, watch the answer stream in, stop it, see errors.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildAngularExample } from '../../examples/angular/build';
import { multilingualText, startAivvmServer, type AivvmServer } from '../../src/testing';
import { launchChromium, MULTILINGUAL, pageProblems } from './chromium';

const ARTIFACTS = resolve(__dirname, '..', '..', 'artifacts');
const MODELS = [
  { id: 'gpt-3.5-turbo', name: 'GPT-3.5 (local)' },
  { id: 'gpt-4', name: 'GPT-4 (local)' },
];
const ANSWER = `${MULTILINGUAL}\n\n${multilingualText(220, 11)}`;

/** Records every text the answer element shows, from a MutationObserver in the page. */
async function recordAnswer(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const answer = document.querySelector('[data-testid=answer]') as HTMLElement;
    const states: string[] = [];
    (window as unknown as { answerStates: string[] }).answerStates = states;
    new MutationObserver(() => states.push(answer.textContent ?? '')).observe(answer, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { answerStates: string[] }).answerStates);
}

const text = (page: Page, testId: string): Promise<string> =>
  page.locator(`[data-testid=${testId}]`).innerText();

describe('the Angular example app in Chromium', () => {
  let dir: string;
  let server: AivvmServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-angular-app-'));
    await buildAngularExample(dir);
    await mkdir(ARTIFACTS, { recursive: true });
    server = await startAivvmServer({ staticDir: dir, models: MODELS });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 900, height: 720 } });
    problems = pageProblems(page);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid=model] option', { state: 'attached' });
  });

  afterEach(async () => {
    await page.close();
  });

  it('fills the model picker from the server’s /api/models', async () => {
    const options = await page
      .locator('[data-testid=model] option')
      .evaluateAll((nodes) => nodes.map((n) => [(n as HTMLOptionElement).value, n.textContent?.trim()]));
    expect(options).toEqual(MODELS.map((m) => [m.id, m.name]));
    expect(await page.locator('[data-testid=model]').inputValue()).toBe('gpt-3.5-turbo');
    expect(await text(page, 'status')).toBe('idle');
  });

  it('streams the answer progressively, every script intact, with the chosen model and prompt', async () => {
    server.setReply({ text: ANSWER, chunkSize: [1, 2, 3], chunkDelayMs: 4 });
    await page.selectOption('[data-testid=model]', 'gpt-4');
    await page.fill('[data-testid=prompt]', 'Привет! 你好 👋');
    const states = await recordAnswer(page);
    const request = server.nextRequest('POST /api/chat');
    await page.click('[data-testid=send]');
    await page.waitForSelector('[data-status=done]');

    expect(await page.locator('[data-testid=answer]').textContent()).toBe(ANSWER);
    const partial = [...new Set(await states())].filter((s) => s !== '' && s !== ANSWER);
    expect(partial.length).toBeGreaterThanOrEqual(3);
    for (const state of partial) expect(ANSWER.startsWith(state)).toBe(true);
    expect((await request).json).toMatchObject({
      model: { id: 'gpt-4', name: 'GPT-4' },
      messages: [{ role: 'user', content: 'Привет! 你好 👋' }],
    });
    expect(await page.locator('[data-testid=error]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'angular-chat.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('Stop aborts the request: the server sees its socket close and the partial answer stays', async () => {
    server.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = server.nextRequest('POST /api/chat');
    await page.click('[data-testid=send]');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=answer]')?.textContent ?? '').length >= 20,
    );
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-status=cancelled]');
    const sent = await request;
    await sent.socketClosed;
    expect((await sent.closed).finished).toBe(false);
    expect(await text(page, 'answer')).toMatch(/^(tick ?)+$/);
    expect(await page.locator('[data-testid=send]').isEnabled()).toBe(true);
    expect(await page.locator('[data-testid=stop]').isDisabled()).toBe(true);
  });

  it('shows a 500’s reason phrase in the error banner', async () => {
    server.setReply({
      status: 500,
      reason: 'Rate limit reached for default-gpt-3.5-turbo in organization org-x',
    });
    await page.click('[data-testid=send]');
    await page.waitForSelector('[data-status=error]', { timeout: 15_000 });
    expect(await text(page, 'error')).toBe(
      '500 Rate limit reached for default-gpt-3.5-turbo in organization org-x',
    );
    expect(await page.locator('[role=alert]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'angular-chat-error.png') });
  });
});
