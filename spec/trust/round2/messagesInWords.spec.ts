/**
 * Issue 22, point 9: error messages say what was expected in words, at the real path, and name the HTTP method that
 * was used. Before the fix a bad `stop` read `options.stop[0]: expected (string | <function1>), got 5` (io-ts
 * internals, and an index that is not in the value), response bodies read `expected ReadonlyArray<{ … }>` or
 * `Partial<{ … }>`, and `listModels()` answered by an HTML page said `POST …/models` for a GET.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEVER } from 'rxjs';
import {
  createAivvm,
  createOpenAICompatible,
  InvalidRequestError,
  InvalidResponseError,
  NetworkError,
  TimeoutError,
  validateConfig,
  validateRequest,
  type AivvmError,
} from '../../../src';
import { DEFAULT_POLICY } from '../../../src/core/reliability/policy';
import { reliable } from '../../../src/core/reliability/reliable';
import { validateOpenAIRequest } from '../../../src/protocols/openai/validateOpenAIRequest';
import { startAivvmServer, type AivvmServer } from '../../../src/testing';
import { collect } from '../../helpers/collect';
import { testScheduler } from '../../helpers/marbles';
import { useAivvmServer } from '../../helpers/server';

const user = [{ role: 'user', content: 'hi' }];

/** io-ts' own syntax: none of it may reach a message. */
const MACHINE =
  /<function|Readonly|ReadonlyArray<|Array<|Partial<|Exact<|\(\{|\} & |\(string \||expected [A-Z][A-Za-z]+(,|$)/m;

// Values of any shape; their keys appear in paths as given (`options.retry.({`), so keys that look like io-ts
// syntax would match MACHINE for a reason that is not ours: they are left out.
const anything = (): fc.Arbitrary<unknown> =>
  fc.anything({ key: fc.string().filter((key) => !MACHINE.test(key)) });

function issuesOf(result: E.Either<unknown, unknown>): InvalidRequestError {
  if (E.isRight(result)) throw new Error('expected a Left');
  expect(result.left).toBeInstanceOf(InvalidRequestError);
  return result.left as InvalidRequestError;
}

describe('a bad stop says what it expected, at the real path (issue 22, point 9)', () => {
  const stop = (value: unknown) => issuesOf(validateOpenAIRequest('m', user, true, { stop: value }));
  const expected = 'a non-empty string, or an array of 1 to 4 non-empty strings';

  it.each([
    ['a number', 5, '5'],
    ['an empty array', [], 'an array of 0 items'],
    ['five strings', ['a', 'b', 'c', 'd', 'e'], 'an array of 5 items'],
    ['an empty string', '', 'an empty string'],
  ])('%s: one issue at options.stop', (_, value, actual) => {
    expect(stop(value).issues).toEqual([{ path: 'options.stop', expected, actual }]);
  });

  it('a bad item: one issue at its own index, nothing at an index that is not there', () => {
    expect(stop(['a', 5]).issues).toEqual([
      { path: 'options.stop[1]', expected: 'a non-empty string', actual: '5' },
    ]);
    expect(stop(['', 'b']).issues).toEqual([
      { path: 'options.stop[0]', expected: 'a non-empty string', actual: 'an empty string' },
    ]);
  });

  it('a billion-item sparse array is refused by its length, at once', () => {
    expect(stop(new Array(1e9)).issues).toEqual([
      { path: 'options.stop', expected, actual: 'an array of 1 000 000 000 items' },
    ]);
  });
});

describe('no io-ts syntax in any validation message', () => {
  it('requests: every option of both protocols, with any bad value', () => {
    const keys = [
      'systemMessage',
      'temperature',
      'maxTokens',
      'stop',
      'timeout',
      'retry',
      'maxResponseBytes',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), anything(), anything(), (key, value, message) => {
        for (const result of [
          validateOpenAIRequest('m', [message], true, { [key]: value }),
          validateRequest('gpt-4', [message], true, { [key]: value }),
          validateOpenAIRequest('m', message, true, { timeout: { idle: value }, retry: { [key]: value } }),
        ]) {
          if (E.isLeft(result)) expect(result.left.message).not.toMatch(MACHINE);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a message that is not an object: "a message { role, content }", not "Message"', () => {
    const error = issuesOf(validateRequest('gpt-4', [null], true));
    expect(error.issues).toEqual([
      { path: 'messages[0]', expected: 'a message { role, content }', actual: 'null' },
    ]);
  });

  it('configs: every key with any bad value', () => {
    const keys = [
      'baseURL',
      'axios',
      'headers',
      'transport',
      'scheduler',
      'timeout',
      'retry',
      'maxResponseBytes',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...keys), anything(), (key, value) => {
        const result = validateConfig({ [key]: value });
        if (E.isLeft(result)) expect(result.left.message).not.toMatch(MACHINE);
      }),
      { numRuns: 200 },
    );
  });
});

describe('response bodies are described in words too', () => {
  const server = useAivvmServer();

  it.each([
    [
      {},
      'body.data: expected an array, each item an object { id, object?, created?, owned_by? }, got undefined',
    ],
    [{ data: [{ id: 7 }] }, 'body.data[0].id: expected a string, got 7'],
    [{ data: [5] }, 'body.data[0]: expected an object { id, object?, created?, owned_by? }, got 5'],
  ])('OpenAI listModels answered %j', async (body, line) => {
    const openai = await startAivvmServer({ models: body });
    try {
      const ai = createOpenAICompatible({ baseURL: `${openai.url}/v1`, retry: { count: 0 } });
      const { error } = await collect(ai.listModels());
      expect(error).toBeInstanceOf(InvalidResponseError);
      const message = (error as Error).message;
      expect(message).toContain(line);
      expect(message).not.toMatch(MACHINE);
      // One line per place: a union's or an intersection's members do not each repeat it.
      expect((error as InvalidResponseError).issues).toHaveLength(1);
    } finally {
      await openai.close();
    }
  });

  it('stream: false with a content of the wrong type: "a string, an array of content parts or null", once', async () => {
    const body = JSON.stringify({ choices: [{ message: { content: 5 }, finish_reason: 'stop' }] });
    server.current.enqueue({ bytes: Buffer.from(body) });
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, retry: { count: 0 } });
    const { error } = await collect(ai.createCompletion('m', user as never, false));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).issues).toEqual([
      {
        path: 'body.choices[0].message.content',
        expected: 'a string, an array of content parts or null',
        actual: '5',
      },
    ]);
  });

  it('Aivvm listModels answered with the wrong shape', async () => {
    const aivvm = await startAivvmServer({ models: [{ id: 5 }] });
    try {
      const { error } = await collect(createAivvm({ baseURL: aivvm.url, retry: { count: 0 } }).listModels());
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).issues).toEqual([
        { path: 'body[0].id', expected: 'a string', actual: '5' },
        { path: 'body[0].name', expected: 'a string', actual: 'undefined' },
      ]);
    } finally {
      await aivvm.close();
    }
  });
});

