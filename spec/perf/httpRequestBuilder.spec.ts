/**
 * Issue 21 point 3: the request headers are built once per provider (`httpRequestBuilder`), each request only
 * setting its `content-length`. The headers must stay those of a fresh build: same keys, same order, same values.
 */
import { browserSafeHeaders } from '../../src/core/httpRequest';
import { httpRequestBuilder, SEED_HEADERS } from '../../src/protocols/aivvm/request';

const baseURL = 'http://127.0.0.1:1';

/** The headers as the seed builds them for one request, from scratch. */
function fresh(body: string, headers: Record<string, string> = {}, browser = false): Record<string, string> {
  const all = {
    ...SEED_HEADERS,
    'content-length': String(new TextEncoder().encode(body).byteLength),
    referer: `${baseURL}/`,
    referrer: `${baseURL}/`,
    ...headers,
  };
  return browser ? browserSafeHeaders(all) : all;
}

describe('httpRequestBuilder', () => {
  it('gives each request its own length, with the headers in the order of a fresh build', () => {
    const build = httpRequestBuilder({ baseURL });
    const short = build('/api/chat', { a: 'é' });
    const long = build('/api/chat', { a: 'a longer body, 中文' });
    expect(Object.entries(short.headers)).toEqual(Object.entries(fresh(short.body)));
    expect(Object.entries(long.headers)).toEqual(Object.entries(fresh(long.body)));
    expect(short.headers).not.toBe(long.headers);
    expect(short).toMatchObject({ url: `${baseURL}/api/chat`, body: '{"a":"é"}', expect: 'text' });
  });

  it("keeps the caller's content-length and other headers over the seed's", () => {
    const headers = { 'content-length': '7', accept: 'text/plain', 'x-extra': '1' };
    const request = httpRequestBuilder({ baseURL, headers })('/api/models', { key: '' }, 'json');
    expect(Object.entries(request.headers)).toEqual(Object.entries(fresh(request.body, headers)));
    expect(request.headers['content-length']).toBe('7');
    expect(request.expect).toBe('json');
  });

  it('leaves out the headers browsers refuse, content-length included, in browser mode', () => {
    const request = httpRequestBuilder({ baseURL, headers: { 'x-extra': '1' }, browser: true })(
      '/api/chat',
      {},
    );
    expect(Object.entries(request.headers)).toEqual(
      Object.entries(fresh(request.body, { 'x-extra': '1' }, true)),
    );
    expect(request.headers['content-length']).toBeUndefined();
  });
});
