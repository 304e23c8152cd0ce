/**
 * `relay.close()` with live answers, in a child process of its own: the upstream request is closed, every reader
 * gets the shut-down error event, and nothing the relay made keeps the process alive.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(60_000);

describe('relay trust: close()', () => {
  it('closes the upstream request, ends every reader with the StoppedError event, and lets the process exit within 2 s', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'closeChild.ts')], {
      cwd: join(__dirname, '../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      child.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    const timeout = setTimeout(() => child.kill('SIGKILL'), 45_000);
    const { code, at } = await exited;
    clearTimeout(timeout);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const seen = JSON.parse(out) as Record<string, unknown>;
    const shutDown = `data: ${JSON.stringify({ _tag: 'StoppedError', message: 'The relay shut down.' })}`;
    expect(seen).toMatchObject({ upstreamFinished: false, liveCount: 0, storeSize: 0 });
    expect(seen['first']).toMatch(
      new RegExp(`^id: \\d+\\nevent: error\\n${shutDown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    expect(seen['second']).toBe(seen['first']);
    expect(at - Number(seen['closedAt'])).toBeLessThan(2_000);
  });
});
