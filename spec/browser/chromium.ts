import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Cyrillic, CJK, emoji (with a skin tone and a ZWJ family): served 1–3 bytes a chunk, cut inside characters. */
export const MULTILINGUAL = 'Привет, мир! 你好，世界！ こんにちは 👋🏽 👩‍👩‍👧 — done.';

/** Flags for a quiet, offline headless run: without them Chromium keeps calling home on a closed network. */
const QUIET = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** System browsers tried last, in order. */
const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Which Chromium the browser specs run, and the flags it needs. */
export interface ChromiumChoice {
  readonly executablePath: string;
  readonly args: readonly string[];
  /** Where it came from, for error messages and logs. */
  readonly source: 'CHROMIUM_PATH' | '@sparticuz/chromium' | 'system';
}

/**
 * Finds a Chromium without installing anything outside npm, in this order: `CHROMIUM_PATH`; the binary that
 * `npm install` brings with `@sparticuz/chromium` (Linux x64/arm64); a system Chromium or Chrome. Throws a
 * message that says what to do when there is none (macOS/Windows without Chrome).
 */
export async function findChromium(): Promise<ChromiumChoice> {
  const explicit = process.env['CHROMIUM_PATH'];
  if (explicit !== undefined && explicit !== '') {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist.`);
    return { executablePath: explicit, args: QUIET, source: 'CHROMIUM_PATH' };
  }
  if (process.platform === 'linux' && (process.arch === 'x64' || process.arch === 'arm64')) {
    // A brotli-packed Chromium inside the npm package, unpacked to the temp folder on first use (~2 s).
    const { default: packaged } = (await import('@sparticuz/chromium')) as unknown as {
      default: { executablePath(): Promise<string> };
    };
    return {
      executablePath: await packaged.executablePath(),
      // Its own software GL (SwiftShader) and no zygote; not its '--disable-web-security', which would hide
      // CORS refusals from the specs.
      args: [
        ...QUIET,
        '--no-zygote',
        '--use-gl=angle',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
      source: '@sparticuz/chromium',
    };
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  if (system !== undefined) return { executablePath: system, args: QUIET, source: 'system' };
  throw new Error(
    `No Chromium found for the browser specs on ${process.platform}/${process.arch}: npm's @sparticuz/chromium ` +
      `ships Linux x64/arm64 only, and none of ${SYSTEM_BROWSERS.join(', ')} exists. Install Chrome, or set ` +
      'CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

/** Headless Chromium, quiet and offline apart from the pages we open. Close it in `afterAll`. */
export async function launchChromium(): Promise<Browser> {
  const choice = await findChromium();
  return chromium.launch({ executablePath: choice.executablePath, args: [...choice.args], headless: true });
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
