/**
 * `run` and `parseCommand` in-process, with injected streams: what the bin spec cannot set up (a terminal on
 * stderr) and the pure argument parsing.
 */
import { Readable } from 'node:stream';
import { HELP, parseCommand, UsageError, type Command } from '../../src/cli/parseCommand';
import { run, type CliIo } from '../../src/cli/run';
import { EXIT_CODES, exitCodeOf } from '../../src/cli/exitCodes';
import { HttpError, NetworkError, TimeoutError } from '../../src';
import { useAivvmServer } from '../helpers/server';

function io(options: { stdoutTTY?: boolean; stderrTTY?: boolean } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: { write: (text: string) => out.push(text), isTTY: options.stdoutTTY ?? false },
    stderr: { write: (text: string) => err.push(text), isTTY: options.stderrTTY ?? false },
    stdin: Readable.from([]),
    signal: new AbortController().signal,
    version: '9.9.9',
    now: () => 0,
  };
  return { io: value, out, err };
}

describe('parseCommand', () => {
  const env = { AIVVM_BASE_URL: 'http://127.0.0.1:8787' };

  it('reads an ask command, with defaults', () => {
    expect(parseCommand(['Hello', 'world'], env)).toEqual({
      kind: 'ask',
      baseURL: 'http://127.0.0.1:8787',
      protocol: 'aivvm',
      prompt: 'Hello world',
      model: undefined,
      system: undefined,
      temperature: undefined,
      stream: true,
      idleTimeoutMs: undefined,
      json: false,
    } satisfies Command);
    expect(
      parseCommand(['--no-stream', '--timeout-idle', '500', '--base-url', 'http://x'], {}),
    ).toMatchObject({
      baseURL: 'http://x',
      prompt: undefined,
      stream: false,
      idleTimeoutMs: 500,
    });
  });

  it('names what is wrong', () => {
    expect(() => parseCommand(['hi'], {})).toThrow(UsageError);
    expect(() => parseCommand(['hi'], { AIVVM_BASE_URL: '' })).toThrow(/aivvm-rx serve/);
    expect(() => parseCommand(['-t', 'hot', 'hi'], env)).toThrow('--temperature expects a number, got "hot"');
    expect(() => parseCommand(['--protocol', 'openai', 'hi'], env)).toThrow(
      '--protocol: expected one of aivvm, got "openai"',
    );
    expect(() => parseCommand(['--frobnicate'], env)).toThrow(UsageError);
    expect(() => parseCommand(['serve', '--port', 'x'], {})).toThrow('--port expects an integer');
  });

  it('help, version, models and serve need no server', () => {
    expect(parseCommand(['--help'], {})).toEqual({ kind: 'help', text: HELP });
    expect(parseCommand(['-v'], {})).toEqual({ kind: 'version' });
    expect(parseCommand(['models', '--json'], env)).toMatchObject({ kind: 'models', json: true });
    expect(parseCommand(['serve', '--port', '0'], {})).toMatchObject({
      kind: 'serve',
      server: { kind: 'serve', port: 0 },
    });
  });
});

describe('exitCodeOf', () => {
  it('gives each error class its own code', () => {
    expect(exitCodeOf(new HttpError(500, 'x', '', 'u'))).toBe(5);
    expect(exitCodeOf(new NetworkError('x', 'ECONNRESET', 0))).toBe(6);
    expect(exitCodeOf(new TimeoutError('idle', 1, 0, 'u'))).toBe(7);
    expect(exitCodeOf(new Error('bug'))).toBe(EXIT_CODES.unexpected);
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe('run: the progress line', () => {
  const server = useAivvmServer({ reply: { text: 'one two three', chunkSize: 4 } });
  const ask = (): Command => parseCommand(['--base-url', server.current.url, 'hi'], {});

  it('is never written when stderr is not a terminal', async () => {
    const { io: plain, out, err } = io();
    expect(await run(ask(), plain)).toBe(0);
    expect(out.join('')).toBe('one two three\n');
    expect(err).toEqual([]);
  });

  it('counts characters on a terminal stderr when stdout goes elsewhere, then clears itself', async () => {
    const { io: tty, out, err } = io({ stderrTTY: true });
    expect(await run(ask(), tty)).toBe(0);
    expect(out.join('')).toBe('one two three\n');
    expect(err[0]).toBe(`… waiting for ${server.current.url}`);
    expect(err).toContain('\r\x1b[K… 13 chars, 0.0 s');
    expect(err.at(-1)).toBe('\r\x1b[K');
  });

  it('goes away at the first chunk when stdout is the same terminal', async () => {
    const { io: tty, err } = io({ stderrTTY: true, stdoutTTY: true });
    expect(await run(ask(), tty)).toBe(0);
    expect(err).toEqual([`… waiting for ${server.current.url}`, '\r\x1b[K']);
  });
});
