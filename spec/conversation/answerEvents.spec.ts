import { map, Observable, of } from 'rxjs';
import {
  createConversation,
  InvalidResponseError,
  type AnswerEvent,
  type Complete,
  type ConversationAnswer,
  type HistoryMessage,
} from '../../src';
import { testScheduler } from '../helpers/marbles';

/** A `complete` answering each call with the next Observable, recording what it was asked. */
function scripted(
  ...answers: Observable<string | AnswerEvent>[]
): Complete & { readonly calls: (readonly HistoryMessage[])[] } {
  const calls: (readonly HistoryMessage[])[] = [];
  const complete = (messages: readonly HistoryMessage[]): Observable<string | AnswerEvent> => {
    calls.push(messages);
    const next = answers.shift();
    if (next === undefined) throw new Error('scripted: no more answers');
    return next;
  };
  return Object.assign(complete, { calls });
}

const last = (messages: readonly unknown[]): ConversationAnswer => messages.at(-1) as ConversationAnswer;
const usage = { promptTokens: 9, completionTokens: 64, totalTokens: 73, reasoningTokens: 40 };

describe('answers keep what the server sends (issue 19 point 6)', () => {
  it('reasoning, then text, then finish: reasoning apart from the content; finish reason and usage kept', () => {
    testScheduler().run(({ cold, expectObservable }) => {
      const events = cold<AnswerEvent>('-r-s-t-u-f|', {
        r: { type: 'reasoning', text: 'The user ' },
        s: { type: 'reasoning', text: 'greets.' },
        t: { type: 'text', text: 'Hel' },
        u: { type: 'text', text: 'lo' },
        f: { type: 'finish', reason: 'stop', usage },
      });
      const conversation = createConversation(scripted(events));
      conversation.send('hi');
      expectObservable(conversation.messages$.pipe(map(last))).toBe('ab-c-d-e-fg', {
        a: { role: 'assistant', content: '', status: 'streaming' },
        b: { role: 'assistant', content: '', status: 'streaming', reasoning: 'The user ' },
        c: { role: 'assistant', content: '', status: 'streaming', reasoning: 'The user greets.' },
        d: { role: 'assistant', content: 'Hel', status: 'streaming', reasoning: 'The user greets.' },
        e: { role: 'assistant', content: 'Hello', status: 'streaming', reasoning: 'The user greets.' },
        f: {
          role: 'assistant',
          content: 'Hello',
          status: 'streaming',
          reasoning: 'The user greets.',
          finishReason: 'stop',
          usage,
        },
        g: {
          role: 'assistant',
          content: 'Hello',
          status: 'done',
          reasoning: 'The user greets.',
          finishReason: 'stop',
          usage,
        },
      });
    });
  });

  it("finish reason 'length' makes the answer 'truncated', 'content_filter' makes it 'filtered'; the conversation is idle", () => {
    const conversation = createConversation(
      scripted(
        of<AnswerEvent[]>({ type: 'text', text: 'Once upon a' }, { type: 'finish', reason: 'length' }),
        of<AnswerEvent[]>({ type: 'text', text: 'Wel' }, { type: 'finish', reason: 'content_filter' }),
        of<AnswerEvent[]>({ type: 'text', text: 'ok' }, { type: 'finish', reason: null }),
        of<AnswerEvent[]>({ type: 'finish', reason: 'MALFORMED_FUNCTION_CALL' }),
      ),
    );
    conversation.send('a story');
    expect(last(conversation.state.messages)).toEqual({
      role: 'assistant',
      content: 'Once upon a',
      status: 'truncated',
      finishReason: 'length',
    });
    expect(conversation.state.status).toBe('idle');
    conversation.send('another');
    expect(last(conversation.state.messages)).toMatchObject({
      status: 'filtered',
      finishReason: 'content_filter',
    });
    conversation.send('third');
    expect(last(conversation.state.messages)).toMatchObject({ status: 'done', finishReason: null });
    conversation.send('fourth');
    expect(last(conversation.state.messages)).toMatchObject({
      status: 'done',
      finishReason: 'MALFORMED_FUNCTION_CALL',
    });
  });

  it('plain text chunks work as before: no finish reason, status done', () => {
    const conversation = createConversation(scripted(of('Hel', 'lo')));
    conversation.send('hi');
    expect(last(conversation.state.messages)).toEqual({
      role: 'assistant',
      content: 'Hello',
      status: 'done',
    });
  });

  it('a refusal is kept as refusal, not as content; it is sent back as what the model said', () => {
    const complete = scripted(
      of<AnswerEvent[]>(
        { type: 'refusal', text: "I'm sorry, " },
        { type: 'refusal', text: "I can't help with that." },
        { type: 'finish', reason: 'stop' },
      ),
      of('fine'),
    );
    const conversation = createConversation(complete);
    conversation.send('something bad');
    expect(last(conversation.state.messages)).toEqual({
      role: 'assistant',
      content: '',
      refusal: "I'm sorry, I can't help with that.",
      status: 'done',
      finishReason: 'stop',
    });
    conversation.send('something else');
    expect(complete.calls[1]).toEqual([
      { role: 'user', content: 'something bad' },
      { role: 'assistant', content: "I'm sorry, I can't help with that." },
      { role: 'user', content: 'something else' },
    ]);
  });

  it('reasoning is shown, not sent back as history; with sendReasoning it is sent (and counted)', () => {
    const answer = (): Observable<AnswerEvent> =>
      of<AnswerEvent[]>({ type: 'reasoning', text: 'Two plus two.' }, { type: 'text', text: '4' });
    for (const sendReasoning of [false, true]) {
      const complete = scripted(answer(), answer());
      const counted: string[] = [];
      const conversation = createConversation(complete, {
        sendReasoning,
        budget: {
          maxTokens: 1000,
          reserveForAnswer: 10,
          countTokens: (m) => (counted.push(m.content), 4 + m.content.length),
        },
      });
      conversation.send('2+2?');
      conversation.send('sure?');
      expect(complete.calls[1]?.[1]).toEqual(
        sendReasoning
          ? { role: 'assistant', content: '4', reasoning: 'Two plus two.' }
          : { role: 'assistant', content: '4' },
      );
      // the counter is given { role, content } only; the reasoning costs what it adds as content
      expect(counted.includes('Two plus two.')).toBe(sendReasoning);
    }
  });

  it('tool calls are kept as data: pieces as they arrive, then the whole call; not sent as history', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectObservable, flush }) => {
      const events = cold<AnswerEvent>('-a-b-c-w-f|', {
        a: { type: 'tool-call-delta', index: 0, id: 'call_1', name: 'weather', argumentsDelta: '{"ci' },
        b: { type: 'tool-call-delta', index: 0, id: '', argumentsDelta: 'ty":"Oslo"}' },
        c: { type: 'tool-call-delta', index: 1, name: 'time', argumentsDelta: '{}' },
        w: { type: 'tool-call', index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' },
        f: { type: 'finish', reason: 'tool_calls' },
      });
      const complete = scripted(events, of('next'));
      const conversation = createConversation(complete);
      conversation.send('weather and time?');
      expectObservable(conversation.messages$.pipe(map((m) => last(m).toolCalls))).toBe('ua-b-c-d-ee', {
        u: undefined,
        a: [{ index: 0, id: 'call_1', name: 'weather', arguments: '{"ci', done: false }],
        b: [{ index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}', done: false }],
        c: [
          { index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}', done: false },
          { index: 1, name: 'time', arguments: '{}', done: false },
        ],
        d: [
          { index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}', done: true },
          { index: 1, name: 'time', arguments: '{}', done: false },
        ],
        e: [
          { index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}', done: true },
          { index: 1, name: 'time', arguments: '{}', done: false },
        ],
      });
      flush();
      expect(last(conversation.state.messages)).toMatchObject({ status: 'done', finishReason: 'tool_calls' });
      // an answer with only tool calls has no text: not sent as history
      conversation.send('and now?');
      expect(complete.calls[1]).toEqual([
        { role: 'user', content: 'weather and time?' },
        { role: 'user', content: 'and now?' },
      ]);
    });
  });

  it('events of a type it does not know are ignored (a newer provider may send more kinds)', () => {
    const conversation = createConversation(
      scripted(of<unknown[]>('a', { type: 'logprobs', values: [1] }, 'b') as Observable<string>),
    );
    conversation.send('hi');
    expect(last(conversation.state.messages)).toEqual({ role: 'assistant', content: 'ab', status: 'done' });
  });

  it('a bad value fails the answer with an InvalidResponseError naming it, after the text already shown; the request is cancelled', () => {
    testScheduler().run(({ cold, expectSubscriptions, flush }) => {
      const events = cold<unknown>('-a-b-c|', { a: 'Hel', b: { type: 'text', text: 5 }, c: 'never' });
      const conversation = createConversation(() => events as Observable<string>);
      conversation.send('hi');
      flush();
      expectSubscriptions(events.subscriptions).toBe('^--!');
      const answer = last(conversation.state.messages);
      expect(answer).toMatchObject({ content: 'Hel', status: 'error' });
      expect(answer.error).toBeInstanceOf(InvalidResponseError);
      expect((answer.error as InvalidResponseError).issues).toEqual([
        { path: 'values[1].text', expected: 'a string', actual: '5' },
      ]);
      expect((answer.error as Error).message).toContain('emitted a bad value (#1, type "text")');
    });
    for (const [value, path, expected] of [
      [42, 'values[0]', 'a string, or an answer event'],
      [null, 'values[0]', 'a string, or an answer event'],
      [{ type: 'finish' }, 'values[0].reason', 'a string or null'],
      [{ type: 'finish', reason: 'stop', usage: { promptTokens: NaN } }, 'values[0].usage', 'undefined or'],
      [{ type: 'tool-call-delta', index: -1, argumentsDelta: '' }, 'values[0].index', 'a whole number ≥ 0'],
      [{ type: 'tool-call', index: 0, id: 'c', arguments: '{}' }, 'values[0].name', 'a string'],
    ] as const) {
      const conversation = createConversation(() => of<unknown[]>(value) as Observable<string>);
      conversation.send('hi');
      const { error } = conversation.state;
      expect(error).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).issues[0]).toMatchObject({ path });
      expect((error as InvalidResponseError).issues[0]?.expected).toContain(expected);
    }
  });

  it('a stop after the finish event keeps the finish reason and usage; the answer is cut', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const events = cold<AnswerEvent>('-t-f---|', {
        t: { type: 'text', text: 'Hi' },
        f: { type: 'finish', reason: 'length', usage },
      });
      const conversation = createConversation(() => events);
      conversation.send('hi');
      scheduler.schedule(() => conversation.stop(), 4);
      flush();
      expect(last(conversation.state.messages)).toEqual({
        role: 'assistant',
        content: 'Hi',
        status: 'cut',
        finishReason: 'length',
        usage,
      });
    });
  });
});
