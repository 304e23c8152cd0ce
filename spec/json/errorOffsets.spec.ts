/**
 * The offsets streamJson's errors carry, and what the other uses of the same classes see (no offset).
 */
import { IncompleteResponseError, InvalidResponseError } from '../../src';
import { withoutSecrets } from '../../src/core/redact';

describe('error offsets', () => {
  it('are undefined where the error does not come from JSON text', () => {
    expect(new InvalidResponseError('GET /models: unexpected JSON').offset).toBeUndefined();
    const cut = new IncompleteResponseError('http://127.0.0.1:1/v1/chat/completions', 10);
    expect(cut.offset).toBeUndefined();
    expect(cut.message).toContain('ended after 10 body bytes without `data: [DONE]`');
  });

  it('survive the removal of secrets (the error is rebuilt)', () => {
    const error = new InvalidResponseError(
      'invalid JSON at character 5',
      [{ path: 'a', expected: 'a JSON value', actual: '"sk-SECRET-123456"' }],
      5,
    );
    const cleaned = withoutSecrets(error, ['sk-SECRET-123456']) as InvalidResponseError;
    expect(cleaned).not.toBe(error);
    expect(cleaned.issues[0]?.actual).not.toContain('sk-SECRET-123456');
    expect(cleaned.offset).toBe(5);
  });
});
