/**
 * Validation that cannot be fooled, and errors that cannot leak or explode: arguments are read once (what was
 * checked is what is sent), a throwing getter or Proxy is a `Left`, options must be a plain object, message
 * content never appears in an error, and an error lists a bounded number of issues.
 */
import * as E from 'fp-ts/Either';
import { performance } from 'node:perf_hooks';
import {
  createAivvm,
  HttpError,
  InvalidRequestError,
  MAX_LISTED_ISSUES,
  validateRequest,
  type AivvmError,
} from '../../src';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const user = { role: 'user', content: 'hi' } as const;

function leftOf(result: E.Either<AivvmError, unknown>): AivvmError {
  if (E.isRight(result)) throw new Error('expected a Left');
  return result.left;
}

function throwing(key: string): object {
  return Object.defineProperty({ role: 'user' }, key, {
    enumerable: true,
    get() {
      throw new Error('boom');
    },
  });
}

describe('validation snapshots what it checks', () => {
  const server = useAivvmServer();

  it('a getter answering "ok" then 42 is read once: "ok" is checked and sent', async () => {
    let reads = 0;
    const message = Object.defineProperty({ role: 'user' }, 'content', {
      enumerable: true,
      get: () => (reads++ === 0 ? 'ok' : 42),
    });
    const aivvm = createAivvm({ baseURL: server.current.url });
    const { values, error } = await collect(aivvm.createCompletion(null, [message as never], false));
    expect(error).toBeUndefined();
    expect(values).toEqual(['ok']);
    expect(reads).toBe(1);
    expect((server.current.requests[0]?.json as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'ok' },
    ]);
  });

  it('options read once too: a systemMessage getter cannot change after the check', () => {
    let reads = 0;
    const options = Object.defineProperty({}, 'systemMessage', {
      enumerable: true,
      get: () => (reads++ === 0 ? 'be brief' : 42),
    });
    const result = validateRequest(null, [user], true, options);
    expect(E.isRight(result) && result.right.systemMessage).toBe('be brief');
    expect(reads).toBe(1);
  });

  it.each<[string, () => [unknown, unknown, unknown, unknown], string]>([
    [
      'a throwing content getter',
      () => [null, [throwing('content')], true, undefined],
      'messages[0].content',
    ],
    ['a throwing role getter', () => [null, [throwing('role')], true, undefined], 'messages[0].role'],
    [
      'a messages Proxy that throws on get',
      () => [
        null,
        new Proxy([user], {
          get(target, key) {
            if (key === '0') throw new Error('boom');
            return Reflect.get(target, key) as unknown;
          },
        }),
        true,
        undefined,
      ],
      'messages[0]',
    ],
    [
      'an options Proxy that throws on ownKeys',
      () => [
        null,
        [user],
        true,
        new Proxy(
          {},
          {
            ownKeys() {
              throw new Error('boom');
            },
          },
        ),
      ],
      'options',
    ],
    [
      'an options Proxy whose prototype throws',
      () => [
        null,
        [user],
        true,
        new Proxy(
          {},
          {
            getPrototypeOf() {
              throw new Error('boom');
            },
          },
        ),
      ],
      'options',
    ],
    [
      'a throwing retry getter',
      () => [
        null,
        [user],
        true,
        Object.defineProperty({}, 'retry', {
          enumerable: true,
          get() {
            throw new Error('boom');
          },
        }),
      ],
      'options.retry',
    ],
  ])('%s is a Left naming where, never a throw', (_name, args, path) => {
    let result: E.Either<AivvmError, unknown> | undefined;
    expect(() => (result = validateRequest(...(args() as Parameters<typeof validateRequest>)))).not.toThrow();
    const error = leftOf(result as E.Either<AivvmError, unknown>);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(`${path}: expected a value that can be read`);
    expect(error.message).not.toContain('boom');
  });
});

describe('options must be a plain object', () => {
  it.each([
    ['a Date', new Date(0), 'a Date'],
    [
      'a class instance',
      new (class Options {
        temperature = 0.5;
      })(),
      'an instance of Options',
    ],
    ['an array', [0.5], 'an array of 1 item'],
    ['a Map', new Map(), 'an instance of Map'],
  ])('%s is an InvalidRequestError', (_name, options, shown) => {
    const error = leftOf(validateRequest(null, [user], true, options));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(`options: expected an object { systemMessage?`);
    expect(error.message).toContain(`got ${shown}`);
  });

  it('a null-prototype object (JSON.parse, Object.create(null)) is fine', () => {
    const options = Object.assign(Object.create(null) as object, { temperature: 0.2 });
    expect(E.isRight(validateRequest(null, [user], true, options))).toBe(true);
  });
});

