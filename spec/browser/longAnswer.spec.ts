/**
 * A long answer does not freeze the page: the example app renders a 200 KB markdown answer append-only
 * (`appendTo`: finished blocks once, the open block again), so no main-thread task takes over 50 ms while it
 * streams. Measured two ways: Chromium's Long Tasks API (wall clock, as a user feels it; on a loaded machine the
 * OS stretches tasks) and a trace's main-thread CPU time per task (what the page itself costs). The figures are
 * printed for the notes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildAngularExample } from '../../examples/angular/build';
import { multilingualText, startAivvmServer, type AivvmServer } from '../../src/testing';
import { launchChromium, pageProblems } from './chromium';

/** What the page measured with the Long Tasks API while the answer streamed. */
interface LongTasks {
  readonly count: number;
  readonly longestMs: number;
  /** Σ (duration − 50 ms) over long tasks: how long input would have waited (total blocking time). */
  readonly blockedMs: number;
  readonly streamMs: number;
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

const ANSWER = multilingualText(200_000, 3);

/** The longest main-thread task of a trace, in CPU milliseconds (time the thread really ran). */
function longestMainThreadCpuMs(trace: Buffer): number {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`));
  expect(tasks.length).toBeGreaterThan(100);
  return Math.max(...tasks.map((e) => (e.tdur ?? e.dur ?? 0) / 1000));
}

async function ask(page: Page, question: string, turns: number): Promise<void> {
  await page.fill('[data-testid=prompt]', question);
  await page.click('[data-testid=send]');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid=turn][data-state=done]').length === n,
    turns,
    { timeout: 60_000 },
  );
}

describe('a 200 KB answer in the Angular example (Chromium)', () => {
  let dir: string;
  let server: AivvmServer;
  let browser: Browser;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-long-answer-'));
    await buildAngularExample(dir);
    server = await startAivvmServer({ staticDir: dir });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('streams in with no task over 50 ms, and is all there at the end', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const problems = pageProblems(page);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid=model] option', { state: 'attached' });
    // The app renders a sample of each markdown construct while idle (examples/angular/warmMarkdown.ts): without
    // it, the first `> quote` of the answer compiles marked's regular expressions in the middle of the stream
    // (47–91 ms in one task).
    await page.waitForSelector('html[data-markdown=warm]', { state: 'attached' });
    // A first, short answer: the page's one-time costs (first markdown render, font fallback for CJK and
    // emoji) are paid by any first answer, long or short; they are not what this spec is about.
    server.setReply({ text: multilingualText(20_000, 9), chunkSize: 4096 });
    await ask(page, 'Warm up', 1);

    // Small chunks, a few milliseconds apart: about 2 000 chunks over 5 to 6 seconds.
    server.setReply({ text: ANSWER, chunkSize: [200, 256, 312], chunkDelayMs: 2 });
    await page.evaluate(() => {
      const win = window as unknown as { longTasks: PerformanceEntry[]; startedAt: number };
      win.longTasks = [];
      win.startedAt = performance.now();
      new PerformanceObserver((list) => win.longTasks.push(...list.getEntries())).observe({
        type: 'longtask',
        buffered: true,
      });
    });
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    await ask(page, 'Write a lot', 2);
    // Let the last frame's work be reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 100))));
    const cpuMs = longestMainThreadCpuMs(await browser.stopTracing());
    const measured: LongTasks = await page.evaluate(() => {
      const win = window as unknown as { longTasks: PerformanceEntry[]; startedAt: number };
      const tasks = win.longTasks.filter((task) => task.startTime >= win.startedAt);
      return {
        count: tasks.length,
        longestMs: Math.max(0, ...tasks.map((task) => task.duration)),
        blockedMs: tasks.reduce((sum, task) => sum + task.duration - 50, 0),
        streamMs: performance.now() - win.startedAt,
      };
    });
    process.stdout.write(
      `200 KB answer: ${measured.count} long tasks, longest ${measured.longestMs.toFixed(0)} ms, total blocking ` +
        `${measured.blockedMs.toFixed(0)} ms in ${measured.streamMs.toFixed(0)} ms; longest task ` +
        `${cpuMs.toFixed(1)} ms of main-thread CPU\n`,
    );

    const answer = page.locator('[data-testid=answer]').last();
    expect(await answer.evaluate((element) => element.children.length)).toBeGreaterThan(20); // piece by piece
    expect((await answer.textContent())?.length).toBeGreaterThan(150_000);
    // The page's own work: no task over 50 ms. (Whole-text rendering: 41–47 long tasks, the longest 111–160 ms.)
    expect(cpuMs).toBeLessThanOrEqual(50);
    // As the user feels it: a bound that holds even on a starved machine (it was 3.3–3.7 s on an idle one).
    expect(measured.blockedMs).toBeLessThanOrEqual(1000);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
