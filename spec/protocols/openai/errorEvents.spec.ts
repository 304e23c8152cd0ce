/**
 * `{ error }` events in the middle of a stream: the status from a numeric code when there is one, the code kept as
 * sent (number or string), after the delivered text.
 */
import { createOpenAICompatible, HttpError } from '../../../src';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';
import { sse } from './events/fixtures';

const hello = [{ role: 'user', content: 'hi' }] as const;
const text = {
  id: 'c',
  choices: [{ index: 0, delta: { role: 'assistant', content: 'Hallo' }, finish_reason: null }],
};

describe('error events mid-stream', () => {
  const server = useAivvmServer();
  const run = (body: string) => {
    server.current.enqueue({ bytes: new TextEncoder().encode(body), chunkSize: 9 });
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    return collect(ai.createCompletion('m', hello, true));
  };

  it('a numeric code that is an HTTP status becomes the status; the code stays a number', async () => {
    const { values, error } = await run(
      sse([
        text,
        { error: { message: 'Rate limit reached', type: 'rate_limit_error', param: null, code: 429 } },
      ]),
    );
    expect(values).toEqual(['Hallo']);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 429, code: 429, type: 'rate_limit_error' });
    expect((error as Error).message).toContain('Rate limit reached');
  });

  it('code 400 as the first event: status 400', async () => {
    const { values, error } = await run(
      sse([{ error: { message: 'bad request', type: 'provider_error', code: 400 } }]),
    );
    expect(values).toEqual([]);
    expect(error).toMatchObject({ status: 400, code: 400 });
  });

  it('a string code stays a string, the status stays 200 and the message says why', async () => {
    const { error } = await run(
      sse([{ error: { message: 'Context length exceeded', code: 'CONTEXT_LENGTH_EXCEEDED' } }]),
    );
    expect(error).toMatchObject({ status: 200, code: 'CONTEXT_LENGTH_EXCEEDED' });
    expect((error as Error).message).toContain("no HTTP status code, so status is the stream's 200");
  });

  it('a null code: no code, status 200', async () => {
    const { error } = await run(
      sse([text, { error: { message: 'stream failed', type: 'server_error', code: null } }]),
    );
    expect(error).toMatchObject({ status: 200, code: undefined, type: 'server_error' });
  });

  it('a number that is not a status (e.g. 1003) is kept as the code, status 200', async () => {
    const { error } = await run(sse([{ error: { message: 'quota', code: 1003 } }]));
    expect(error).toMatchObject({ status: 200, code: 1003 });
  });
});
