/**
 * Examples are code: each one runs here as a real process (node --import tsx) and its output is checked.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { multilingualText } from '../src/testing';

const root = resolve(__dirname, '..');

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runExample(
  file: string,
  env: Record<string, string> = {},
  onStdout?: (text: string, child: ReturnType<typeof spawn>) => void,
): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...file.split(' ')], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

describe('examples', () => {
  it('demo (npm start) streams the multilingual answer and prints a summary', async () => {
    const run = await runExample('examples/demo.ts', { AIVVM_DEMO_CHARS: '600', AIVVM_DEMO_DELAY_MS: '0' });
    expect(run.stderr).toMatch(/done: \d+ characters in \d+ chunks, [\d.]+ s, \d+ chars\/s/);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(multilingualText(600));
  }, 60_000);

  it('demo --protocol openai streams the same answer over SSE from the embedded server', async () => {
    const run = await runExample('examples/demo.ts --protocol openai', {
      AIVVM_DEMO_CHARS: '600',
      AIVVM_DEMO_DELAY_MS: '0',
    });
    expect(run.stderr).toContain('/v1 (openai, llama3.2)');
    expect(run.stderr).toMatch(/done: \d+ characters in \d+ chunks/);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(multilingualText(600));
  }, 60_000);

  it('openai: events with usage, then a fallback from a failing Aivvm server', async () => {
    const run = await runExample('examples/openai.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Hello from an OpenAI-compatible server! 👋\n[finish: stop, tokens: 16]\n' +
        'fallback → Hello from an OpenAI-compatible server! 👋\n',
    );
  }, 60_000);

  it('tools: two calls at once (one slow, one failing), the failure goes back, then the answer', async () => {
    const run = await runExample('examples/tools.ts');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '→ lookup({"product":"kettle"})\n' +
        '→ rates({"currency":"NOK"})\n' +
        '✗ rates: tool "rates" failed: rates service unavailable, try again\n' +
        '← lookup: {"product":"kettle","eur":120}\n' +
        '→ rates({"currency":"NOK"})\n' +
        '← rates: {"currency":"NOK","perEur":11.5}\n' +
        'The kettle costs 1380 NOK.\n[stop after 3 steps, 7 messages]\n',
    );
    // The slow tool's 300 ms were really waited (its Observable ran to the end).
    const took = Number(/took (\d+) ms/.exec(run.stderr)?.[1]);
    expect(took).toBeGreaterThanOrEqual(300);
  }, 60_000);

  it('demo: SIGINT mid-stream cancels cleanly and exits 130', async () => {
    let signalled = false;
    const run = await runExample(
      'examples/demo.ts',
      { AIVVM_DEMO_CHARS: '20000', AIVVM_DEMO_DELAY_MS: '20' },
      (stdout, child) => {
        if (!signalled && stdout.length > 10) {
          signalled = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(signalled).toBe(true);
    expect(run.stderr).toMatch(/cancelled after \d+ characters/);
    expect(run.code).toBe(130);
    expect(run.stdout.length).toBeLessThan(multilingualText(20000).length);
  }, 60_000);

  it('demo: an unreachable AIVVM_BASE_URL reports a NetworkError and exits 1', async () => {
    const run = await runExample('examples/demo.ts', { AIVVM_BASE_URL: 'http://127.0.0.1:9' });
    expect(run.stderr).toContain('NetworkError');
    expect(run.stderr).toContain('ECONNREFUSED');
    expect(run.code).toBe(1);
  }, 60_000);

  it('compose: switchMap answers only the settled prompt, race picks one model, Chinese flows in words', async () => {
    const run = await runExample('examples/compose.ts');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1. typed → "What is RxJS?" (requests: 2, cancelled: 1)');
    expect(run.stdout).toMatch(/2\. race → gpt-(4|3\.5-turbo): answer from gpt-(4|3\.5-turbo)/);
    const frames = /3\. frames → (.*)/.exec(run.stdout)?.[1]?.split(' → ') ?? [];
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(JSON.parse(frames[frames.length - 1] ?? '""')).toBe('我们今天去公园散步，然后回家吃饭。');
  }, 60_000);

  it('cancel: take() aborts the endless answer and the server sees its socket close', async () => {
    const run = await runExample('examples/cancel.ts');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/server: socket closed after \d+ bytes/);
  }, 60_000);

  it('structured: 50 products checked one by one as they stream, the wrong one named, then done', async () => {
    const run = await runExample('examples/structured.ts');
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^\(\d+ partial values on the way\)\n$/);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe('✓ 1 Teapot 1: 4.99 €');
    expect(lines[1]).toBe('✓ 2 Чайник 2: 11.99 €');
    expect(lines[37]).toBe('✗ product 38: products[37].price expected a number, got "twelve"');
    expect(lines.slice(0, 50).filter((line) => line.startsWith('✓ '))).toHaveLength(49);
    expect(lines.slice(0, 50).map((line) => /^\S (?:product )?(\d+)/.exec(line)?.[1])).toEqual(
      Array.from({ length: 50 }, (_, i) => String(i + 1)),
    );
    expect(lines[50]).toBe('done: 49 valid products; the whole answer does not match');
  }, 60_000);

  it('node-basic prints the streamed greeting', async () => {
    const run = await runExample('examples/node-basic.ts');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Hello from a local Aivvm server! 👋\n');
  }, 60_000);
});
