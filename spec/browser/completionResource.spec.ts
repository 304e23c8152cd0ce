/**
 * completionResource in Chromium (the fetch transport, real animation frames): a new request aborts the one in
 * flight (the server sees its socket close), going idle aborts, and the text changes at most once per frame.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { multilingualText, startAivvmServer, type AivvmServer } from '../../src/testing';
import { launchChromium, pageProblems } from './chromium';

interface Probe {
  ask(content: string | undefined): void;
  states: string[];
  frames: number;
  ready: boolean;
}

const ask = (page: Page, content: string | undefined): Promise<void> =>
  page.evaluate((c) => (window as unknown as Probe).ask(c), content);
const shown = (page: Page): Promise<string> => page.locator('pre').innerText();

describe('completionResource in Chromium', () => {
  let dir: string;
  let server: AivvmServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-resource-'));
    await build({
      entryPoints: [join(__dirname, 'resourcePage', 'main.ts')],
      outfile: join(dir, 'main.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'warning',
    });
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>resource</title><link rel="icon" href="data:,">' +
        '<resource-answer></resource-answer><script type="module" src="main.js"></script>\n',
    );
    server = await startAivvmServer({ staticDir: dir });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    page = await browser.newPage();
    problems = pageProblems(page);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => (window as unknown as Probe).ready);
  });

  afterEach(async () => {
    expect(problems.filter((p) => !p.includes('development mode'))).toEqual([]);
    await page.close();
  });

  it('a new request aborts the one in flight (socket closed) and shows the new answer', async () => {
    server.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const first = server.nextRequest('POST /api/chat');
    await ask(page, 'first');
    await page.waitForFunction(() => (document.querySelector('pre')?.textContent ?? '').length >= 20);
    server.setReply({ text: 'Второй ответ 👋', chunkSize: 2, chunkDelayMs: 2 });
    const second = server.nextRequest('POST /api/chat');
    await ask(page, 'second');
    await (
      await first
    ).socketClosed;
    expect((await (await first).closed).finished).toBe(false);
    expect(((await second).json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'second' },
    ]);
    await page.waitForFunction(() => document.querySelector('pre')?.textContent === 'Второй ответ 👋');
    await page.waitForFunction(
      (last) => (window as unknown as Probe).states.at(-1) === last,
      `resolved false ${'Второй ответ 👋'.length}`,
    );
  });

  it('going idle aborts the answer in flight', async () => {
    server.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = server.nextRequest('POST /api/chat');
    await ask(page, 'Hi');
    await page.waitForFunction(() => (document.querySelector('pre')?.textContent ?? '').length >= 20);
    await ask(page, undefined);
    await (
      await request
    ).socketClosed;
    await page.waitForFunction(() => (window as unknown as Probe).states.at(-1) === 'idle false 0');
    expect(await shown(page)).toBe('');
  });

  it('changes its text at most once per animation frame, growing to the whole answer', async () => {
    const answer = multilingualText(1200, 2);
    server.setReply({ text: answer, chunkSize: [1, 2, 3], chunkDelayMs: 1 });
    const framesBefore = await page.evaluate(() => (window as unknown as Probe).frames);
    await ask(page, 'Hi');
    await page.waitForFunction(() =>
      (window as unknown as Probe).states.at(-1)?.startsWith('resolved false'),
    );
    const { states, frames } = await page.evaluate(() => {
      const probe = window as unknown as Probe;
      return { states: probe.states, frames: probe.frames };
    });
    expect(await page.locator('pre').textContent()).toBe(answer);
    const lengths = states.filter((s) => s.startsWith('resolved true')).map((s) => Number(s.split(' ')[2]));
    expect(lengths.length).toBeGreaterThanOrEqual(3); // it grew on screen
    expect(lengths.length).toBeLessThanOrEqual(frames - framesBefore + 1); // never more often than frames
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
    expect(states[0]).toBe('idle false 0');
    expect(states).toContain('loading true 0');
  });
});
