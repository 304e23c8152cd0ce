import fc from 'fast-check';
import { either as E } from 'fp-ts';
import {
  AivvmError,
  budgetFor,
  ContextBudgetError,
  contextTokens,
  estimateMessageTokens,
  fitHistory,
  isAivvmError,
  REPLY_PRIMING_TOKENS,
  type ContextBudget,
  type Message,
  type TokenCounter,
} from '../../src';

/** One token per character plus 4 per message: easy to reason about in expectations. */
const perChar: TokenCounter = (m) => 4 + m.content.length;
const total = (messages: readonly Message[], count: TokenCounter = perChar): number =>
  messages.reduce((sum, m) => sum + count(m), 0);

const sys = (content: string): Message => ({ role: 'system', content });
const user = (content: string): Message => ({ role: 'user', content });
const bot = (content: string): Message => ({ role: 'assistant', content });

/** A history: optional system message, then turns (a user message and 0–2 answers), then the newest user message. */
const history = fc
  .record({
    system: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
    turns: fc.array(
      fc.tuple(fc.string({ maxLength: 30 }), fc.array(fc.string({ maxLength: 60 }), { maxLength: 2 })),
      { maxLength: 12 },
    ),
    newest: fc.string({ maxLength: 80 }),
  })
  .map(({ system, turns, newest }) => {
    const turnMessages = turns.map(([q, answers]) => [user(q), ...answers.map(bot)]);
    return {
      system: system === undefined ? [] : [sys(system)],
      turns: turnMessages,
      newest: user(newest),
      all: [...(system === undefined ? [] : [sys(system)]), ...turnMessages.flat(), user(newest)],
    };
  });
const budget = fc.record({
  maxTokens: fc.integer({ min: 10, max: 600 }),
  reserveForAnswer: fc.integer({ min: 0, max: 100 }),
});

