import { lastValueFrom } from 'rxjs';
import { startAivvmServer } from '../../../src/testing';
import { either as E } from 'fp-ts';
import { createAivvm, createOpenAICompatible, InvalidRequestError } from '../../../src';
import { validateOpenAIRequest } from '../../../src/protocols/openai/validateOpenAIRequest';

describe('validateOpenAIRequest with hostile input', () => {
  it('is a Left, not a throw, when a getter throws', () => {
    const evil = {
      role: 'user',
      get content(): string {
        throw new Error('boom');
      },
    };
    const result = validateOpenAIRequest('llama3.2', [evil], true);
    expect(E.isLeft(result) && result.left.message).toContain('messages[0].content');
  });

  it('is a Left when an options Proxy throws on ownKeys', () => {
    const options = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    const result = validateOpenAIRequest('llama3.2', [{ role: 'user', content: 'hi' }], true, options);
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidRequestError');
  });

  it('sends what it checked: a getter that changes its answer is read once', () => {
    let reads = 0;
    const flip = {
      role: 'user',
      get content(): string {
        return reads++ === 0 ? 'ok' : (42 as unknown as string);
      },
    };
    const result = validateOpenAIRequest('llama3.2', [flip], true);
    expect(E.isRight(result) && result.right.messages).toEqual([{ role: 'user', content: 'ok' }]);
    expect(reads).toBe(1);
  });
});

describe('createOpenAICompatible with a hostile config', () => {
  const thrower = (): never => {
    throw new Error('trap');
  };
  const configs: [string, () => unknown][] = [
    [
      'a throwing apiKey getter',
      () => ({
        baseURL: 'http://127.0.0.1:1/v1',
        get apiKey(): string {
          return thrower();
        },
      }),
    ],
    [
      'a throwing headers getter',
      () => ({
        baseURL: 'http://127.0.0.1:1/v1',
        get headers(): unknown {
          return thrower();
        },
      }),
    ],
    [
      'a Proxy that throws on ownKeys',
      () => new Proxy({ baseURL: 'http://127.0.0.1:1/v1' }, { ownKeys: thrower }),
    ],
    ['a Proxy that throws on get', () => new Proxy({ baseURL: 'http://127.0.0.1:1/v1' }, { get: thrower })],
    [
      'a revoked Proxy',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return proxy;
      },
    ],
  ];

  it.each(configs)('throws an InvalidRequestError for %s, as createAivvm does', (_, make) => {
    for (const create of [createOpenAICompatible, createAivvm] as ((c: never) => unknown)[]) {
      let thrown: unknown;
      try {
        create(make() as never);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(InvalidRequestError);
      expect((thrown as InvalidRequestError).issues[0]).toMatchObject({
        path: expect.stringMatching(/^config/),
        actual: 'reading it threw',
      });
    }
  });

  it('reads each key once: a getter that changes its answer is sent as first read', () => {
    let reads = 0;
    const config = {
      baseURL: 'http://127.0.0.1:1/v1',
      get apiKey(): string {
        return reads++ === 0 ? 'sk-first' : 'bad\nkey';
      },
    };
    expect(() => createOpenAICompatible(config)).not.toThrow();
    expect(reads).toBe(1);
  });
});

describe('createOpenAICompatible with a non-enumerable apiKey', () => {
  it('still sends it (a key kept out of logs and JSON.stringify is still the key)', async () => {
    const server = await startAivvmServer({ reply: { text: 'ok' } });
    try {
      const config = { baseURL: `${server.url}/v1` };
      Object.defineProperty(config, 'apiKey', { value: 'sk-hidden-from-logs-123', enumerable: false });
      const ai = createOpenAICompatible(config);
      await lastValueFrom(ai.createCompletion('m', [{ role: 'user', content: 'hi' }], true));
      expect(server.requests[0]?.headers['authorization']).toBe('Bearer sk-hidden-from-logs-123');
    } finally {
      await server.close();
    }
  });
});
