/**
 * Issue 22 point 6: every bad option value of `aivvm-rx serve` (and `npm run server`) is a usage error, exit 2,
 * with a message naming the option — whether it shows when parsing (`--chunk-size 0`) or when the server starts
 * (`--static <missing dir>`, a port in use).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseCommand, UsageError } from '../../src/cli/parseCommand';
import { run } from '../../src/cli/run';
import { EXIT_CODES } from '../../src/cli/exitCodes';
import { startAivvmServer } from '../../src/testing';
import { parseCliArgs } from '../../src/testing/parseCliArgs';
import { runServer } from '../../src/testing/runServer';
import { exchange, send } from './rawClient';

/** Runs `aivvm-rx serve …` in-process as the bin does; a server that does start is stopped at once. */
async function serve(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  let command;
  try {
    command = parseCommand(['serve', ...args], {});
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: EXIT_CODES.usage, stderr: error.message };
  }
  const stop = new AbortController();
  const err: string[] = [];
  const code = await run(command, {
    stdout: {
      write: (text: string) => {
        if (text.includes('listening')) stop.abort('started');
      },
    },
    stderr: { write: (text: string) => err.push(text) },
    stdin: Readable.from([]),
    signal: stop.signal,
    version: '0.0.0',
  });
  return { code, stderr: err.join('') };
}

const dir = mkdtempSync(join(tmpdir(), 'serve-options-'));
const file = join(dir, 'file.txt');
writeFileSync(file, 'not a directory');

describe('aivvm-rx serve: every bad option value is a usage error naming the option', () => {
  it.each<[string[], RegExp]>([
    [['--chunk-size', '0'], /--chunk-size expects positive integers \(bytes per chunk\), got "0"/],
    [['--chunk-size', '4,0'], /--chunk-size expects positive integers \(bytes per chunk\), got "4,0"/],
    [['--chunk-size', ''], /--chunk-size expects positive integers/],
    [['--chunk-size', '1e3'], /--chunk-size expects positive integers/],
    [['--port', '99999'], /--port expects an integer from 0 to 65535, got "99999"/],
    [['--port=-1'], /--port expects an integer from 0 to 65535, got "-1"/],
    [['--port', '-1'], /--port/],
    [['--port', 'abc'], /--port expects an integer from 0 to 65535, got "abc"/],
    [['--port', '1e3'], /--port expects an integer from 0 to 65535, got "1e3"/],
    [['--host', ''], /--host expects an IP address or a host name/],
    [
      ['--host', 'http://localhost'],
      /--host expects an IP address or a host name .*got "http:\/\/localhost"/,
    ],
    [['--static', join(dir, 'missing')], /--static expects an existing directory, got ".*missing"/],
    [['--static', file], /--static expects an existing directory/],
    [['--cors', 'localhost:4200'], /--cors expects "\*" or an origin .*got "localhost:4200"/],
    [['--status', '99'], /--status expects an integer from 200 to 999, got "99"/],
    [['--status', '1000'], /--status expects an integer from 200 to 999/],
    [['--delay=-1'], /--delay expects a number of milliseconds from 0 to 2147483647, got "-1"/],
    [['--delay', '3000000000'], /--delay expects a number of milliseconds from 0 to 2147483647/],
    [['--headers-delay', 'soon'], /--headers-delay expects a number of milliseconds/],
    [['--close-after', '1.5'], /--close-after expects an integer ≥ 0 \(bytes\), got "1.5"/],
    [['--stall-after=-3'], /--stall-after expects an integer ≥ 0 \(bytes\)/],
    [['--multilingual', '100000000000'], /--multilingual expects an integer from 0 to 10000000/],
    [['--multilingual', 'lots'], /--multilingual expects an integer from 0 to 10000000/],
    [['--multilingual', '10', '--seed', 'x'], /--seed expects an integer ≥ 0, got "x"/],
    [['--seed', '3'], /--seed only applies to --multilingual/],
    [['--body', 'nope'], /--body is the body of a non-2xx answer: add --status/],
    [['--text', 'a', '--multilingual', '9'], /--text and --multilingual cannot be used together/],
    [['--endless=yes'], /--endless/],
    [['--replay', join(dir, 'missing.sse')], /--replay expects a readable file, got ".*missing.sse"/],
    [['--replay', dir], /--replay expects a readable file/],
    [['--replay', ''], /--replay expects a file, got ""/],
    [
      ['--replay', file, '--text', 'x'],
      /--replay sends the recorded body as it is: it cannot be combined with --text/,
    ],
    [['--per-event', '--chunk-size', '3'], /--per-event writes one event per chunk: leave out --chunk-size/],
    [
      ['--reasoning', 'r', '--reasoning-field', 'thinking'],
      /--reasoning-field expects one of reasoning_content, reasoning, got "thinking"/,
    ],
    [['--reasoning-field', 'reasoning'], /--reasoning-field needs --reasoning/],
    [['--frobnicate'], /--frobnicate/],
  ])('%j', async (args, message) => {
    const { code, stderr } = await serve(['--port', '0', ...args]);
    expect(stderr).toMatch(message);
    expect(code).toBe(EXIT_CODES.usage);
  });

  it('a port already in use is a usage error naming --port', async () => {
    const taken = await startAivvmServer();
    try {
      const { code, stderr } = await serve(['--port', String(taken.port)]);
      expect(stderr).toMatch(new RegExp(`--port ${taken.port} is already in use`));
      expect(code).toBe(EXIT_CODES.usage);
    } finally {
      await taken.close();
    }
  });

  it('--replay, --per-event and --reasoning reach the OpenAI route', async () => {
    const sse = join(dir, 'recorded.sse');
    writeFileSync(sse, 'data: {"choices":[]}\n\ndata: [DONE]\n\n');
    const replayed = parseCliArgs(['--port', '0', '--replay', sse, '--per-event', '--quiet']);
    const reasoned = parseCliArgs([
      '--port',
      '0',
      '--reasoning',
      'hm',
      '--reasoning-field',
      'reasoning',
      '--quiet',
    ]);
    for (const [command, check] of [
      [replayed, (text: string) => expect(text).toBe('data: {"choices":[]}\n\ndata: [DONE]\n\n')],
      [reasoned, (text: string) => expect(text).toContain('"delta":{"reasoning":"hm"}')],
    ] as const) {
      if (command.kind !== 'serve') throw new Error('expected a serve command');
      const stop = new AbortController();
      let url = '';
      let running: Promise<void> | undefined;
      const listening = new Promise<void>((started) => {
        running = runServer(command, {
          stdout: {
            write: (text: string) => {
              url ||= /listening on (\S+) /.exec(text)?.[1] ?? '';
              if (url !== '') started();
            },
          },
          signal: stop.signal,
        });
      });
      await listening;
      const body = { model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true };
      const response = await exchange(send(url, '/v1/chat/completions', body));
      check(response.text);
      stop.abort();
      await running;
    }
  });

  it('good values still start the server (exit 0 once stopped)', async () => {
    // --port 0: the default 8787 may be taken on the machine (a demo left running), which is not what this tests.
    const { code, stderr } = await serve([
      '--port',
      '0',
      '--chunk-size',
      '1,2',
      '--delay',
      '0',
      '--static',
      dir,
      '--cors',
      '*',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT_CODES.ok);
  });
});
