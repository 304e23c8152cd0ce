/**
 * The built `aivvm-rx` bin with `--protocol openai`, a child process talking to the local server's
 * OpenAI-compatible routes (`/v1/chat/completions`, `/v1/models`).
 */
import { once } from 'node:events';
import { openaiReply, startAivvmServer, type AivvmServer } from '../../src/testing';
import { buildPackage } from '../package/buildPackage';
import { cli, exitOf, jsonLines, start } from './runBin';
import { FIXTURES, sse } from '../protocols/openai/events/fixtures';

// Looks like a real key; the server echoes it back in several ways below.
const KEY = 'sk-proj-PLANTED0123456789abcdefSECRET';

describe('aivvm-rx --protocol openai (dist/cli.js)', () => {
  let server: AivvmServer;
  let v1: string;
  const ANSWER = 'Привет, 世界 👋 from /v1';

  beforeAll(() => buildPackage(), 240_000);
  beforeEach(async () => {
    server = await startAivvmServer({ reply: openaiReply({ text: ANSWER, deltaChars: 3, chunkSize: 7 }) });
    v1 = `${server.url}/v1`;
  });
  afterEach(() => server.close());

  const openai = (...args: string[]): string[] => ['--protocol', 'openai', '--base-url', v1, ...args];

  it('streams the deltas to stdout, sending the model, the prompt and the key from --api-key', async () => {
    const request = server.nextRequest('POST /v1/chat/completions');
    const result = await cli(openai('--api-key', KEY, '-m', 'llama3.2', 'Say', 'hello'));
    expect(result).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
    const received = await request;
    expect(received.json).toMatchObject({
      model: 'llama3.2',
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: true,
    });
    expect(received.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('reads OPENAI_BASE_URL and OPENAI_API_KEY (AIVVM_BASE_URL is for aivvm), the prompt from stdin', async () => {
    const request = server.nextRequest('POST /v1/chat/completions');
    const env = { OPENAI_BASE_URL: v1, OPENAI_API_KEY: KEY, AIVVM_BASE_URL: 'http://127.0.0.1:9' };
    const result = await cli(['--protocol', 'openai', '-m', 'qwen'], { env, stdin: 'Из stdin' });
    expect(result).toEqual({ code: 0, stdout: `${ANSWER}\n`, stderr: '' });
    const received = await request;
    expect(received.json).toMatchObject({ model: 'qwen', messages: [{ role: 'user', content: 'Из stdin' }] });
    expect(received.headers['authorization']).toBe(`Bearer ${KEY}`);
  });

  it('--json: text lines that add up to the answer, then done with the finish reason and the usage', async () => {
    server.setReply(
      openaiReply({
        deltas: ['one ', 'two ', 'three'],
        finishReason: 'length',
        usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 },
      }),
    );
    const result = await cli(openai('-m', 'm', '--json', 'count'));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(jsonLines(result.stdout)).toEqual([
      { type: 'text', text: 'one ' },
      { type: 'text', text: 'two ' },
      { type: 'text', text: 'three' },
      {
        type: 'done',
        chars: 13,
        finishReason: 'length',
        usage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 },
      },
    ]);
  });

  it('--json: a null finish_reason (as Ollama sends) followed by [DONE] is done, with a null reason', async () => {
    server.setReply(openaiReply({ deltas: ['ok'], finishReason: null }));
    const result = await cli(openai('-m', 'm', '--json', 'hi'));
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout).at(-1)).toMatchObject({ type: 'done', chars: 2, finishReason: null });
  });

  it('--no-stream sends stream: false with --system and --temperature, and prints the answer once', async () => {
    const request = server.nextRequest('POST /v1/chat/completions');
    const result = await cli(
      openai('-m', 'm', '-s', 'Be brief.', '-t', '0.2', '--no-stream', '--json', 'hi'),
    );
    expect(result.code).toBe(0);
    expect(jsonLines(result.stdout)).toEqual([
      { type: 'text', text: ANSWER },
      { type: 'done', chars: [...ANSWER].length },
    ]);
    expect((await request).json).toMatchObject({
      stream: false,
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
  });

  it('models lists GET /v1/models: one id a line, or the list as --json', async () => {
    const request = server.nextRequest('GET /v1/models');
    const lines = await cli(openai('--api-key', KEY, 'models'));
    expect(lines.code).toBe(0);
    expect(lines.stdout.split('\n')).toEqual(expect.arrayContaining(['gpt-4', 'gpt-3.5-turbo']));
    expect((await request).headers['authorization']).toBe(`Bearer ${KEY}`);
    const json = await cli(openai('models', '--json'));
    expect(JSON.parse(json.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'gpt-4', object: 'model' })]),
    );
  });

  it('an OpenAI JSON error is an HttpError: exit 5, the upstream message on stderr', async () => {
    server.setReply(
      openaiReply({
        status: 404,
        error: {
          message: 'The model `gpt-9` does not exist',
          type: 'invalid_request_error',
          code: 'model_not_found',
        },
      }),
    );
    const result = await cli(openai('-m', 'gpt-9', 'hi'));
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `aivvm-rx: HTTP 404 Not Found from POST ${v1}/chat/completions: The model \`gpt-9\` does not exist ` +
        '(code model_not_found, type invalid_request_error)\n',
    );
  });

  it('a stream without [DONE] or a finish reason: the text that arrived, then exit 12', async () => {
    server.setReply(openaiReply({ deltas: ['cut ', 'short'], done: false, finishReason: null }));
    const plain = await cli(openai('-m', 'm', 'hi'));
    expect(plain.code).toBe(12);
    expect(plain.stdout).toBe('cut short\n');
    expect(plain.stderr).toMatch(
      /^aivvm-rx: incomplete response: the stream from POST \S+ ended after \d+ body bytes/,
    );
    const json = await cli(openai('-m', 'm', '--json', 'hi'));
    expect(json.code).toBe(12);
    const events = jsonLines(json.stdout);
    expect(events.slice(0, -1)).toEqual([
      { type: 'text', text: 'cut ' },
      { type: 'text', text: 'short' },
    ]);
    expect(events.at(-1)).toMatchObject({
      type: 'error',
      error: 'IncompleteResponseError',
      exitCode: 12,
      chars: 9,
    });
  });

  const sseReply = (body: string) => openaiReply({ bytes: new TextEncoder().encode(body), chunkSize: 11 });

  it('--json prints reasoning, text and whole tool calls; tool calls end with ToolCallsError, exit 15', async () => {
    const body = sse([
      { choices: [{ index: 0, delta: { reasoning_content: 'Need the weather.' } }] },
      { choices: [{ index: 0, delta: { content: 'Checking.' } }] },
      {
        choices: [
          {
            index: 0,
            delta: {
              tool_calls: [{ index: 0, id: 'call_w', function: { name: 'weather', arguments: '{"city":' } }],
            },
          },
        ],
      },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Oslo"}' } }] } }] },
      { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    ]);
    server.setReply(sseReply(body));
    const result = await cli(openai('-m', 'm', '--json', 'weather?'));
    expect(result.code).toBe(15);
    const lines = jsonLines(result.stdout);
    expect(lines.slice(0, -1)).toEqual([
      { type: 'reasoning', text: 'Need the weather.' },
      { type: 'text', text: 'Checking.' },
      { type: 'tool-call', index: 0, id: 'call_w', name: 'weather', arguments: '{"city":"Oslo"}' },
    ]);
    expect(lines.at(-1)).toMatchObject({ type: 'error', error: 'ToolCallsError', exitCode: 15, chars: 9 });
    expect(result.stderr).toContain('1 tool call ("weather")');
  });

  it('a refusal: the refusal line with --json, the refusal on stderr, exit 13', async () => {
    server.setReply(sseReply(FIXTURES.refusal.body));
    const json = await cli(openai('-m', 'm', '--json', 'hi'));
    expect(json.code).toBe(13);
    expect(jsonLines(json.stdout).slice(0, 2)).toEqual([
      { type: 'refusal', text: "I'm sorry, " },
      { type: 'refusal', text: "I can't help with that." },
    ]);
    expect(jsonLines(json.stdout).at(-1)).toMatchObject({
      type: 'error',
      error: 'RefusalError',
      exitCode: 13,
    });
    const plain = await cli(openai('-m', 'm', 'hi'));
    expect(plain.code).toBe(13);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toContain(`"I'm sorry, I can't help with that."`);
  });

  it.each([
    ['content_filter', 14, 'ContentFilterError'],
    ['MALFORMED_FUNCTION_CALL', 16, 'UnexpectedFinishError'],
  ])('finish reason %s: the text, then exit %i (%s), streamed and --no-stream', async (reason, code, tag) => {
    server.setReply(
      sseReply(sse([{ choices: [{ index: 0, delta: { content: 'Part' }, finish_reason: reason }] }])),
    );
    const streamed = await cli(openai('-m', 'm', '--json', 'hi'));
    expect(streamed.code).toBe(code);
    expect(jsonLines(streamed.stdout)).toEqual([
      { type: 'text', text: 'Part' },
      expect.objectContaining({ type: 'error', error: tag, exitCode: code, chars: 4 }),
    ]);
    const whole = JSON.stringify({
      choices: [{ index: 0, message: { content: 'Part' }, finish_reason: reason }],
    });
    server.setReply(openaiReply({ bytes: new TextEncoder().encode(whole) }));
    const once = await cli(openai('-m', 'm', '--no-stream', 'hi'));
    expect(once.code).toBe(code);
    expect(once.stdout).toBe('Part\n');
  });

  it('--timeout-idle fails a stalled stream with exit 7, after printing what arrived', async () => {
    // Stall right before the event carrying "second": measure where it starts in the server's own body.
    server.setReply(openaiReply({ deltas: ['first ', 'second'] }));
    const body = await (
      await fetch(`${v1}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x' }] }),
        headers: { 'content-type': 'application/json' },
      })
    ).text();
    const stallAt = Buffer.byteLength(body.slice(0, body.indexOf('data: {', body.indexOf('"first "'))));
    server.setReply(openaiReply({ deltas: ['first ', 'second'], chunkSize: 8, stallAfterBytes: stallAt }));
    const result = await cli(openai('-m', 'm', '--timeout-idle', '300', '--json', 'hi'));
    expect(result.code).toBe(7);
    const events = jsonLines(result.stdout);
    expect(events.slice(0, -1)).toEqual([{ type: 'text', text: 'first ' }]);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: 'TimeoutError', exitCode: 7 });
  });

  it('Ctrl-C (SIGINT) aborts the stream: the server sees the socket close, and the exit code is 130', async () => {
    server.setReply(
      openaiReply({ text: 'tick '.repeat(20_000), deltaChars: 5, chunkSize: 64, chunkDelayMs: 5 }),
    );
    const request = server.nextRequest('POST /v1/chat/completions');
    const child = start(openai('-m', 'm', 'go'));
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
    expect(result.stderr).toBe('');
    expect((await (await request).closed).finished).toBe(false);
  });

  describe('the API key is never printed', () => {
    const echoes = `Incorrect API key provided: ${KEY}. You can find your API key at https://example.test.`;

    async function expectNoKey(args: string[], env: Record<string, string> = {}): Promise<void> {
      for (const json of [false, true]) {
        const result = await cli([...args, ...(json ? ['--json'] : [])], { env });
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(/^aivvm-rx: /);
        expect(result.stdout + result.stderr).not.toContain(KEY);
        // Not even a recognisable part of it.
        expect(result.stdout + result.stderr).not.toContain('PLANTED0123456789');
      }
    }

    it('when a 401 error body echoes it (from --api-key and from OPENAI_API_KEY)', async () => {
      server.setReply(
        openaiReply({
          status: 401,
          error: { message: echoes, type: 'invalid_request_error', code: 'invalid_api_key' },
        }),
      );
      await expectNoKey(openai('--api-key', KEY, '-m', 'm', 'hi'));
      await expectNoKey(openai('-m', 'm', 'hi'), { OPENAI_API_KEY: KEY });
      const shown = await cli(openai('--api-key', KEY, '-m', 'm', 'hi'));
      expect(shown.stderr).toContain('Incorrect API key provided: [redacted]');
    });

    it('when an error event in the stream echoes it', async () => {
      server.setReply(openaiReply({ deltas: ['partial'], status: 200, error: { message: echoes } }));
      await expectNoKey(openai('--api-key', KEY, '-m', 'm', 'hi'));
    });

    it('when a stream event that is not JSON quotes it (and without the key set, it would show)', async () => {
      server.setReply(openaiReply({ bytes: Buffer.from(`data: {"choices": "${KEY}"\n\ndata: [DONE]\n\n`) }));
      await expectNoKey(openai('--api-key', KEY, '-m', 'm', 'hi'));
      // The control: the error really quotes what the server sent; only the configured key is hidden.
      const control = await cli(openai('-m', 'm', 'hi'));
      expect(control.code).toBe(8);
      expect(control.stderr).toContain(KEY);
    });

    it('when a non-JSON answer, or a non-JSON models list, quotes it', async () => {
      server.setReply(openaiReply({ bytes: Buffer.from(`not json: ${KEY}`) }));
      await expectNoKey(openai('--api-key', KEY, '-m', 'm', '--no-stream', 'hi'));
      const echoing = await startAivvmServer({ models: `not json, but ${KEY}` });
      try {
        const args = ['--protocol', 'openai', '--base-url', `${echoing.url}/v1`, 'models'];
        await expectNoKey([...args, '--api-key', KEY]);
        await expectNoKey(args, { OPENAI_API_KEY: KEY });
      } finally {
        await echoing.close();
      }
    });
  });

  it('usage errors: openai needs --model; --api-key is for openai only; exit 2, nothing sent', async () => {
    const noModel = await cli(openai('--api-key', KEY, 'hi'));
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('--protocol openai needs --model <name>');
    expect(noModel.stderr).not.toContain(KEY);
    const aivvmKey = await cli(['--base-url', server.url, '--api-key', KEY, 'hi']);
    expect(aivvmKey.code).toBe(2);
    expect(aivvmKey.stderr).toContain('--api-key is for --protocol openai');
    expect(aivvmKey.stderr).not.toContain(KEY);
    const noServer = await cli(['--protocol', 'openai', '-m', 'm', 'hi'], { env: { AIVVM_BASE_URL: v1 } });
    expect(noServer.code).toBe(2);
    expect(noServer.stderr).toContain('OPENAI_BASE_URL');
    expect(noServer.stderr).toContain('http://127.0.0.1:8787/v1');
    expect(server.requests).toHaveLength(0);
  });
});
