/**
 * The README's Angular example, as written: the first `ts` block after the heading "## Angular: `aivvm-rx/angular`"
 * in README.md, built the way the README documents for esbuild (JIT: an entry that imports '@angular/compiler',
 * then the example; `experimentalDecorators`), run in Chromium against the local server: it answers, Stop aborts.
 */
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { startAivvmServer, type AivvmServer } from '../../src/testing';
import { launchChromium, pageProblems } from './chromium';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Angular: `aivvm-rx/angular`';
/** The address the README's example talks to (`npm run server`'s default): the spec's server stands in for it. */
const DOCUMENTED_URL = 'http://127.0.0.1:8787';

/** The first ```ts block after `heading` in a markdown document. */
export function codeBlockAfter(markdown: string, heading: string): string {
  const at = markdown.indexOf(`\n${heading}\n`);
  if (at === -1) throw new Error(`README.md has no heading "${heading}"`);
  const block = /```ts\n([\s\S]*?)\n```/.exec(markdown.slice(at));
  if (block?.[1] === undefined) throw new Error(`README.md has no \`\`\`ts block after "${heading}"`);
  return block[1];
}

describe('the README’s Angular example, built with esbuild (JIT) as documented', () => {
  let dir: string;
  let server: AivvmServer;
  let browser: Browser;
  let code: string;

  beforeAll(async () => {
    code = codeBlockAfter(await readFile(join(ROOT, 'README.md'), 'utf8'), HEADING);
    dir = await mkdtemp(join(tmpdir(), 'aivvm-readme-angular-'));
    server = await startAivvmServer({ staticDir: dir });
    expect(code).toContain(DOCUMENTED_URL);
    await writeFile(join(dir, 'chat.ts'), code.replaceAll(DOCUMENTED_URL, server.url));
    // The documented JIT entry: the compiler first, then the example.
    await writeFile(join(dir, 'main.ts'), "import '@angular/compiler';\nimport './chat';\n");
    await writeFile(
      join(dir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><title>README</title><link rel="icon" href="data:,">' +
        '<app-chat></app-chat><script type="module" src="main.js"></script>\n',
    );
    await build({
      entryPoints: [join(dir, 'main.ts')],
      outfile: join(dir, 'main.js'),
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'warning',
      // The documented tsconfig setting (the Angular CLI's default).
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
      // The package as installed would resolve through its exports; here, its sources.
      alias: {
        'aivvm-rx/angular': join(ROOT, 'src', 'angular', 'index.ts'),
        'aivvm-rx': join(ROOT, 'src', 'index.ts'),
      },
      nodePaths: [join(ROOT, 'node_modules')],
    });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts, asks, shows the streamed answer; Stop aborts and keeps the text', async () => {
    const page = await browser.newPage();
    const problems = pageProblems(page);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('app-chat button');
    server.setReply({ text: 'Привет, 世界! 👋 From the README.', chunkSize: 3, chunkDelayMs: 5 });
    const request = server.nextRequest('POST /api/chat');
    await page.click('text=Ask');
    expect(((await request).json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'Привет!' },
    ]);
    await page.waitForFunction(
      () => document.querySelector('pre')?.textContent === 'Привет, 世界! 👋 From the README.',
    );

    server.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const endless = server.nextRequest('POST /api/chat');
    await page.click('text=Ask');
    await page.waitForFunction(() => (document.querySelector('pre')?.textContent ?? '').length >= 20);
    await page.click('text=Stop');
    await (
      await endless
    ).socketClosed;
    expect(await page.locator('pre').textContent()).toMatch(/^(tick ?)+$/);
    expect(problems.filter((p) => !p.includes('development mode'))).toEqual([]);
    await page.close();
  });
});
