import { either as E } from 'fp-ts';
import { validateOpenAIRequest, type InvalidRequestError } from '../../../src';

const call = { id: 'call_1', type: 'function', function: { name: 'add', arguments: '{}' } } as const;

describe('reasoning_content on assistant messages (DeepSeek thinking mode wants it back with tool calls)', () => {
  it('is kept on an assistant message and sent as it is', () => {
    const checked = validateOpenAIRequest(
      'm',
      [
        { role: 'user', content: 'Sum?' },
        { role: 'assistant', content: null, tool_calls: [call], reasoning_content: 'Call add.' },
        { role: 'tool', tool_call_id: 'call_1', content: '0' },
      ],
      true,
    );
    expect(E.isRight(checked) && checked.right.messages[1]).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [call],
      reasoning_content: 'Call add.',
    });
  });

  it('is an error on another role, or when it is not a string, naming the path', () => {
    const checked = validateOpenAIRequest(
      'm',
      [
        { role: 'user', content: 'Sum?', reasoning_content: 'x' },
        { role: 'assistant', content: 'ok', reasoning_content: 42 },
      ] as never,
      true,
    );
    const issues = E.isLeft(checked) ? (checked.left as InvalidRequestError).issues : [];
    expect(issues).toEqual([
      {
        path: 'messages[0].reasoning_content',
        expected: 'no reasoning_content on a user message (only assistant messages carry reasoning)',
        actual: 'a string of 1 character',
      },
      {
        path: 'messages[1].reasoning_content',
        expected: 'string of at most 1000000 characters',
        actual: '42',
      },
    ]);
  });
});
