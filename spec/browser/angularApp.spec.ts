/**
 * The Angular example (examples/angular), built with esbuild and served by the local Aivvm server, driven in
 * headless Chromium like a person would: pick a model, hold a conversation, watch markdown stream in, stop an
 * answer, see an error and retry, and survive an answer that tries to run script.
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
const FIRST = [
  '## Streams',
  '',
  `${MULTILINGUAL} A **bold** claim and \`inline code\`.`,
  '',
  '- one',
  '- two',
  '',
  '```ts',
  'const a = 1;',
  '',
  'const b = 2;',
  '```',
  '',
  multilingualText(400, 11),
].join('\n');
const SECOND = 'Second answer: *yes*, 你好 👋.';

const text = (page: Page, testId: string): Promise<string> =>
  page.locator(`[data-testid=${testId}]`).innerText();

/** Counts how often the answers changed on screen, from a MutationObserver in the page. */
async function countRenders(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const box = document.querySelector('[data-testid=conversation]') as HTMLElement;
    const win = window as unknown as { renders: number };
    win.renders = 0;
    new MutationObserver(() => win.renders++).observe(box, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { renders: number }).renders);
}

async function ask(page: Page, question: string): Promise<void> {
  await page.fill('[data-testid=prompt]', question);
  await page.click('[data-testid=send]');
}

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
    page = await browser.newPage({ viewport: { width: 900, height: 900 } });
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

  it('holds a two-turn conversation: markdown streams in, the history is sent with the second question', async () => {
    server.setReply({ text: FIRST, chunkSize: [1, 2, 3, 5], chunkDelayMs: 3 });
    await page.selectOption('[data-testid=model]', 'gpt-4');
    const renders = await countRenders(page);
    const first = server.nextRequest('POST /api/chat');
    await ask(page, 'Привет! 你好 👋');
    await page.waitForSelector('[data-status=done]');
    expect(await renders()).toBeGreaterThanOrEqual(5); // it grew on screen, not at once
    const answer = page.locator('[data-testid=turn] [data-testid=answer]').first();
    expect(await answer.locator('h2').innerText()).toBe('Streams');
    expect(await answer.locator('strong').first().innerText()).toBe('bold');
    expect(await answer.locator('ul').first().locator('li').allInnerTexts()).toEqual(['one', 'two']);
    expect(await answer.locator('pre code').textContent()).toBe('const a = 1;\n\nconst b = 2;\n');
    expect(await answer.innerText()).toContain(MULTILINGUAL);
    expect((await first).json).toMatchObject({
      model: { id: 'gpt-4' },
      messages: [{ role: 'user', content: 'Привет! 你好 👋' }],
    });

    server.setReply({ text: SECOND, chunkSize: 4, chunkDelayMs: 2 });
    const second = server.nextRequest('POST /api/chat');
    await ask(page, 'And then?');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=turn][data-state=done]').length === 2,
    );
    expect((await second).json).toMatchObject({
      model: { id: 'gpt-4' },
      messages: [
        { role: 'user', content: 'Привет! 你好 👋' },
        { role: 'assistant', content: FIRST },
        { role: 'user', content: 'And then?' },
      ],
    });
    expect(await page.locator('[data-testid=question]').allInnerTexts()).toEqual([
      'Привет! 你好 👋',
      'And then?',
    ]);
    expect(await page.locator('[data-testid=answer] em').last().innerText()).toBe('yes');
    expect(await page.locator('[data-testid=error]').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'angular-chat.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('Stop aborts the request (the server sees its socket close); the partial answer stays, marked as cut', async () => {
    server.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = server.nextRequest('POST /api/chat');
    await ask(page, 'Count forever');
    await page.waitForFunction(
      () => (document.querySelector('[data-testid=answer]')?.textContent ?? '').length >= 20,
    );
    await page.click('[data-testid=stop]');
    await page.waitForSelector('[data-status=cancelled]');
    const sent = await request;
    await sent.socketClosed;
    expect((await sent.closed).finished).toBe(false);
    const kept = await text(page, 'answer');
    expect(kept).toMatch(/^(tick ?)+$/);
    expect(await page.locator('[data-testid=turn]').getAttribute('data-state')).toBe('cut');
    expect(await text(page, 'cut')).toBe('Stopped: the answer is cut here.');
    expect(await page.locator('[data-testid=send]').isEnabled()).toBe(true);
    expect(await page.locator('[data-testid=stop]').isDisabled()).toBe(true);

    // The cut answer is part of the conversation: it is sent with the next question.
    server.setReply({ text: 'OK.' });
    const next = server.nextRequest('POST /api/chat');
    await ask(page, 'Go on');
    const messages = ((await next).json as { messages: { role: string; content: string }[] }).messages;
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content.trim()).toBe(kept.trim());
    await page.screenshot({ path: join(ARTIFACTS, 'angular-chat-stopped.png'), fullPage: true });
  });

  it('shows a 500’s reason phrase in the error banner, and Retry sends the question again', async () => {
    server.setReply({
      status: 500,
      reason: 'Rate limit reached for default-gpt-3.5-turbo in organization org-x',
    });
    await ask(page, 'Are you there?');
    await page.waitForSelector('[data-status=error]', { timeout: 15_000 });
    expect(await text(page, 'error')).toBe(
      '500 Rate limit reached for default-gpt-3.5-turbo in organization org-x',
    );
    expect(await page.locator('[role=alert]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'angular-chat-error.png') });

    server.setReply({ text: 'Here I am.', chunkSize: 3 });
    const again = server.nextRequest('POST /api/chat');
    await page.click('[data-testid=retry]');
    await page.waitForSelector('[data-status=done]');
    expect(((await again).json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'Are you there?' },
    ]);
    expect(await text(page, 'answer')).toBe('Here I am.');
    expect(await page.locator('[role=alert]').count()).toBe(0);
  });

  it('Enter sends and Shift+Enter starts a new line; over the OpenAI protocol, reasoning is collapsed above the answer and a cut one says so', async () => {
    await page.goto(`${server.url}/?protocol=openai`);
    await page.waitForSelector('[data-testid=model] option', { state: 'attached' });
    const chunk = (delta: object, finish: string | null = null): string =>
      `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const body = [
      chunk({ role: 'assistant', content: null, reasoning_content: 'Think: 你好 ' }),
      chunk({ reasoning_content: 'means hello.' }),
      chunk({ content: '你好 means **hello**' }),
      chunk({ content: ' and' }, 'length'),
      'data: [DONE]\n\n',
    ].join('');
    server.enqueue({ bytes: new TextEncoder().encode(body), chunkSize: [3, 7], chunkDelayMs: 2 });
    const request = server.nextRequest('POST /v1/chat/completions');

    const prompt = page.locator('[data-testid=prompt]');
    await prompt.fill('What does');
    await prompt.press('Shift+Enter');
    await prompt.pressSequentially('你好 mean?');
    expect(await prompt.inputValue()).toBe('What does\n你好 mean?');
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions')).toEqual([]);
    await prompt.press('Enter');

    await page.waitForSelector('[data-testid=turn][data-state=truncated]');
    expect(((await request).json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'What does\n你好 mean?' },
    ]);
    const reasoning = page.locator('[data-testid=reasoning]');
    expect(await reasoning.count()).toBe(1);
    expect(await reasoning.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await reasoning.locator('summary').innerText()).toBe('Reasoning');
    expect(await text(page, 'answer')).toBe('你好 means hello and');
    expect(await text(page, 'truncated')).toBe('The answer reached the token limit: it is cut here.');
    expect(await prompt.inputValue()).toBe('');
    await reasoning.locator('summary').click();
    expect(await reasoning.locator('p').innerText()).toBe('Think: 你好 means hello.');
    await page.screenshot({ path: join(ARTIFACTS, 'angular-chat-reasoning.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('never runs script from an answer: <script>, onerror and javascript: links are removed', async () => {
    const attack = [
      'Look: <script>window.__xss = "script"</script>',
      '',
      '<img src="data:image/png;base64,AAAA" onerror="window.__xss = \'onerror\'"> and <svg onload="window.__xss = \'svg\'"></svg>',
      '',
      '[click me](javascript:window.__xss=%22link%22) **still markdown**',
      '',
      '<iframe srcdoc="<script>parent.__xss = 1</script>"></iframe>',
    ].join('\n');
    server.setReply({ text: attack, chunkSize: [1, 2, 3], chunkDelayMs: 2 });
    await ask(page, 'Hack me');
    await page.waitForSelector('[data-status=done]');
    const answer = page.locator('[data-testid=answer]');
    expect(await answer.locator('strong').innerText()).toBe('still markdown');
    expect(await answer.locator('script, iframe, [onerror], [onload]').count()).toBe(0);
    const href = await answer.locator('a').getAttribute('href');
    expect(href ?? '').not.toMatch(/^javascript:/i);
    await answer
      .locator('a')
      .click()
      .catch(() => undefined);
    // Give an onerror (the image failing to decode) every chance to fire: wait for the same image's error.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          const probe = new Image();
          probe.onerror = () => done();
          probe.src = 'data:image/png;base64,AAAA';
        }),
    );
    expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS, 'angular-chat-xss.png') });
    expect(problems).toEqual([]);
  });
});
