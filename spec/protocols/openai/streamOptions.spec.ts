/**
 * Servers that refuse `stream_options` (some Azure deployments and gateways): exactly one retry without it, and
 * the provider remembers.
 */
import { lastValueFrom, toArray } from 'rxjs';
import { createOpenAICompatible, HttpError } from '../../../src';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;

describe.each(['node', 'fetch'] as const)('stream_options refused, over %s', (transport) => {
  const server = useAivvmServer();
  const provider = () =>
    createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport, retry: { count: 0 } });

  it('a 400 naming stream_options: one retry without it, and later requests leave it out', async () => {
    server.current.enqueue({
      status: 400,
      body: JSON.stringify({
        error: {
          message: 'Unrecognized request argument supplied: stream_options',
          type: 'invalid_request_error',
        },
      }),
    });
    server.current.enqueue({ text: 'first' });
    server.current.enqueue({ text: 'second' });
    const ai = provider();
    expect((await lastValueFrom(ai.createCompletion('m', hello, true).pipe(toArray()))).join('')).toBe(
      'first',
    );
    const [refused, retried] = server.current.requests;
    expect(refused?.json).toHaveProperty('stream_options', { include_usage: true });
    expect(retried?.json).not.toHaveProperty('stream_options');
    expect(retried?.json).toMatchObject({ model: 'm', stream: true, messages: hello });
    const events = await lastValueFrom(ai.createCompletionEvents('m', hello).pipe(toArray()));
    expect(
      events
        .filter((e) => e.type === 'text')
        .map((e) => e.text)
        .join(''),
    ).toBe('second');
    expect(server.current.requests).toHaveLength(3);
    expect(server.current.requests[2]?.json).not.toHaveProperty('stream_options');
  });

  it('a 422 whose body names it (pydantic "extra fields") is retried the same way', async () => {
    server.current.enqueue({
      status: 422,
      body: JSON.stringify({
        detail: [{ loc: ['body', 'stream_options'], msg: 'extra fields not permitted' }],
      }),
    });
    server.current.enqueue({ text: 'ok' });
    expect(
      (await lastValueFrom(provider().createCompletion('m', hello, true).pipe(toArray()))).join(''),
    ).toBe('ok');
    expect(server.current.requests[1]?.json).not.toHaveProperty('stream_options');
  });

  it('only once: a second refusal is the error, and another provider still sends it', async () => {
    const refusal = {
      status: 400,
      body: JSON.stringify({ error: { message: 'stream_options: unsupported' } }),
    };
    server.current.enqueue(refusal);
    server.current.enqueue(refusal);
    server.current.enqueue({ text: 'fresh' });
    const { error } = await collect(provider().createCompletion('m', hello, true));
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400 });
    expect(server.current.requests).toHaveLength(2);
    await lastValueFrom(provider().createCompletion('m', hello, true));
    expect(server.current.requests[2]?.json).toHaveProperty('stream_options');
  });

  it('a 400 that does not name it is not retried', async () => {
    server.current.enqueue({
      status: 400,
      body: JSON.stringify({ error: { message: 'messages: too long' } }),
    });
    const { error } = await collect(provider().createCompletion('m', hello, true));
    expect(error).toMatchObject({ status: 400 });
    expect(server.current.requests).toHaveLength(1);
  });
});
