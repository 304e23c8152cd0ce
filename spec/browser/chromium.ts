import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Cyrillic, CJK, emoji (with a skin tone and a ZWJ family): served 1–3 bytes a chunk, cut inside characters. */
export const MULTILINGUAL = 'Привет, мир! 你好，世界！ こんにちは 👋🏽 👩‍👩‍👧 — done.';

/** Debian's Chromium (`apt-get install chromium`, as `.ci/run` does): playwright-core downloads no browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium, quiet and offline apart from the pages we open. Close it in `afterAll`. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Everything the page printed to its console or threw, to assert that a run was clean. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  return problems;
}
