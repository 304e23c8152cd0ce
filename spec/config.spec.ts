import * as E from 'fp-ts/Either';
import { asyncScheduler } from 'rxjs';
import {
  AIVVM_PUBLIC_URL,
  createAivvm,
  DEFAULT_POLICY,
  defaultRetryWhen,
  InvalidRequestError,
  validateConfig,
} from '../src';

describe('validateConfig / createAivvm', () => {
  it('defaults to the public URL', () => {
    expect(validateConfig(undefined)).toEqual(
      E.right({
        baseURL: AIVVM_PUBLIC_URL,
        axios: undefined,
        headers: {},
        transport: 'node',
        browser: false,
        policy: DEFAULT_POLICY,
        scheduler: asyncScheduler,
      }),
    );
    expect(DEFAULT_POLICY).toEqual({
      timeout: { firstByte: 60_000, idle: 60_000, total: Infinity },
      retry: { count: 2, baseDelayMs: 500, maxDelayMs: 8_000, when: defaultRetryWhen },
      maxResponseBytes: 16 * 1024 * 1024,
    });
  });

  it('layers config reliability settings over the defaults, field by field', () => {
    const result = validateConfig({ timeout: { idle: 5 }, retry: { count: 0 }, maxResponseBytes: 10 });
    expect(E.isRight(result) && result.right.policy).toEqual({
      timeout: { firstByte: 60_000, idle: 5, total: Infinity },
      retry: { count: 0, baseDelayMs: 500, maxDelayMs: 8_000, when: defaultRetryWhen },
      maxResponseBytes: 10,
    });
  });

  it('normalises the base URL, keeping a path prefix', () => {
    expect(createAivvm({ baseURL: 'http://127.0.0.1:8787/' }).url).toBe('http://127.0.0.1:8787');
    expect(createAivvm({ baseURL: 'https://example.test/chat/' }).url).toBe('https://example.test/chat');
  });

  it.each(['ftp://example.test', 'not a url', 'javascript:alert(1)', 'http://x.test/?q=1', 42])(
    'rejects the baseURL %p, naming the field',
    (baseURL) => {
      const result = validateConfig({ baseURL });
      expect(E.isLeft(result)).toBe(true);
      expect(() => createAivvm({ baseURL } as never)).toThrow(InvalidRequestError);
      expect(() => createAivvm({ baseURL } as never)).toThrow(/config\.baseURL: expected an http\(s\) URL/);
    },
  );

  it('rejects headers with CR/LF without echoing their value', () => {
    const secret = 'token\r\nx-injected: 1';
    expect(() => createAivvm({ headers: { authorization: secret } })).toThrow(
      'config.headers.authorization: expected a header value of Latin-1 characters without CR, LF, NUL or other control characters (encode others, e.g. Base64), got a string of 20 characters',
    );
    try {
      createAivvm({ headers: { authorization: secret } });
    } catch (error) {
      expect(String(error)).not.toContain('token');
    }
  });

  it('rejects bad header names, non-string values, unknown keys and a non-axios client', () => {
    const result = validateConfig({
      headers: { 'bad name': 'x', ok: 5 },
      axios: {},
      baseUrl: 'x',
      transport: 'xhr',
    });
    expect(E.isLeft(result)).toBe(true);
    const paths = (result as E.Left<InvalidRequestError>).left.issues.map((i) => i.path);
    expect(paths).toEqual([
      'config.axios',
      'config.headers["bad name"]',
      'config.headers.ok',
      'config.transport',
      'config.baseUrl',
    ]);
  });

  const leftMessage = (config: unknown): string => {
    const result = validateConfig(config);
    if (E.isRight(result)) throw new Error('expected a Left');
    expect(result.left).toBeInstanceOf(InvalidRequestError);
    return result.left.message;
  };

  it.each([
    ['an emoji', 'Bearer 🔑'],
    ['a euro sign', 'Bearer sk-live-€uro'],
    ['Cyrillic', 'Токен sk-live'],
    ['a tab-free control', 'Bearer sk-\u0007bell'],
  ])('rejects a header value HTTP cannot carry (%s), naming the header, not the value', (_name, value) => {
    const message = leftMessage({ headers: { Authorization: value } });
    expect(message).toContain('config.headers.Authorization: expected a header value of Latin-1 characters');
    expect(message).not.toContain(value);
    expect(message).not.toContain('sk-');
    expect(message).not.toContain('Bearer');
  });

  it('accepts Latin-1 header values and tabs, and lower-cases header names', () => {
    const result = validateConfig({ headers: { 'X-Note': 'café\tcrème' } });
    expect(E.isRight(result) && result.right.headers).toEqual({ 'x-note': 'café\tcrème' });
  });

  it.each([
    'http://user:pa55w0rd@127.0.0.1:8787',
    'https://:pa55w0rd@example.test/',
    'http://only-user@example.test',
  ])('rejects credentials in baseURL %p with a hint, without echoing them', (baseURL) => {
    const message = leftMessage({ baseURL });
    expect(message).toContain('config.baseURL: expected an http(s) URL without user or password');
    expect(message).toContain('headers: { authorization:');
    expect(message).not.toContain('pa55w0rd');
    expect(message).not.toContain('only-user');
  });

  it.each(['http://127.0.0.1:8787/v1?api_key=s3cr3tk3y', 'https://example.test/#token=s3cr3tk3y'])(
    'rejects a query or fragment in baseURL %p without echoing it (it may hold a key)',
    (baseURL) => {
      const message = leftMessage({ baseURL });
      expect(message).toContain('without query or fragment');
      expect(message).toMatch(/got "https?:\/\/[^"]*[?#]…"/);
      expect(message).not.toContain('s3cr3tk3y');
    },
  );

  it('still shows a harmless bad baseURL', () => {
    expect(leftMessage({ baseURL: 'ftp://example.test' })).toContain('got "ftp://example.test"');
  });

  it.each([
    ['a Date', new Date(0), 'a Date'],
    ['an array', [], 'an array of 0 items'],
    ['a class instance', new (class Settings {})(), 'an instance of Settings'],
    ['a string', 'http://127.0.0.1', 'a string of 16 characters'],
  ])('rejects %s as the config object', (_name, config, shown) => {
    expect(leftMessage(config)).toContain(`config: expected an object { baseURL?`);
    expect(leftMessage(config)).toContain(`got ${shown}`);
  });

  it('rejects a Date or a class instance as headers or retry settings', () => {
    expect(leftMessage({ headers: new Map([['a', 'b']]) })).toContain('config.headers: expected an object');
    expect(leftMessage({ retry: new (class Retry {})() })).toContain('config.retry: expected an object');
  });

  it('never throws: a throwing getter or Proxy is a Left naming where', () => {
    const getter = Object.defineProperty({}, 'baseURL', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(leftMessage(getter)).toContain('config.baseURL: expected a value that can be read');
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom');
        },
      },
    );
    expect(leftMessage(proxy)).toContain('config: expected a value that can be read');
  });

  it('reads the config once: what was checked is what is used', () => {
    let reads = 0;
    const config = Object.defineProperty({}, 'baseURL', {
      enumerable: true,
      get: () => (reads++ === 0 ? 'http://127.0.0.1:8787' : 'not a url'),
    });
    const result = validateConfig(config);
    expect(E.isRight(result) && result.right.baseURL).toBe('http://127.0.0.1:8787');
    expect(reads).toBe(1);
  });
});
