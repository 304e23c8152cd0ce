import { HttpError, isOpenAIRetryable, NetworkError, TimeoutError } from '../../../src';
import { retryAfterHeaders } from '../../../src/core/retryAfterHeaders';

const headers =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    values[name];

describe('retryAfterHeaders', () => {
  it('reads retry-after-ms first, then Retry-After, then x-ratelimit-reset-* on a 429', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(retryAfterHeaders(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now, 503)).toBe(250);
    expect(retryAfterHeaders(headers({ 'retry-after': '2' }), now, 503)).toBe(2000);
    expect(retryAfterHeaders(headers({ 'retry-after': 'Mon, 30 Nov 2026 12:00:03 GMT' }), now, 429)).toBe(
      3000,
    );
    expect(
      retryAfterHeaders(
        headers({ 'x-ratelimit-reset-requests': '1m2.5s', 'x-ratelimit-reset-tokens': '20ms' }),
        now,
        429,
      ),
    ).toBe(62_500);
    expect(retryAfterHeaders(headers({ 'x-ratelimit-reset-tokens': '6m0s' }), now, 429)).toBe(360_000);
    expect(retryAfterHeaders(headers({ 'x-ratelimit-reset-requests': '1h' }), now, 429)).toBe(3_600_000);
  });

  it('ignores reset headers outside a 429 and unreadable values', () => {
    expect(retryAfterHeaders(headers({ 'x-ratelimit-reset-requests': '1s' }), 0, 500)).toBeUndefined();
    expect(
      retryAfterHeaders(headers({ 'x-ratelimit-reset-requests': 'soon', 'retry-after-ms': '-5' }), 0, 429),
    ).toBeUndefined();
    expect(retryAfterHeaders(headers({}), 0, 429)).toBeUndefined();
  });
});

describe('isOpenAIRetryable', () => {
  const http = (status: number) => new HttpError(status, '', '', 'http://x/v1/chat/completions');
  it.each([400, 401, 403, 404, 422])('never retries %i', (status) =>
    expect(isOpenAIRetryable(http(status), 1)).toBe(false),
  );
  it.each([408, 429, 500, 502, 503, 504])('retries %i', (status) =>
    expect(isOpenAIRetryable(http(status), 1)).toBe(true),
  );
  it.each([409, 410, 413, 501, 505, 507, 511])('does not retry %i (not transient)', (status) =>
    expect(isOpenAIRetryable(http(status), 1)).toBe(false),
  );
  const http500 = (details: { message?: string; type?: string; code?: string }) =>
    new HttpError(500, 'Internal Server Error', '', 'http://x/v1/chat/completions', undefined, details);
  it.each([
    [{ message: 'bad', type: 'invalid_request_error' }],
    [{ message: 'too long', code: 'context_length_exceeded' }],
    [{ message: 'gone', code: 'model_not_found' }],
    [{ message: "This model's maximum context length is 4097 tokens" }],
    [{ message: 'The model `gpt-5` does not exist' }],
    [{ message: 'model "nope" not found, try pulling it first' }],
  ])('does not retry a 500 whose error says the request is at fault: %o', (details) =>
    expect(isOpenAIRetryable(http500(details), 1)).toBe(false),
  );
  it.each([
    [
      {
        message: 'The server had an error while processing your request. Sorry about that!',
        type: 'server_error',
      },
    ],
    [{ message: 'Rate limit reached, try again in 20s' }],
    [{ message: 'upstream host not found (temporary DNS failure), retry later' }],
    [{}],
  ])('retries a 500 whose error does not blame the request: %o', (details) =>
    expect(isOpenAIRetryable(http500(details), 1)).toBe(true),
  );
  it('retries connection failures and first-byte timeouts, not failures after body bytes', () => {
    expect(isOpenAIRetryable(new NetworkError('refused', 'ECONNREFUSED', 0), 1)).toBe(true);
    expect(isOpenAIRetryable(new NetworkError('reset', 'ECONNRESET', 10), 1)).toBe(false);
    expect(isOpenAIRetryable(new TimeoutError('firstByte', 1, 0, 'u'), 1)).toBe(true);
    expect(isOpenAIRetryable(new TimeoutError('idle', 1, 3, 'u'), 1)).toBe(false);
  });
});
