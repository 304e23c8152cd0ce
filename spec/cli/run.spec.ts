/**
 * `run` and `parseCommand` in-process, with injected streams: what the bin spec cannot set up (a terminal on
 * stderr) and the pure argument parsing.
 */
import { Readable } from 'node:stream';
import { HELP, parseCommand, UsageError, type Command } from '../../src/cli/parseCommand';
import { run, type CliIo } from '../../src/cli/run';
import { EXIT_CODES, exitCodeOf } from '../../src/cli/exitCodes';
import {
  ContentFilterError,
  HttpError,
  IncompleteResponseError,
  NetworkError,
  RefusalError,
  TimeoutError,
  ToolCallsError,
  UnexpectedFinishError,
} from '../../src';
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
      apiKey: undefined,
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
    expect(() => parseCommand(['--protocol', 'ollama', 'hi'], env)).toThrow(
      '--protocol: expected one of aivvm, openai, got "ollama"',
    );
    expect(() => parseCommand(['--frobnicate'], env)).toThrow(UsageError);
    expect(() => parseCommand(['serve', '--port', 'x'], {})).toThrow('--port expects an integer');
  });

  it('--protocol openai: its own variables, a key, a required model', () => {
    const openaiEnv = { OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_API_KEY: 'sk-env' };
    expect(parseCommand(['--protocol', 'openai', '-m', 'llama3.2', 'Hi'], openaiEnv)).toEqual({
      kind: 'ask',
      baseURL: 'http://127.0.0.1:11434/v1',
      protocol: 'openai',
      apiKey: 'sk-env',
      prompt: 'Hi',
      model: 'llama3.2',
      system: undefined,
      temperature: undefined,
      stream: true,
      idleTimeoutMs: undefined,
      json: false,
    } satisfies Command);
    // The option wins over the variable; an empty variable is no key.
    expect(parseCommand(['--protocol', 'openai', '--api-key', 'sk-arg', 'models'], openaiEnv)).toMatchObject({
      kind: 'models',
      protocol: 'openai',
      apiKey: 'sk-arg',
    });
    expect(
      parseCommand(['--protocol', 'openai', 'models'], { ...openaiEnv, OPENAI_API_KEY: '' }),
    ).toMatchObject({ apiKey: undefined });
    // AIVVM_BASE_URL is not an OpenAI server, and OPENAI_API_KEY is not sent to an Aivvm one.
    expect(() => parseCommand(['--protocol', 'openai', '-m', 'x', 'Hi'], env)).toThrow(/OPENAI_BASE_URL/);
    expect(parseCommand(['Hi'], { ...env, ...openaiEnv })).toMatchObject({
      baseURL: env.AIVVM_BASE_URL,
      apiKey: undefined,
    });
    expect(() => parseCommand(['--protocol', 'openai', 'Hi'], openaiEnv)).toThrow(
      '--protocol openai needs --model <name>',
    );
    expect(() => parseCommand(['--protocol', 'openai', '--api-key', '', '-m', 'x', 'Hi'], openaiEnv)).toThrow(
      '--api-key is empty',
    );
    expect(() => parseCommand(['--api-key', 'sk-secret', 'Hi'], env)).toThrow(
      '--api-key is for --protocol openai',
    );
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
    expect(exitCodeOf(new IncompleteResponseError('u', 10))).toBe(12);
    expect(exitCodeOf(new RefusalError('No.', 'stop', ''))).toBe(13);
    expect(exitCodeOf(new ContentFilterError('content_filter', ''))).toBe(14);
    expect(exitCodeOf(new ToolCallsError([], 'tool_calls', ''))).toBe(15);
    expect(exitCodeOf(new UnexpectedFinishError('MALFORMED_FUNCTION_CALL', ''))).toBe(16);
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('keeps the codes scripts already rely on', () => {
    expect(EXIT_CODES).toMatchObject({
      ok: 0,
      unexpected: 1,
      usage: 2,
      UnsupportedModelError: 3,
      InvalidRequestError: 4,
      HttpError: 5,
      NetworkError: 6,
      TimeoutError: 7,
      InvalidResponseError: 8,
      DecodeError: 9,
      ResponseTooLargeError: 10,
      otherAivvmError: 11,
      interrupted: 130,
    });
  });

  it('--help lists every exit code', () => {
    const table = HELP.slice(HELP.indexOf('Exit codes:'));
    for (const code of Object.values(EXIT_CODES)) expect(table).toMatch(new RegExp(`\\b${code} [a-zA-Z]`));
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

  /** What a terminal shows after `writes` (both streams on it): `\r` goes to the line start, `ESC[K` erases to its end. */
  function screen(writes: readonly string[]): string {
    const lines: string[] = [''];
    let column = 0;
    for (const write of writes) {
      // eslint-disable-next-line no-control-regex -- the terminal escape is what it parses
      for (const part of write.split(/(\r|\n|\u001b\[K)/)) {
        const last = lines.length - 1;
        const line = lines[last] ?? '';
        if (part === '\r') column = 0;
        else if (part === '\n') {
          lines.push('');
          column = 0;
        } else if (part === '\x1b[K') lines[last] = line.slice(0, column);
        else if (part !== '') {
          lines[last] = line.slice(0, column) + part + line.slice(column + part.length);
          column += part.length;
        }
      }
    }
    return lines.join('\n');
  }

  it.each([
    ['streamed in chunks', ['hi'], 'one two three\n'],
    ['not streamed (one chunk)', ['--no-stream', 'hi'], 'one two three\n'],
  ])(
    'leaves the whole answer on a terminal, %s (the erase comes before the first chunk)',
    async (_, args, shown) => {
      const writes: string[] = [];
      const tty: CliIo = {
        ...io().io,
        stdout: { write: (text: string) => writes.push(text), isTTY: true },
        stderr: { write: (text: string) => writes.push(text), isTTY: true },
      };
      expect(await run(parseCommand(['--base-url', server.current.url, ...args], {}), tty)).toBe(0);
      expect(screen(writes)).toBe(shown);
    },
  );
});
