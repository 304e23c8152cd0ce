/**
 * Every invalid argument of the public API gets a typed error naming the field, before any network call; no
 * error text carries request headers or the payload.
 */
import { inspect } from 'node:util';
import {
  createAivvm,
  HttpError,
  InvalidRequestError,
  isAivvmError,
  NetworkError,
  TimeoutError,
  UnsupportedModelError,
} from '../../src';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const user = { role: 'user', content: 'hi' };

describe('bad input, against a live server that must see nothing', () => {
  const server = useAivvmServer();

  it.each<[string, () => unknown[], string]>([
    ['a number as model', () => [42, [user], true], 'model'],
    ['an unknown model', () => ['gpt-5', [user], true], 'model'],
    ['messages as a string', () => [null, 'hi', true], 'messages'],
    ['a message without role', () => [null, [{ content: 'x' }], true], 'messages[0].role'],
    ['a role outside the union', () => [null, [{ role: 'robot', content: 'x' }], true], 'messages[0].role'],
    [
      'a non-string content',
      () => [null, [{ role: 'user', content: { text: 'x' } }], true],
      'messages[0].content',
    ],
    [
      'a 10 MB message',
      () => [null, [{ role: 'user', content: 'x'.repeat(10_000_000) }], true],
      'messages[0].content',
    ],
    ['stream as a string', () => [null, [user], 'yes'], 'stream'],
    ['NaN temperature', () => [null, [user], true, { temperature: Number.NaN }], 'options.temperature'],
    ['Infinity temperature', () => [null, [user], true, { temperature: Infinity }], 'options.temperature'],
    ['a numeric systemMessage', () => [null, [user], true, { systemMessage: 1 }], 'options.systemMessage'],
    [
      'a negative timeout',
      () => [null, [user], true, { timeout: { firstByte: -1 } }],
      'options.timeout.firstByte',
    ],
    [
      'an unknown timeout key',
      () => [null, [user], true, { timeout: { firstbyte: 5 } }],
      'options.timeout.firstbyte',
    ],
    [
      'a fractional retry count',
      () => [null, [user], true, { retry: { count: 1.5 } }],
      'options.retry.count',
    ],
    [
      'a zero maxResponseBytes',
      () => [null, [user], true, { maxResponseBytes: 0 }],
      'options.maxResponseBytes',
    ],
    ['options as an array', () => [null, [user], true, []], 'options'],
  ])('%s → a typed error naming %s, and no request', async (_name, args, path) => {
    const aivvm = createAivvm({ baseURL: server.current.url });
    const call = aivvm.createCompletion as (...a: unknown[]) => ReturnType<typeof aivvm.createCompletion>;
    const { values, error } = await collect(call(...args()));
    expect(values).toEqual([]);
    expect(isAivvmError(error)).toBe(true);
    expect(error instanceof InvalidRequestError || error instanceof UnsupportedModelError).toBe(true);
    expect((error as Error).message).toContain(`${path}: expected`);
    expect((error as Error).message.length).toBeLessThan(1000);
    expect(server.current.requests).toHaveLength(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a baseURL that is not http(s)', { baseURL: 'file:///etc/passwd' }, 'config.baseURL'],
    ['a header value with CR/LF', { headers: { 'x-a': 'v\r\nx-b: injected' } }, 'config.headers["x-a"]'],
    ['a header name with a space', { headers: { 'x a': 'v' } }, 'config.headers["x a"]'],
    ['a config timeout of zero', { timeout: { idle: 0 } }, 'config.timeout.idle'],
    ['an unknown transport', { transport: 'xhr' }, 'config.transport'],
    ['a retry delay of -1', { retry: { baseDelayMs: -1 } }, 'config.retry.baseDelayMs'],
  ])('createAivvm with %s throws an InvalidRequestError naming %s', (_name, config, path) => {
    expect(() => createAivvm(config as never)).toThrow(InvalidRequestError);
    expect(() => createAivvm(config as never)).toThrow(`${path}: expected`);
  });
});

describe('no secrets in errors', () => {
  const server = useAivvmServer();
  const secret = 'Bearer s3cr3t-token';

  async function errorFor(reply: Parameters<typeof server.current.enqueue>[0], extra = {}): Promise<Error> {
    server.current.enqueue(reply);
    const aivvm = createAivvm({
      baseURL: server.current.url,
      headers: { authorization: secret },
      retry: { count: 0 },
      ...extra,
    });
    const { error } = await collect(
      aivvm.createCompletion(null, [{ role: 'user', content: 'private prompt' }], true),
    );
    return error as Error;
  }

  it.each([
    ['HttpError', { status: 500, reason: 'Boom' }, {}, HttpError],
    ['NetworkError', { text: 'abcdef', closeAfterBytes: 3 }, {}, NetworkError],
    ['TimeoutError', { stallBeforeHeaders: true }, { timeout: { firstByte: 50 } }, TimeoutError],
  ] as const)(
    '%s: message, toString() and inspect() carry no header, payload or key',
    async (_n, reply, extra, type) => {
      const error = await errorFor(reply, extra);
      expect(error).toBeInstanceOf(type);
      for (const text of [error.message, String(error), inspect(error, { depth: 10, showHidden: true })]) {
        expect(text).not.toContain('s3cr3t');
        expect(text).not.toContain('Mozilla/5.0');
        expect(text).not.toContain('private prompt');
        expect(text).not.toContain('"key"');
      }
    },
  );
});