describe('fitHistory', () => {
  it('keeps everything when it fits', () => {
    const messages = [sys('Be brief.'), user('Hi'), bot('Hello!'), user('How are you?')];
    expect(fitHistory(messages, { maxTokens: 100, reserveForAnswer: 10, countTokens: perChar })).toEqual(
      E.right(messages),
    );
  });

  it('drops the oldest whole turns first, keeping the system message and the newest message', () => {
    const messages = [sys('S'), user('one'), bot('1111'), user('two'), bot('2222'), user('three')];
    // system 5, turn one 7 + 8, turn two 7 + 8, newest 9; available = 40 - 5 - 3 = 32 → system + two + newest = 29.
    expect(fitHistory(messages, { maxTokens: 40, reserveForAnswer: 5, countTokens: perChar })).toEqual(
      E.right([sys('S'), user('two'), bot('2222'), user('three')]),
    );
  });

  it('never keeps an answer without its question (turns are dropped whole)', () => {
    const messages = [user('q'), bot('a long answer here'), user('newest')];
    // available 20 - 0 - 3 = 17: newest 10 fits, the turn (5 + 22) does not, and its answer alone is not kept.
    expect(fitHistory(messages, { maxTokens: 20, reserveForAnswer: 0, countTokens: perChar })).toEqual(
      E.right([user('newest')]),
    );
  });

  it('fails with a ContextBudgetError saying by how much when the newest message alone does not fit', () => {
    const messages = [sys('0123456789'), user('a'), bot('b'), user('x'.repeat(100))];
    const result = fitHistory(messages, { maxTokens: 60, reserveForAnswer: 7, countTokens: perChar });
    expect(E.isLeft(result)).toBe(true);
    const error = (result as E.Left<ContextBudgetError>).left;
    expect(error).toBeInstanceOf(ContextBudgetError);
    expect(error).toBeInstanceOf(AivvmError);
    expect(isAivvmError(error)).toBe(true);
    expect(error).toMatchObject({
      _tag: 'ContextBudgetError',
      name: 'ContextBudgetError',
      needed: 14 + 104,
      available: 60 - 7 - REPLY_PRIMING_TOKENS,
      over: 118 - 50,
      systemTokens: 14,
      maxTokens: 60,
      reserveForAnswer: 7,
    });
    expect(error.message).toBe(
      'context budget exceeded by 68 tokens: the newest message and the system message (14 tokens) need 118 ' +
        "tokens, but the prompt may use 50 (budget.maxTokens 60 − budget.reserveForAnswer 7 − 3 for the reply's " +
        'priming). Nothing was sent: shorten the message (edit it), lower reserveForAnswer, or use a model with a ' +
        'larger context.',
    );
    expect(error.message).not.toContain('xxx'); // never the content
  });

  it('counts with the estimate by default', () => {
    const messages = [user('x'.repeat(300))]; // 119 tokens by the estimate (one 300-letter word: 3 + 290 × 0.4) + 4
    expect(fitHistory(messages, { maxTokens: 126, reserveForAnswer: 0 })).toEqual(E.right(messages));
    expect(fitHistory(messages, { maxTokens: 125, reserveForAnswer: 0 })).toMatchObject(
      E.left({ needed: 123, available: 122, over: 1 }),
    );
  });

  describe('properties', () => {
    it('the result is the system message, a suffix of the turns and the newest message; it fits; it is maximal', () => {
      fc.assert(
        fc.property(history, budget, ({ system, turns, newest, all }, b) => {
          const limits: ContextBudget = { ...b, countTokens: perChar };
          const available = b.maxTokens - b.reserveForAnswer - REPLY_PRIMING_TOKENS;
          const result = fitHistory(all, limits);
          if (E.isLeft(result)) return;
          const fitted = result.right;
          const kept = fitted.slice(system.length, -1);
          // system first, newest last, always
          expect(fitted.slice(0, system.length)).toEqual(system);
          expect(fitted[fitted.length - 1]).toEqual(newest);
          // the middle is a whole-turn suffix of the turns
          const k = turns.findIndex((_, i) => turns.slice(i).flat().length === kept.length);
          const suffixStart = kept.length === 0 ? turns.length : k;
          expect(suffixStart).toBeGreaterThanOrEqual(0);
          expect(kept).toEqual(turns.slice(suffixStart).flat());
          // it fits
          expect(total(fitted)).toBeLessThanOrEqual(available);
          // maximal: the next older turn would not have fitted
          const next = turns[suffixStart - 1];
          if (next !== undefined) expect(total(fitted) + total(next)).toBeGreaterThan(available);
        }),
      );
    });

    it('fails exactly when the system message and the newest message alone exceed the budget, by that much', () => {
      fc.assert(
        fc.property(history, budget, ({ system, newest, all }, b) => {
          const available = b.maxTokens - b.reserveForAnswer - REPLY_PRIMING_TOKENS;
          const needed = total([...system, newest]);
          const result = fitHistory(all, { ...b, countTokens: perChar });
          expect(E.isLeft(result)).toBe(needed > available);
          if (E.isLeft(result))
            expect(result.left).toMatchObject({ needed, available, over: needed - available });
        }),
      );
    });

    it('with the default estimate too, the result fits and keeps the system message and the newest message', () => {
      fc.assert(
        fc.property(history, budget, ({ system, newest, all }, b) => {
          const result = fitHistory(all, b);
          if (E.isLeft(result)) return;
          expect(total(result.right, estimateMessageTokens)).toBeLessThanOrEqual(
            b.maxTokens - b.reserveForAnswer - REPLY_PRIMING_TOKENS,
          );
          expect(result.right.slice(0, system.length)).toEqual(system);
          expect(result.right[result.right.length - 1]).toEqual(newest);
        }),
      );
    });
  });
});

describe('budgetFor and contextTokens', () => {
  it('knows each model’s context window', () => {
    expect(contextTokens).toEqual({
      'gpt-3.5-turbo': 4096,
      'gpt-3.5-turbo-0613': 4096,
      'gpt-3.5-turbo-16k': 16384,
      'gpt-3.5-turbo-16k-0613': 16384,
      'gpt-4': 8192,
      'gpt-4-0613': 8192,
      'gpt-4-32k': 32768,
      'gpt-4-32k-0613': 32768,
    });
    expect(Object.isFrozen(contextTokens)).toBe(true);
  });

  it('keeps a quarter for the answer unless told, and passes the counter on', () => {
    expect(budgetFor('gpt-4')).toEqual({ maxTokens: 8192, reserveForAnswer: 2048 });
    expect(budgetFor('gpt-3.5-turbo', { reserveForAnswer: 500, countTokens: perChar })).toEqual({
      maxTokens: 4096,
      reserveForAnswer: 500,
      countTokens: perChar,
    });
  });
});
