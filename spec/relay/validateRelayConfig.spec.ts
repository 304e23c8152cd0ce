import { either as E } from 'fp-ts';
import { createRelayProvider, DEFAULT_RECONNECT, InvalidRequestError } from '../../src';
import { validateRelayConfig } from '../../src/relay/validateRelayConfig';

const issuesOf = (config: unknown) => {
  const checked = validateRelayConfig(config);
  if (E.isRight(checked)) throw new Error('expected a Left');
  return checked.left.issues;
};

describe('validateRelayConfig', () => {
  it('fills the reconnect defaults, keeps the models, and resolves the shared part', () => {
    const checked = validateRelayConfig({
      baseURL: 'http://127.0.0.1:3000/relay/',
      reconnect: { attempts: 8 },
    });
    if (E.isLeft(checked)) throw checked.left;
    expect(checked.right.reconnect).toEqual({ ...DEFAULT_RECONNECT, attempts: 8 });
    expect(checked.right.models).toEqual([]);
    expect(checked.right.config.baseURL).toBe('http://127.0.0.1:3000/relay');
  });

  it('names each bad field, with what was expected and what was given', () => {
    expect(issuesOf({})).toEqual([
      {
        path: 'config.baseURL',
        expected: 'the URL where the relay is mounted, such as "https://example.com/api/relay"',
        actual: 'undefined',
      },
    ]);
    expect(
      issuesOf({
        baseURL: 'http://x',
        reconnect: { attempts: -1, initialDelayMs: Infinity, delay: 5 },
        models: ['', 3],
        retries: 2,
      }),
    ).toEqual([
      { path: 'config.reconnect.attempts', expected: 'a whole number in [0, 1000]', actual: '-1' },
      {
        path: 'config.reconnect.initialDelayMs',
        expected: 'a finite number of milliseconds ≥ 0',
        actual: 'Infinity',
      },
      expect.objectContaining({ path: 'config.reconnect.delay' }),
      { path: 'config.models[0]', expected: 'a non-empty string', actual: expect.any(String) },
      { path: 'config.models[1]', expected: 'a non-empty string', actual: '3' },
      expect.objectContaining({ path: 'config.retries' }),
    ]);
    expect(issuesOf('http://x')[0]).toMatchObject({
      path: 'config',
      actual: expect.stringContaining('string'),
    });
  });

  it('createRelayProvider throws the InvalidRequestError; a good one answers listModels from its models', async () => {
    expect(() => createRelayProvider({ baseURL: 'http://x', reconnect: { maxDelayMs: -5 } })).toThrow(
      InvalidRequestError,
    );
    const relay = createRelayProvider({ baseURL: 'http://127.0.0.1:1', models: ['gpt-4o-mini'] });
    const models = await new Promise((resolve) => relay.listModels().subscribe(resolve));
    expect(models).toEqual([{ id: 'gpt-4o-mini', object: 'model' }]);
    expect(relay.url).toBe('http://127.0.0.1:1');
  });
});
