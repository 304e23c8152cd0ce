// The same class as issue 22 point 4, in createConversation's options: 200 000 bad initial messages were spread
// into one call (a RangeError from the stack); now at most 100 issues are kept and the rest counted exactly.
import { of } from 'rxjs';
import { createConversation, InvalidRequestError, MAX_KEPT_ISSUES } from '../../../src';

describe('createConversation options, bounded like request validation', () => {
  it('200 000 bad initial messages: an InvalidRequestError keeping 100 issues and counting the rest', () => {
    const bad = Array.from({ length: 200_000 }, () => ({ role: 'robot', content: 5 }));
    let thrown: unknown;
    try {
      createConversation(() => of('x'), { initialMessages: bad as never });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    const error = thrown as InvalidRequestError;
    expect(error.issues).toHaveLength(MAX_KEPT_ISSUES);
    expect(error.issues.length + error.omittedIssues).toBe(400_000);
    expect(error.issues[0]?.path).toBe('options.initialMessages[0].role');
    expect(error.message.length).toBeLessThan(5_000);
  });

  it('a bad budget beside them is counted too', () => {
    let thrown: unknown;
    try {
      createConversation(() => of('x'), {
        initialMessages: [{ role: 'user', content: 7 }] as never,
        budget: { maxTokens: -1, reserveForAnswer: 0 },
      });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as InvalidRequestError).issues.map((i) => i.path)).toEqual([
      'options.initialMessages[0].content',
      'options.budget.maxTokens',
      'options.budget.reserveForAnswer',
    ]);
  });
});
