/**
 * Issue 22, point 5: an error body is an `HttpError` with the server's message, code and type, whatever the
 * status. Gateways answer `200 {"error": {…}}`; before the fix `stream: false` gave an `InvalidResponseError` about
 * `body.choices` and the server's message ("upstream overloaded") was nowhere. The same for `listModels()` (both
 * providers), for a streamed request answered with a JSON error instead of events, and for Ollama's error form
 * `{"error": "…"}` (a string), which was read as no message at all.
 */
import { createAivvm, createOpenAICompatible, HttpError } from '../../../src';
import { startAivvmServer } from '../../../src/testing';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';

const user = [{ role: 'user', content: 'hi' }] as const;
const JSON_TYPE = { 'content-type': 'application/json' };
const overloaded = {
  error: { message: 'upstream overloaded', type: 'server_error', code: 'overloaded' },
};

async function httpErrorOf(promise: Promise<{ error: unknown }>): Promise<HttpError> {
  const { error } = await promise;
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

describe('an error body is an HttpError whatever the status (issue 22, point 5)', () => {
  const server = useAivvmServer();
  const openai = (apiKey?: string) =>
    createOpenAICompatible({
      baseURL: `${server.current.url}/v1`,
      retry: { count: 0 },
      ...(apiKey !== undefined ? { apiKey } : {}),
    });

  it('stream: false answered 200 {"error": {…}}: the server message, code and type', async () => {
    server.current.enqueue({ bytes: Buffer.from(JSON.stringify(overloaded)), headers: JSON_TYPE });
    const error = await httpErrorOf(collect(openai().createCompletion('m', user, false)));
    expect(error.status).toBe(200);
    expect(error.code).toBe('overloaded');
    expect(error.type).toBe('server_error');
    expect(error.message).toBe(
      `HTTP 200 OK from POST ${server.current.url}/v1/chat/completions: upstream overloaded ` +
        '(code overloaded, type server_error)',
    );
    expect(error.body).toBe(JSON.stringify(overloaded));
  });

  it('stream: false answered 200 {"error": "…"} (a string, as Ollama sends it)', async () => {
    server.current.enqueue({ bytes: Buffer.from('{"error":"model \\"x\\" not found"}'), headers: JSON_TYPE });
    const error = await httpErrorOf(collect(openai().createCompletion('m', user, false)));
    expect(error.message).toContain(': model "x" not found');
  });

  it('a numeric code is kept as sent (a number), as in an error event of a stream', async () => {
    const body = JSON.stringify({ error: { message: 'busy', code: 503 } });
    server.current.enqueue({ bytes: Buffer.from(body), headers: JSON_TYPE });
    const error = await httpErrorOf(collect(openai().createCompletion('m', user, false)));
    expect(error.code).toBe(503);
  });

  it('the API key echoed in a 200 error body is removed everywhere', async () => {
    const key = 'sk-live-0123456789abcdef';
    const body = JSON.stringify({ error: { message: `bad key ${key}`, code: key, type: 'auth' } });
    server.current.enqueue({ bytes: Buffer.from(body), headers: JSON_TYPE });
    const error = await httpErrorOf(collect(openai(key).createCompletion('m', user, false)));
    expect(error.message).toContain('bad key [redacted]');
    expect(JSON.stringify([error.message, error.body, error.code, error.type, error.stack])).not.toContain(
      key,
    );
  });

  it('a JSON answer that has choices is an answer, even with an error field beside', async () => {
    const body = JSON.stringify({
      choices: [{ message: { content: 'fine' }, finish_reason: 'stop' }],
      error: null,
    });
    server.current.enqueue({ bytes: Buffer.from(body), headers: JSON_TYPE });
    expect((await collect(openai().createCompletion('m', user, false))).values).toEqual(['fine']);
  });

  it('stream: true answered 200 with a JSON error instead of events', async () => {
    server.current.enqueue({ bytes: Buffer.from(JSON.stringify(overloaded)), headers: JSON_TYPE });
    const error = await httpErrorOf(collect(openai().createCompletion('m', user, true)));
    expect(error.status).toBe(200);
    expect(error.message).toContain(': upstream overloaded (code overloaded, type server_error)');
  });

  it('a 404 with Ollama\'s {"error": "…"}: its message too', async () => {
    server.current.enqueue({
      status: 404,
      reason: 'Not Found',
      body: '{"error":"model \\"llama9\\" not found, try pulling it first"}',
      headers: JSON_TYPE,
    });
    const error = await httpErrorOf(collect(openai().createCompletion('llama9', user, true)));
    expect(error.status).toBe(404);
    expect(error.message).toContain(': model "llama9" not found, try pulling it first');
  });

  it('OpenAI listModels answered 200 {"error": {…}}: an HttpError of the GET', async () => {
    const models = await startAivvmServer({ models: overloaded });
    try {
      const ai = createOpenAICompatible({ baseURL: `${models.url}/v1`, retry: { count: 0 } });
      const error = await httpErrorOf(collect(ai.listModels()));
      expect(error.message).toBe(
        `HTTP 200 OK from GET ${models.url}/v1/models: upstream overloaded (code overloaded, type server_error)`,
      );
      expect(error.code).toBe('overloaded');
    } finally {
      await models.close();
    }
  });

  it('Aivvm listModels answered 200 {"error": {…}}: an HttpError with the message', async () => {
    const models = await startAivvmServer({ models: overloaded });
    try {
      const error = await httpErrorOf(
        collect(createAivvm({ baseURL: models.url, retry: { count: 0 } }).listModels()),
      );
      expect(error.message).toBe(
        `HTTP 200 OK from POST ${models.url}/api/models: upstream overloaded (code overloaded, type server_error)`,
      );
      expect(error.type).toBe('server_error');
    } finally {
      await models.close();
    }
  });

  it('Aivvm completion answered 200 JSON {"error": …} instead of text', async () => {
    server.current.enqueue({ bytes: Buffer.from(JSON.stringify(overloaded)), headers: JSON_TYPE });
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { count: 0 } });
    const error = await httpErrorOf(collect(aivvm.createCompletion(null, user, true)));
    expect(error.message).toContain(': upstream overloaded (code overloaded, type server_error)');
  });
});