describe('errors never contain message content', () => {
  const secret = 'sk-SECRET-0123456789abcdef';

  it('a 1 MiB content: the type and size, not the text', () => {
    const content = `${secret}${'x'.repeat(1_048_577 - secret.length)}`;
    const error = leftOf(validateRequest(null, [{ role: 'user', content }], true));
    expect(error.message).toContain('messages[0].content: expected string of at most 1000000 characters');
    expect(error.message).toContain('got a string of 1 048 577 characters');
    expect(error.message).not.toContain('sk-SECRET');
  });

  it.each<[string, [unknown, unknown, unknown, unknown], string]>([
    ['messages as a string', [null, secret, true, undefined], 'messages: expected'],
    ['options as a string', [null, [user], true, secret], 'options: expected'],
    ['a message as a string', [null, [secret], true, undefined], 'messages[0]: expected'],
    [
      'a too long system message',
      [null, [user], true, { systemMessage: secret.repeat(50_000) }],
      'options.systemMessage',
    ],
    [
      'a system message of the wrong type',
      [null, [user], true, { systemMessage: [secret] }],
      'options.systemMessage',
    ],
    [
      'content and role swapped',
      [null, [{ role: `${secret} please`, content: 'user' }], true, undefined],
      'messages[0].role',
    ],
    ['an unknown option holding content', [null, [user], true, { prompt: secret }], 'options.prompt'],
    ['the model given a prompt by mistake', [`${secret} tell me a story`, [user], true, undefined], 'model'],
  ])('%s: not echoed', (_name, args, text) => {
    const error = leftOf(validateRequest(...(args as Parameters<typeof validateRequest>)));
    expect(error.message).toContain(text);
    expect(error.message).not.toContain('SECRET');
  });

  it('harmless values are still shown: roles, numbers, booleans, option names, model ids', () => {
    const error = leftOf(
      validateRequest('gpt-5', [{ role: 'robot', content: 'x' }], 'yes', { temperature: 3, topP: true }),
    );
    expect(error.message).toContain(
      'messages[0].role: expected "system" | "user" | "assistant", got "robot"',
    );
    expect(error.message).toContain('options.temperature: expected a finite number in [0, 2], got 3');
    expect(error.message).toContain('options.topP: expected no such option');
    expect(error.message).toContain('got true');
    expect(error.message).toContain('model: expected a model id');
    expect(error.message).toContain('got "gpt-5"');
  });
});

describe('errors are bounded', () => {
  it(`100 000 invalid messages: the first ${MAX_LISTED_ISSUES} listed, the rest counted, quickly`, () => {
    const messages = Array.from({ length: 100_000 }, () => ({ role: 'robot', content: 'x' }));
    const started = performance.now();
    const error = leftOf(validateRequest(null, messages, true));
    const elapsed = performance.now() - started;
    expect(error.message).toContain('messages[9].role');
    expect(error.message).not.toContain('messages[10].role');
    expect(error.message).toContain('… and 99 990 more issues');
    expect(error.message.length).toBeLessThan(2000);
    expect(elapsed).toBeLessThan(1000);
  });

  it('every rendered part is capped: a huge unknown option name, a huge model id', () => {
    const error = leftOf(validateRequest('m'.repeat(100_000), [user], true, { ['k'.repeat(100_000)]: 1 }));
    expect(error.message.length).toBeLessThan(2000);
  });
});

describe('HttpError.message holds status and reason phrase, not the body', () => {
  const server = useAivvmServer();

  it('a server echoing the request in its error body: the body stays on .body only', async () => {
    const echoed = 'you sent: {"content":"sk-SECRET-in-body"}';
    server.current.enqueue({ status: 400, reason: 'Bad Request', body: echoed });
    const aivvm = createAivvm({ baseURL: server.current.url });
    const { error } = await collect(aivvm.createCompletion(null, [user], true));
    expect(error).toBeInstanceOf(HttpError);
    const e = error as HttpError;
    expect(e.message).toBe(`HTTP 400 Bad Request from POST ${server.current.url}/api/chat.`);
    expect(e.body).toBe(echoed);
    expect(String(e)).not.toContain('SECRET');
  });

  it('a huge reason phrase is capped in the message', () => {
    const e = new HttpError(500, `Rate limit ${'x'.repeat(10_000)}`, 'Error', 'http://127.0.0.1:1/api/chat');
    expect(e.message.length).toBeLessThan(700);
    expect(e.statusText).toHaveLength(10_011);
  });
});

describe('hostile sizes stay cheap', () => {
  it('a sparse array of a billion items as options or timeout is rejected at once', () => {
    const started = performance.now();
    const huge = new Array<unknown>(1e9);
    expect(leftOf(validateRequest(null, [user], true, huge)).message).toContain(
      'got an array of 1 000 000 000 items',
    );
    expect(leftOf(validateRequest(null, [user], true, { timeout: huge })).message).toContain(
      'options.timeout',
    );
    expect(performance.now() - started).toBeLessThan(500);
  });
});
