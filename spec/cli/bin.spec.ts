/**
 * The built `aivvm-rx` bin (dist/cli.js) as a user runs it: a child process talking to the local Aivvm server.
 */
import { once } from 'node:events';
import { startAivvmServer, type AivvmServer } from '../../src/testing';
import { buildPackage } from '../package/buildPackage';
import { cli, exitOf, start } from './runBin';

describe('the aivvm-rx bin (dist/cli.js)', () => {
  let server: AivvmServer;
  const ANSWER = 'Привет, 世界 👋';

  beforeAll(() => buildPackage(), 240_000);
  beforeEach(async () => {
    server = await startAivvmServer({ reply: { text: ANSWER, chunkSize: 3 } });
  });
  afterEach(() => server.close());

  it('streams the answer to a prompt from the arguments, from --base-url', async () => {
    const request = server.nextRequest('POST /api/chat');
    const result = await cli(['--base-url', server.url, 'Say', 'hello']);
    expect(result).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
    expect((await request).json).toMatchObject({ messages: [{ role: 'user', content: 'Say hello' }] });
  });

  it('reads the prompt from stdin and the server from AIVVM_BASE_URL', async () => {
    const request = server.nextRequest('POST /api/chat');
    const result = await cli([], { env: { AIVVM_BASE_URL: server.url }, stdin: 'Вопрос из stdin\n' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${ANSWER}\n`);
    expect((await request).json).toMatchObject({
      messages: [{ role: 'user', content: 'Вопрос из stdin\n' }],
    });
  });

  it('sends --model, --system, --temperature; --no-stream prints the answer once', async () => {
    const request = server.nextRequest('POST /api/chat');
    const args = ['--base-url', server.url, '-m', 'gpt-4', '--system', 'Be brief.', '-t', '0.2'];
    const result = await cli([...args, '--no-stream', 'hi']);
    expect(result).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
    expect((await request).json).toMatchObject({
      model: { id: 'gpt-4' },
      prompt: 'Be brief.',
      temperature: 0.2,
    });
  });

  it('--json prints NDJSON: text events that add up to the answer, then one done line', async () => {
    const result = await cli(['--base-url', server.url, '--json', 'hi']);
    expect(result.code).toBe(0);
    const events = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; text?: string; chars?: number });
    const texts = events.slice(0, -1);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.every((event) => event.type === 'text')).toBe(true);
    expect(texts.map((event) => event.text).join('')).toBe(ANSWER);
    expect(events.at(-1)).toEqual({ type: 'done', chars: [...ANSWER].length }); // characters: the emoji is 1
  });

  it('models lists the server’s models, as lines or --json', async () => {
    const lines = await cli(['models', '--base-url', server.url]);
    expect(lines.code).toBe(0);
    expect(lines.stdout.split('\n')).toContain('gpt-4\tGPT-4');
    const json = await cli(['models', '--base-url', server.url, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(expect.arrayContaining([{ id: 'gpt-4', name: 'GPT-4' }]));
  });

  it('with no base URL, says how to get a server and exits 2', async () => {
    const result = await cli(['hi']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--base-url');
    expect(result.stderr).toContain('aivvm-rx serve');
  });

  it('an HttpError prints its reason phrase on stderr and exits 5', async () => {
    server.setReply({ status: 500, reason: 'Rate limit reached for default-gpt-3.5-turbo' });
    const http = await cli(['--base-url', server.url, 'hi']);
    expect(http.code).toBe(5);
    expect(http.stdout).toBe('');
    expect(http.stderr).toMatch(/^aivvm-rx: HTTP 500 Rate limit reached for default-gpt-3\.5-turbo/);
  });

  it('an unsupported model exits 3, an invalid request 4, and nothing is sent', async () => {
    const model = await cli(['--base-url', server.url, '--model', 'gpt-5', 'hi']);
    expect(model.code).toBe(3);
    expect(model.stderr).toContain('got "gpt-5"');
    const temperature = await cli(['--base-url', server.url, '-t', '3', 'hi']);
    expect(temperature.code).toBe(4);
    expect(temperature.stderr).toContain('temperature');
    expect(server.requests).toHaveLength(0);
  });

  it('a refused connection exits 6', async () => {
    const closed = await startAivvmServer();
    await closed.close();
    const network = await cli(['--base-url', closed.url, 'hi']);
    expect(network.code).toBe(6);
    expect(network.stderr).toContain('ECONNREFUSED');
  });

  it('--timeout-idle fails a stalled answer with exit 7, after printing what arrived', async () => {
    server.setReply({ text: 'partial answer', chunkSize: 4, stallAfterBytes: 8 });
    const result = await cli(['--base-url', server.url, '--timeout-idle', '300', '--json', 'hi']);
    expect(result.code).toBe(7);
    const events = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      events
        .filter((e) => e.type === 'text')
        .map((e) => e.text)
        .join(''),
    ).toBe('partial ');
    expect(events.at(-1)).toMatchObject({ type: 'error', error: 'TimeoutError', exitCode: 7 });
    expect(result.stderr).toMatch(/^aivvm-rx: /);
  });

  it('Ctrl-C (SIGINT) aborts the request: the server sees the socket close, and the exit code is 130', async () => {
    server.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = server.nextRequest('POST /api/chat');
    const child = start(['--base-url', server.url, 'go']);
    child.stdin.end();
    const exited = exitOf(child);
    await once(child.stdout, 'data');
    child.kill('SIGINT');
    await (
      await request
    ).socketClosed;
    const result = await exited;
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/^(tick ?)+\n?$/);
    expect((await (await request).closed).finished).toBe(false);
  });

  it('serve runs the local server until Ctrl-C, and the client talks to it', async () => {
    const child = start(['serve', '--port', '0', '--text', 'Served by aivvm-rx serve', '--quiet']);
    const exited = exitOf(child);
    let banner = '';
    while (!/listening on (http:\/\/\S+)/.test(banner)) {
      const [chunk] = (await once(child.stdout, 'data')) as [string];
      banner += chunk;
    }
    const url = /listening on (http:\/\/[\d.:]+)/.exec(banner)?.[1] ?? '';
    const answer = await cli(['--base-url', url, 'hi']);
    expect(answer).toEqual({ code: 0, stdout: 'Served by aivvm-rx serve\n', stderr: '' });
    // The same server answers the OpenAI-compatible routes under /v1, as --help says.
    const openai = await cli(['--protocol', 'openai', '--base-url', `${url}/v1`, '-m', 'any-name', 'hi']);
    expect(openai).toEqual({ code: 0, stdout: 'Served by aivvm-rx serve\n', stderr: '' });
    child.kill('SIGINT');
    const result = await exited;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('SIGINT: closing…\nclosed\n');
  });

  it('--help and --version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: aivvm-rx');
    expect(help.stdout).toContain('130 interrupted');
    expect(help.stdout).toContain('--protocol openai --base-url http://127.0.0.1:8787/v1');
    const version = await cli(['--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const serveHelp = await cli(['serve', '--help']);
    expect(serveHelp.stdout).toContain('aivvm-rx serve [options]');
  });
});
