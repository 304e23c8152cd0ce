import * as E from 'fp-ts/Either';
import { asyncScheduler } from 'rxjs';
import { AIVVM_PUBLIC_URL, createAivvm, DEFAULT_POLICY, InvalidRequestError, validateConfig } from '../src';

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
      retry: { count: 2, baseDelayMs: 500, maxDelayMs: 8_000 },
      maxResponseBytes: 16 * 1024 * 1024,
    });
  });

  it('layers config reliability settings over the defaults, field by field', () => {
    const result = validateConfig({ timeout: { idle: 5 }, retry: { count: 0 }, maxResponseBytes: 10 });
    expect(E.isRight(result) && result.right.policy).toEqual({
      timeout: { firstByte: 60_000, idle: 5, total: Infinity },
      retry: { count: 0, baseDelayMs: 500, maxDelayMs: 8_000 },
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
      'config.headers["authorization"]: expected a string without CR, LF or NUL, got a string containing CR, LF or NUL',
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
      'config.baseUrl',
      'config.headers["bad name"]',
      'config.headers["ok"]',
      'config.axios',
      'config.transport',
    ]);
  });
});
