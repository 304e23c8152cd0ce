/**
 * Tool calls in a conversation's history: what is sent back (requestHistory), what it costs (fitHistory), how the
 * OpenAI protocol puts it on the wire (fromHistory), and the checks on a Complete's tool events (toAnswerEvent).
 */
import { either as E } from 'fp-ts';
import {
  estimateMessageTokens,
  fitHistory,
  InvalidResponseError,
  requestHistory,
  type ConversationMessage,
  type HistoryMessage,
} from '../../src';
import { toAnswerEvent } from '../../src/conversation/toAnswerEvent';
import { fromHistory } from '../../src/protocols/openai/fromHistory';

const turn: ConversationMessage[] = [
  { role: 'user', content: '1 + 2, and the weather?' },
  {
    role: 'assistant',
    content: '',
    status: 'done',
    reasoning: 'Two calls.',
    toolCalls: [
      { index: 0, id: 'call_a', name: 'add', arguments: '{"a":1,"b":2}', done: true },
      { index: 1, id: 'call_w', name: 'weather', arguments: '{}', done: true },
    ],
  },
  { role: 'tool', toolCallId: 'call_a', name: 'add', status: 'done', content: '3', result: 3 },
  { role: 'tool', toolCallId: 'call_w', name: 'weather', status: 'stopped', content: 'stopped' },
  { role: 'assistant', content: '3; no weather.', status: 'done' },
];

describe('tool calls in the history', () => {
  it('requestHistory: calls with an outcome go with their answer, tool messages not apart', () => {
    expect(requestHistory(turn)).toEqual([
      { role: 'user', content: '1 + 2, and the weather?' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [
          { id: 'call_a', name: 'add', arguments: '{"a":1,"b":2}', content: '3' },
          { id: 'call_w', name: 'weather', arguments: '{}', content: 'stopped' },
        ],
      },
      { role: 'assistant', content: '3; no weather.' },
    ]);
    expect(requestHistory(turn, { sendReasoning: true })[1]).toMatchObject({ reasoning: 'Two calls.' });
  });

  it('requestHistory: calls without an outcome are data (not sent); an answer of only those is left out', () => {
    const data: ConversationMessage[] = [
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        content: '',
        status: 'done',
        toolCalls: [{ index: 0, id: 'call_w', name: 'weather', arguments: '{}', done: true }],
      },
      { role: 'user', content: 'Hello?' },
    ];
    expect(requestHistory(data)).toEqual([
      { role: 'user', content: 'Weather?' },
      { role: 'user', content: 'Hello?' },
    ]);
  });

  it('fitHistory: a call and its outcome cost tokens, and go with their answer', () => {
    const big = 'x'.repeat(4000);
    const history: HistoryMessage[] = [
      { role: 'user', content: 'old question' },
      {
        role: 'assistant',
        content: '',
        toolCalls: [{ id: 'c', name: 'read', arguments: '{}', content: big }],
      },
      { role: 'assistant', content: 'old answer' },
      { role: 'user', content: 'new question' },
    ];
    const plain = history.map(({ role, content }) => ({ role, content }));
    const budget = { maxTokens: 600, reserveForAnswer: 100 };
    // Without the call the old turn fits; with its 4 000-character result it does not.
    expect(fitHistory(plain, budget)).toEqual(E.right(plain));
    expect(fitHistory(history, budget)).toEqual(E.right([history[3]]));
    const cost = estimateMessageTokens({ role: 'user', content: big });
    expect(cost).toBeGreaterThan(500);
  });

  it('fromHistory: the assistant with tool_calls (reasoning as reasoning_content), then one tool message per call', () => {
    const sent = requestHistory(turn, { sendReasoning: true });
    expect(fromHistory(sent)).toEqual([
      { role: 'user', content: '1 + 2, and the weather?' },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'Two calls.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'add', arguments: '{"a":1,"b":2}' } },
          { id: 'call_w', type: 'function', function: { name: 'weather', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '3' },
      { role: 'tool', tool_call_id: 'call_w', content: 'stopped' },
      { role: 'assistant', content: '3; no weather.' },
    ]);
  });

  it("toAnswerEvent: a tool event's fields are checked and named", () => {
    expect(toAnswerEvent({ type: 'tool-start', id: 'c', name: 'add' }, 0)).toEqual({
      type: 'tool-start',
      id: 'c',
      name: 'add',
    });
    const bad = (value: unknown): InvalidResponseError => {
      try {
        toAnswerEvent(value, 3);
      } catch (error) {
        return error as InvalidResponseError;
      }
      throw new Error('accepted');
    };
    const error = bad({ type: 'tool-result', id: 5, name: 'add', result: 3 });
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.issues.map((issue) => issue.path)).toEqual(['values[3].id', 'values[3].content']);
    expect(bad({ type: 'step-finish' }).issues.map((issue) => issue.path)).toEqual(['values[3].reason']);
  });
});
