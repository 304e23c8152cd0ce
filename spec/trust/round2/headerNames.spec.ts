/**
 * Issue 22, point 8: a header name is either sent or refused, never accepted and dropped. `__proto__`,
 * `constructor` and `prototype` (any case) passed config validation and were then silently not sent by either
 * provider (axios drops these names, and `__proto__` was lost already when the config lower-cased the names). They
 * are refused now, with an error naming the header. Two names that differ only in case were accepted and one of
 * them silently dropped: refused too. Every other name of `Object.prototype` (`toString`, `hasOwnProperty`, …) is
 * sent, over both transports.
 */
import * as E from 'fp-ts/Either';
import { createAivvm, createOpenAICompatible, InvalidRequestError, validateConfig } from '../../../src';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';

const user = [{ role: 'user', content: 'hi' }] as const;

/** `{ [name]: value }` with `name` an own key, `__proto__` included. */
const headersWith = (...names: string[]): Record<string, string> => {
  const headers: Record<string, string> = {};
  for (const name of names) {
    Object.defineProperty(headers, name, {
      value: `v-${name}`,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return headers;
};

const PROVIDERS: [string, (headers: Record<string, string>) => unknown][] = [
  ['createAivvm', (headers) => createAivvm({ baseURL: 'http://127.0.0.1:1', headers })],
  [
    'createOpenAICompatible',
    (headers) => createOpenAICompatible({ baseURL: 'http://127.0.0.1:1/v1', headers }),
  ],
];

function thrownBy(create: () => unknown): InvalidRequestError {
  try {
    create();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('header names are sent or refused, never dropped (issue 22, point 8)', () => {
  describe.each(PROVIDERS)('%s', (_, create) => {
    it.each(['__proto__', 'constructor', 'prototype', 'Constructor', '__PROTO__'])(
      '%s is refused with an error naming it',
      (name) => {
        const error = thrownBy(() => create(headersWith('x-ok', name)));
        expect(error.issues).toEqual([
          {
            path: `config.headers.${name}`,
            expected:
              'a header name other than __proto__, constructor or prototype (in any case): axios drops them without sending them',
            actual: JSON.stringify(name),
          },
        ]);
      },
    );

    it('a __proto__ from JSON.parse (an own key) is refused too', () => {
      const headers = JSON.parse('{"__proto__": "x", "x-ok": "y"}') as Record<string, string>;
      expect(thrownBy(() => create(headers)).issues[0]?.path).toBe('config.headers.__proto__');
    });

    it('two names that differ only in case are refused, naming both', () => {
      const error = thrownBy(() => create({ 'X-Token': 'a', 'x-token': 'b' }));
      expect(error.issues).toEqual([
        {
          path: 'config.headers["x-token"]',
          expected: 'a header name given once (names are case-insensitive: "X-Token" is given too)',
          actual: '"x-token"',
        },
      ]);
    });
  });

  it('validateConfig says the same, and never shows the value', () => {
    const result = validateConfig({ headers: headersWith('constructor') });
    expect(E.isLeft(result) && result.left.message).toContain(
      'config.headers.constructor: expected a header name',
    );
    expect(E.isLeft(result) && result.left.message).not.toContain('v-constructor');
  });
});

describe('every other Object.prototype name is sent', () => {
  const server = useAivvmServer();
  const names = Object.getOwnPropertyNames(Object.prototype).filter(
    (name) => !['__proto__', 'constructor'].includes(name),
  );

  it.each(['node', 'fetch'] as const)('over the %s transport, by both providers', async (transport) => {
    const headers = headersWith(...names);
    const aivvm = createAivvm({ baseURL: server.current.url, headers, transport, retry: { count: 0 } });
    const openai = createOpenAICompatible({
      baseURL: `${server.current.url}/v1`,
      headers,
      transport,
      retry: { count: 0 },
    });
    await collect(aivvm.createCompletion(null, user, true));
    await collect(openai.createCompletion('m', user, true));
    expect(server.current.requests).toHaveLength(2);
    for (const request of server.current.requests) {
      for (const name of names)
        expect([name, request.headers[name.toLowerCase()]]).toEqual([name, `v-${name}`]);
    }
  });
});