describe('messages name the HTTP method actually used', () => {
  let dir: string;
  let site: AivvmServer;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aivvm-rx-portal-'));
    await mkdir(join(dir, 'portal', 'models'), { recursive: true });
    await writeFile(join(dir, 'portal', 'models', 'index.html'), '<!doctype html><title>Sign in</title>');
    site = await startAivvmServer({ staticDir: dir });
  });
  afterAll(async () => {
    await site.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('listModels() answered by an HTML page: GET …/models', async () => {
    const ai = createOpenAICompatible({ baseURL: `${site.url}/portal`, retry: { count: 0 } });
    const { error } = await collect(ai.listModels());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toMatch(new RegExp(`^GET ${site.url}/portal/models answered 200`));
    expect((error as Error).message).not.toContain('POST');
  });

  it('listModels() to a closed port: "GET … failed"', async () => {
    const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:1/v1', retry: { count: 0 } });
    const { error } = await collect(ai.listModels());
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:1\/v1\/models failed/);
  });

  it('a deadline of a GET says GET (TimeoutError), of a POST says POST', () => {
    for (const method of ['GET', 'POST'] as const) {
      const scheduler = testScheduler();
      scheduler.run(({ expectObservable }) => {
        const policy = { ...DEFAULT_POLICY, timeout: { firstByte: 5, idle: Infinity, total: Infinity } };
        const url = 'http://127.0.0.1:1/v1/models';
        const source = reliable(NEVER, {
          policy: { ...policy, retry: { ...policy.retry, count: 0 } },
          url,
          method,
          scheduler,
          random: () => 0,
        });
        const error = new TimeoutError('firstByte', 5, 0, url, method);
        expect(error.message).toContain(`from ${method} ${url}`);
        expectObservable(source).toBe('-----#', undefined, error);
      });
    }
  });

  it('without a method the errors keep saying POST (the completion requests)', () => {
    const errors: AivvmError[] = [new TimeoutError('idle', 1, 2, 'u')];
    expect(errors[0]?.message).toContain('from POST u');
  });
});
