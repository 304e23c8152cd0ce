/**
 * Issue 22, point 4: validation is bounded, and its counts are exact, in both protocols and at any size. An
 * `InvalidRequestError` keeps at most MAX_KEPT_ISSUES issues and counts the others in `omittedIssues`, so that
 * `issues.length + omittedIssues` is exactly the number of problems found. Before the fix the OpenAI validation
 * kept all 2 000 issues of 1 000 bad messages (`omittedIssues: 0`), and from ~70 000 bad messages spread them into
 * a call's arguments, overflowed the stack and blamed `options` ("reading it threw"); the Aivvm validation counted
 * messages instead of issues past the cap (1 000 × 2 issues → "… and 1 090 more").
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { performance } from 'node:perf_hooks';
import {
  createOpenAICompatible,
  InvalidRequestError,
  MAX_KEPT_ISSUES,
  validateConfig,
  validateRequest,
} from '../../../src';
import type * as t from 'io-ts';
import { Message } from '../../../src/core/codecs';
import { countIssues } from '../../../src/core/countIssues';
import { IssueList } from '../../../src/core/toIssues';
import { validateOpenAIRequest } from '../../../src/protocols/openai/validateOpenAIRequest';

type Validate = (messages: unknown, options?: unknown) => E.Either<unknown, unknown>;
const PROTOCOLS: [string, Validate][] = [
  ['openai', (messages, options) => validateOpenAIRequest('llama3.2', messages, true, options)],
  ['aivvm', (messages, options) => validateRequest('gpt-4', messages, true, options)],
];

function invalid(result: E.Either<unknown, unknown>): InvalidRequestError {
  if (E.isRight(result)) throw new Error('expected a Left');
  expect(result.left).toBeInstanceOf(InvalidRequestError);
  return result.left as InvalidRequestError;
}

/** 2 issues each: a bad role and a bad content. */
const twoIssues = (n: number): unknown[] => Array.from({ length: n }, () => ({ role: 'robot', content: 5 }));

describe.each(PROTOCOLS)('%s: bounded issues, exact counts (issue 22, point 4)', (_, validate) => {
  it('1 000 messages × 2 issues: 100 kept, 1 900 counted, "… and 1 990 more issues"', () => {
    const error = invalid(validate(twoIssues(1_000)));
    expect(error.issues).toHaveLength(MAX_KEPT_ISSUES);
    expect(error.omittedIssues).toBe(1_900);
    expect(error.issues[0]).toMatchObject({ path: 'messages[0].role' });
    expect(error.issues[1]).toMatchObject({ path: 'messages[0].content' });
    expect(error.issues[99]).toMatchObject({ path: 'messages[49].content' });
    expect(error.message).toContain('… and 1 990 more issues');
  });

  it('100 000 messages × 2 issues: the messages are blamed, not the options; exact count; quickly', () => {
    const messages = twoIssues(100_000);
    const started = performance.now();
    const error = invalid(validate(messages, { temperature: 0.5 }));
    const elapsed = performance.now() - started;
    expect(error.issues.every((issue) => issue.path.startsWith('messages['))).toBe(true);
    expect(error.issues).toHaveLength(MAX_KEPT_ISSUES);
    expect(error.issues.length + error.omittedIssues).toBe(200_000);
    expect(error.message).toContain('… and 199 990 more issues');
    expect(error.message).not.toContain('reading it threw');
    expect(elapsed).toBeLessThan(3_000);
  });

  it('issues of the options after 100 000 bad messages are counted too', () => {
    const error = invalid(validate(twoIssues(100_000), { temperature: 9, topP: 1 }));
    expect(error.issues.length + error.omittedIssues).toBe(200_002);
  });

  it('property: for n bad messages, at most 100 kept, and kept + omitted = the exact number of problems', () => {
    // Each kind of bad message and how many problems it has.
    const kinds: [unknown, number][] = [
      [{ role: 'robot', content: 'x' }, 1],
      [{ role: 'user', content: 5 }, 1],
      [{ role: 5, content: null }, 2],
      [{}, 2],
      [5, 1],
      [null, 1],
      ['text', 1],
      [{ role: 'user', content: 'fine' }, 0],
    ];
    fc.assert(
      fc.property(
        fc.array(fc.nat(kinds.length - 1), { minLength: 1, maxLength: 400, size: 'max' }),
        fc.boolean(),
        (picks, badOption) => {
          const messages = picks.map((i) => kinds[i]![0]);
          const expected = picks.reduce((sum, i) => sum + kinds[i]![1], 0) + (badOption ? 1 : 0);
          const result = validate(messages, badOption ? { temperature: 'hot' } : {});
          if (expected === 0) return E.isRight(result);
          const error = invalid(result);
          expect(error.issues.length).toBeLessThanOrEqual(MAX_KEPT_ISSUES);
          expect(error.issues.length + error.omittedIssues).toBe(expected);
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('counting past the cap agrees with the full report', () => {
  it('property: countIssues(Message, value) is what the io-ts report counts, for any value', () => {
    const context = (value: unknown): t.Context => [{ key: 'messages', type: Message, actual: value }];
    const message = fc.oneof(
      fc.anything(),
      fc.record({ role: fc.oneof(fc.constantFrom('user', 'robot'), fc.anything()), content: fc.anything() }),
      fc.record({ role: fc.constant('user'), content: fc.string() }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(message, (value) => {
        const list = new IssueList();
        const result = Message.validate(value, context(value));
        if (E.isLeft(result)) list.addErrors(result.left);
        expect(countIssues(Message, value, context(value))).toBe(list.size);
      }),
      { numRuns: 500 },
    );
  });
});

describe('configs: bounded issues, exact counts', () => {
  const badHeaders = (n: number): Record<string, string> =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`bad name ${i}`, 'v']));

  it('validateConfig: 1 000 bad header names → 100 kept, 900 counted', () => {
    const result = validateConfig({ headers: badHeaders(1_000) });
    const error = invalid(result);
    expect(error.issues).toHaveLength(MAX_KEPT_ISSUES);
    expect(error.omittedIssues).toBe(900);
  });

  it('createOpenAICompatible: the count of the shared config is kept, not dropped', () => {
    let thrown: unknown;
    try {
      createOpenAICompatible({ baseURL: 'http://127.0.0.1:1/v1', headers: badHeaders(1_000) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    const error = thrown as InvalidRequestError;
    expect(error.issues.length).toBeLessThanOrEqual(MAX_KEPT_ISSUES);
    expect(error.issues.length + error.omittedIssues).toBe(1_000);
  });
});
