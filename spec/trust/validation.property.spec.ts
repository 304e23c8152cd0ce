/**
 * Hostile input, generated: whatever the four arguments (or the config) are, validation returns an Either and
 * never throws; its message is bounded; a secret planted in content or the system message never appears in it.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { validateConfig, validateRequest } from '../../src';

/** A target fast-check can still print when it reports a counterexample. */
function named<T extends object>(target: T, name: string): T {
  return Object.defineProperty(target, fc.toStringMethod, { value: () => name });
}

/** Values that attack the reader: throwing getters, throwing or lying Proxies, odd prototypes. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(
    Object.defineProperty(named({}, 'throwing content getter'), 'content', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    }),
  ),
  fc.constant(
    new Proxy(named({}, 'Proxy(ownKeys throws)'), {
      ownKeys() {
        throw new Error('ownKeys');
      },
    }),
  ),
  fc.constant(
    new Proxy(named([], 'Proxy(get throws)'), {
      get(target, key) {
        if (typeof key === 'symbol') return Reflect.get(target, key) as unknown;
        throw new Error('get');
      },
    }),
  ),
  fc.constant(
    new Proxy(named({}, 'Proxy(getPrototypeOf throws)'), {
      getPrototypeOf() {
        throw new Error('proto');
      },
    }),
  ),
  fc.constant(Object.create(null) as unknown),
  fc.constant(new Date(Number.NaN)),
  fc.constant(Symbol('s')),
  fc.constant(10n ** 400n),
  fc.constant(() => 'fn'),
);

const anyArg: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
  hostile,
  fc.array(fc.oneof(fc.record({ role: fc.anything(), content: fc.anything() }), hostile, fc.anything()), {
    maxLength: 30,
  }),
);

/** An upper bound on any message: 10 lines of capped parts, a title and a count. */
const MAX_MESSAGE = 10 * 620 + 200;

describe('validateRequest under hostile input (fast-check)', () => {
  it('never throws, always an Either, message bounded', () => {
    fc.assert(
      fc.property(anyArg, anyArg, anyArg, anyArg, (model, messages, stream, options) => {
        const result = validateRequest(model as string, messages, stream, options);
        expect(E.isLeft(result) || E.isRight(result)).toBe(true);
        if (E.isLeft(result)) expect(result.left.message.length).toBeLessThan(MAX_MESSAGE);
      }),
      { numRuns: 500 },
    );
  });

  it('a secret planted in content or the system message never appears in the error', () => {
    const secret = fc.stringMatching(/^sk-[A-Za-z0-9]{24}$/);
    const filler = fc.string({ maxLength: 40 });
    // The secret inside a longer string, or alone.
    const carrier = fc
      .tuple(secret, filler, filler)
      .map(([s, before, after]) => ({ s, text: `${before}${s}${after}` }));
    const role = fc.oneof(fc.constantFrom('user', 'system', 'assistant', 'robot', ''), fc.anything());
    fc.assert(
      fc.property(
        carrier,
        fc.array(role, { minLength: 1, maxLength: 5 }),
        fc.nat(4),
        fc.constantFrom(
          'content',
          'systemMessage',
          'messagesString',
          'messageString',
          'optionsString',
          'huge',
        ),
        anyArg,
        anyArg,
        ({ s, text }, roles, at, where, model, otherOption) => {
          const messages: unknown[] = roles.map((r) => ({ role: r, content: 'hello' }));
          let options: unknown = { systemMessage: 'be brief', extra: otherOption };
          let messagesArg: unknown = messages;
          switch (where) {
            case 'content':
              messages[at % messages.length] = { role: roles[0], content: text };
              break;
            case 'systemMessage':
              options = { systemMessage: text, temperature: otherOption };
              break;
            case 'messagesString':
              messagesArg = text;
              break;
            case 'messageString':
              messages[at % messages.length] = text;
              break;
            case 'optionsString':
              options = text;
              break;
            case 'huge':
              messages[0] = { role: roles[0], content: text.repeat(1_000_000 / text.length + 1) };
          }
          const result = validateRequest(model as string, messagesArg, otherOption, options);
          if (E.isLeft(result)) {
            expect(result.left.message).not.toContain(s);
            expect(result.left.message.length).toBeLessThan(MAX_MESSAGE);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('validateConfig under hostile input (fast-check)', () => {
  it('never throws, always an Either, and never shows a header value', () => {
    const secret = fc.stringMatching(/^sk-[A-Za-z0-9]{24}$/);
    fc.assert(
      fc.property(anyArg, secret, fc.string({ maxLength: 10 }), anyArg, (config, s, decoration, other) => {
        const plain = validateConfig(config);
        expect(E.isLeft(plain) || E.isRight(plain)).toBe(true);
        // A header value with a character HTTP cannot carry, next to other bad settings.
        const withHeader = validateConfig({
          headers: { authorization: `Bearer ${s}${decoration}🔑` },
          retry: other,
          baseURL: `http://user:${s}@127.0.0.1`,
        });
        expect(E.isLeft(withHeader)).toBe(true);
        if (E.isLeft(withHeader)) {
          expect(withHeader.left.message).not.toContain(s);
          // A value that throws when read stops the check there; otherwise the header is named.
          expect(withHeader.left.message).toMatch(/config\.headers\.authorization|can be read/);
          expect(withHeader.left.message.length).toBeLessThan(MAX_MESSAGE);
        }
      }),
      { numRuns: 300 },
    );
  });
});
