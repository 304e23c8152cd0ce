import * as E from 'fp-ts/Either';
import {
  DEFAULT_SYSTEM_MESSAGE,
  InvalidRequestError,
  MAX_CONTENT_CHARS,
  UnsupportedModelError,
  validateRequest,
  type AivvmError,
} from '../src';

const user = { role: 'user', content: 'hi' };

function leftOf(result: E.Either<AivvmError, unknown>): AivvmError {
  if (E.isRight(result)) throw new Error(`expected a Left, got ${JSON.stringify(result.right)}`);
  return result.left;
}

describe('validateRequest', () => {
  it('applies the defaults', () => {
    expect(validateRequest(null, [user], true)).toEqual(
      E.right({
        model: { id: 'gpt-3.5-turbo', name: 'GPT-3.5' },
        messages: [user],
        stream: true,
        systemMessage: DEFAULT_SYSTEM_MESSAGE,
        temperature: 0.7,
        reliability: {},
      }),
    );
  });

  it('passes per-call reliability options through, checked', () => {
    const options = { timeout: { idle: 100 }, retry: { count: 0 }, maxResponseBytes: 1024 };
    expect(validateRequest(null, [user], true, options)).toEqual(
      E.right(expect.objectContaining({ reliability: options })),
    );
  });

  it('keeps given options, temperature bounds included', () => {
    for (const temperature of [0, 1.3, 2]) {
      const result = validateRequest('gpt-4', [user], false, { systemMessage: 'S', temperature });
      expect(result).toEqual(
        E.right(
          expect.objectContaining({ systemMessage: 'S', temperature, model: { id: 'gpt-4', name: 'GPT-4' } }),
        ),
      );
    }
  });

  it('names the path and the bad value', () => {
    const error = leftOf(validateRequest(null, [user, { role: 'robot', content: 'x' }], true));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(
      'messages[1].role: expected "system" | "user" | "assistant", got "robot"',
    );
    expect((error as InvalidRequestError).issues).toEqual([
      { path: 'messages[1].role', expected: '"system" | "user" | "assistant"', actual: '"robot"' },
    ]);
  });

  it('reports every problem at once', () => {
    const error = leftOf(
      validateRequest('gpt-5', [{ role: 'user', content: 5 }], 'yes', { temperature: Number.NaN, topP: 1 }),
    ) as InvalidRequestError;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.issues.map((i) => i.path)).toEqual([
      'model',
      'messages[0].content',
      'stream',
      'options.temperature',
      'options.topP',
    ]);
    expect(error.message).toContain('options.temperature: expected a finite number in [0, 2], got NaN');
    expect(error.message).toContain('options.topP: expected no such option');
    expect(error.message).toContain('Nothing was sent');
  });

  it('returns an UnsupportedModelError when the model is the only problem', () => {
    expect(leftOf(validateRequest('gpt-5', [user], true))).toBeInstanceOf(UnsupportedModelError);
  });

  it.each([
    ['Infinity', Number.POSITIVE_INFINITY, 'Infinity'],
    ['-Infinity', Number.NEGATIVE_INFINITY, '-Infinity'],
    ['below 0', -0.1, '-0.1'],
    ['above 2', 2.01, '2.01'],
    ['a string (described, not shown)', '0.5', 'a string of 3 characters'],
  ])('rejects a temperature that is %s', (_name, temperature, shown) => {
    const error = leftOf(validateRequest(null, [user], true, { temperature }));
    expect(error.message).toContain(`options.temperature: expected a finite number in [0, 2], got ${shown}`);
  });

  it.each([
    ['not an array', 'hi', 'messages: expected a non-empty array'],
    ['empty', [], 'messages: expected a non-empty array'],
    ['a null message', [null], 'messages[0]: expected a message { role, content }, got null'],
    ['missing content', [{ role: 'user' }], 'messages[0].content: expected string'],
    [
      'too long content',
      [{ role: 'user', content: 'x'.repeat(MAX_CONTENT_CHARS + 1) }],
      'messages[0].content',
    ],
  ])('rejects messages that are %s', (_name, messages, text) => {
    expect(leftOf(validateRequest(null, messages, true)).message).toContain(text);
  });

  it('never throws, whatever it is given', () => {
    const weird: unknown[] = [undefined, null, 0, Symbol('s'), () => 1, { length: 1 }, new Proxy({}, {})];
    for (const a of weird)
      for (const b of weird) {
        expect(() => validateRequest(a as string, b, a, b)).not.toThrow();
      }
  });

  it('keeps long values out of messages', () => {
    const error = leftOf(validateRequest(null, [{ role: 'x'.repeat(10_000), content: 'c' }], true));
    expect(error.message.length).toBeLessThan(400);
  });
});
