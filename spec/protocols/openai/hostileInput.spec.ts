import { either as E } from 'fp-ts';
import { validateOpenAIRequest } from '../../../src/protocols/openai/validateOpenAIRequest';

describe('validateOpenAIRequest with hostile input', () => {
  it('is a Left, not a throw, when a getter throws', () => {
    const evil = {
      role: 'user',
      get content(): string {
        throw new Error('boom');
      },
    };
    const result = validateOpenAIRequest('llama3.2', [evil], true);
    expect(E.isLeft(result) && result.left.message).toContain('messages[0].content');
  });

  it('is a Left when an options Proxy throws on ownKeys', () => {
    const options = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    const result = validateOpenAIRequest('llama3.2', [{ role: 'user', content: 'hi' }], true, options);
    expect(E.isLeft(result) && result.left._tag).toBe('InvalidRequestError');
  });

  it('sends what it checked: a getter that changes its answer is read once', () => {
    let reads = 0;
    const flip = {
      role: 'user',
      get content(): string {
        return reads++ === 0 ? 'ok' : (42 as unknown as string);
      },
    };
    const result = validateOpenAIRequest('llama3.2', [flip], true);
    expect(E.isRight(result) && result.right.messages).toEqual([{ role: 'user', content: 'ok' }]);
    expect(reads).toBe(1);
  });
});
