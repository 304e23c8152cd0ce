import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { chatBody, exchange, send } from './rawClient';

const root = resolve(__dirname, '../..');

function runCli(...args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/testing/cli.ts', ...args], { cwd: root });
}

/** Resolves with everything printed so far once `pattern` appears on stdout. */
function printed(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((done, fail) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (pattern.test(out)) {
        child.stdout.off('data', onData);
        done(out);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', () => fail(new Error(`exited before printing ${pattern}: ${out}`)));
  });
}

async function exitOf(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stderr: string }> {
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('npm run server (src/testing/cli.ts)', () => {
  const children: ChildProcessWithoutNullStreams[] = [];

  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the scripted reply, logs requests, and closes cleanly on SIGTERM', async () => {
    const child = runCli('--port', '0', '--text', 'Привет из CLI', '--chunk-size', '3');
    children.push(child);
    const exited = exitOf(child);
    const banner = await printed(child, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    const logged = printed(child, /#0 POST \/api\/chat: 21 B, finished/);

    const response = await exchange(send(url, '/api/chat', chatBody()));
    expect(response.text).toBe('Привет из CLI');
    expect(response.chunks[0]?.length).toBe(3);
    await logged;

    child.kill('SIGTERM');
    const closed = printed(child, /closed/);
    expect(await closed).toContain('SIGTERM: closing');
    expect(await exited).toEqual({ code: 0, stderr: '' });
  });

  it('prints the usage with --help', async () => {
    const child = runCli('--help');
    children.push(child);
    const exited = exitOf(child);
    expect(await printed(child, /--stall-before-headers/)).toContain('Usage: npm run server');
    expect((await exited).code).toBe(0);
  });

  it.each([
    [['--port', 'abc'], '--port expects an integer from 0 to 65535, got "abc"'],
    [['--chunk-size', '0'], '--chunk-size expects positive integers (bytes per chunk), got "0"'],
    [['--port', '0', '--static', 'no/such/dir'], '--static expects an existing directory, got "no/such/dir"'],
  ])('exits 2 (usage) with a message naming the option: %j', async (args, message) => {
    const child = runCli(...args);
    children.push(child);
    const { code, stderr } = await exitOf(child);
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });
});
