import { either as E } from 'fp-ts';
import { EMPTY, filter, firstValueFrom, of } from 'rxjs';
import {
  aivvmComplete,
  createAivvm,
  createConversation,
  fitHistory,
  InvalidRequestError,
  type Message,
  type TokenCounter,
} from '../../src';
import { useAivvmServer } from '../helpers/server';

const server = useAivvmServer();

/** What a counter from plain JavaScript, or a wrong one, may return. */
const bad: readonly [string, unknown, string][] = [
  ['undefined', undefined, 'undefined'],
  ['NaN', NaN, 'NaN'],
  ['-1', -1, '-1'],
  ['Infinity', Infinity, 'Infinity'],
  ['a string', '12', '"12"'],
  ['null', null, 'null'],
];

describe('a budget whose countTokens does not return a finite number ≥ 0 (issue 19 point 6)', () => {
  it.each(bad)(
    'countTokens returning %s: an InvalidRequestError naming the message and the value; the server receives nothing',
    async (_, value, shown) => {
      const aivvm = createAivvm({ baseURL: server.current.url });
      // Only the newest message is miscounted: before the fix, NaN/undefined compared false and everything went out.
      const countTokens = ((m: Message) => (m.content.startsWith('newest') ? value : 4)) as TokenCounter;
      const conversation = createConversation(aivvmComplete(aivvm, 'gpt-3.5-turbo'), {
        systemMessage: 'Be brief.',
        initialMessages: [
          { role: 'user', content: 'old question' },
          { role: 'assistant', content: 'old answer' },
        ],
        budget: { maxTokens: 20, reserveForAnswer: 5, countTokens },
      });
      conversation.send('newest ' + 'x'.repeat(100));
      const status = await firstValueFrom(conversation.status$.pipe(filter((s) => s !== 'streaming')));
      expect(status).toBe('error');
      const { error, messages } = conversation.state;
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).issues).toEqual([
        { path: 'budget.countTokens(messages[3])', expected: 'a finite number of tokens ≥ 0', actual: shown },
      ]);
      expect((error as Error).message).toContain(
        `budget.countTokens(messages[3]): expected a finite number of tokens ≥ 0, got ${shown}`,
      );
      expect(messages.at(-1)).toEqual({ role: 'assistant', content: '', status: 'error', error });
      expect(server.current.requests).toHaveLength(0);
    },
  );

  it("names the message's index in the conversation (answers not sent are counted in)", () => {
    const calls: unknown[] = [];
    const answers = [EMPTY, of('ok')];
    const conversation = createConversation(
      (history) => {
        calls.push(history);
        return answers.shift() ?? of('never');
      },
      {
        budget: {
          maxTokens: 100,
          reserveForAnswer: 5,
          countTokens: (m) => (m.content === 'third' ? NaN : 1),
        },
      },
    );
    conversation.send('first'); // an empty answer: not sent as history
    conversation.send('second');
    conversation.send('third');
    expect(calls).toHaveLength(2);
    expect(conversation.state.status).toBe('error');
    // messages: U:first A: U:second A:ok U:third — the request history has 4 of them, 'third' at 3
    expect((conversation.state.error as InvalidRequestError).issues[0]?.path).toBe(
      'budget.countTokens(messages[4])',
    );
  });

  it('fitHistory throws the same error for a bad count, naming the index in its input', () => {
    const history: Message[] = [
      { role: 'system', content: 'S' },
      { role: 'user', content: 'q' },
    ];
    expect(() => fitHistory(history, { maxTokens: 50, reserveForAnswer: 5, countTokens: () => -3 })).toThrow(
      'budget.countTokens(messages[0]): expected a finite number of tokens ≥ 0, got -3',
    );
    const fitted = fitHistory(history, { maxTokens: 50, reserveForAnswer: 5, countTokens: () => 0 });
    expect(fitted).toEqual(E.right(history)); // 0 is a count
  });

  it('a countTokens that throws fails the answer with its error; nothing is sent', () => {
    const calls: unknown[] = [];
    const failure = new RangeError('counter broke');
    const conversation = createConversation(
      (history) => {
        calls.push(history);
        return of('never');
      },
      {
        budget: {
          maxTokens: 100,
          reserveForAnswer: 5,
          countTokens: () => {
            throw failure;
          },
        },
      },
    );
    expect(() => conversation.send('hi')).not.toThrow();
    expect(conversation.state).toMatchObject({ status: 'error', error: failure });
    expect(calls).toEqual([]);
  });
});
