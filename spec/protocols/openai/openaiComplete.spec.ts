import { filter, firstValueFrom } from 'rxjs';
import {
  createConversation,
  createOpenAICompatible,
  openaiComplete,
  type AnswerEvent,
  type CompletionEvent,
  type Complete,
  type Conversation,
  type ConversationStatus,
} from '../../../src';
import { openaiReply } from '../../../src/testing';
import { useAivvmServer } from '../../helpers/server';

const server = useAivvmServer();
const settled = (conversation: Conversation): Promise<ConversationStatus> =>
  firstValueFrom(conversation.status$.pipe(filter((status) => status !== 'streaming')));

describe('openaiComplete: a conversation over an OpenAI-compatible server', () => {
  it("an answer cut by the server's token limit (finish_reason 'length') is 'truncated', with its usage", async () => {
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    server.current.enqueue(openaiReply({ deltas: ['Once ', 'upon ', 'a'], finishReason: 'length' }));
    const conversation = createConversation(openaiComplete(ai, 'llama3.2', { maxTokens: 3 }), {
      systemMessage: 'Tell stories.',
    });
    conversation.send('A story, please');
    expect(await settled(conversation)).toBe('idle');
    expect(conversation.state.messages.at(-1)).toEqual({
      role: 'assistant',
      content: 'Once upon a',
      status: 'truncated',
      finishReason: 'length',
      usage: { promptTokens: expect.any(Number), completionTokens: 3, totalTokens: expect.any(Number) },
    });
    // the system message travels as the first message, the options as the protocol's fields
    expect(server.current.requests[0]?.json).toMatchObject({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Tell stories.' },
        { role: 'user', content: 'A story, please' },
      ],
      max_tokens: 3,
      stream: true,
    });
  });

  it("'stop' is 'done'; the answer is sent back as history with the next question", async () => {
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    server.current.enqueue(openaiReply({ deltas: ['Hi', '!'] }));
    server.current.enqueue(openaiReply({ deltas: ['Fine.'], finishReason: 'stop' }));
    const conversation = createConversation(openaiComplete(ai, 'llama3.2'));
    conversation.send('Hello');
    expect(await settled(conversation)).toBe('idle');
    expect(conversation.state.messages.at(-1)).toMatchObject({
      content: 'Hi!',
      status: 'done',
      finishReason: 'stop',
    });
    conversation.send('How are you?');
    expect(await settled(conversation)).toBe('idle');
    expect(server.current.requests[1]?.json).toMatchObject({
      messages: [
        { role: 'user', content: 'Hello' },
        { role: 'assistant', content: 'Hi!' },
        { role: 'user', content: 'How are you?' },
      ],
    });
  });

  it('is a Complete as it is, and createCompletionEvents too: CompletionEvent is an AnswerEvent (type-level)', () => {
    const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:1/v1' });
    const adapter: Complete = openaiComplete(ai, 'llama3.2');
    const direct: Complete = (messages) => ai.createCompletionEvents('llama3.2', messages);
    // Fails to compile if a member of CompletionEvent stops being an AnswerEvent (the two unions drift apart).
    const widen = (event: CompletionEvent): AnswerEvent => event;
    const finish = widen({ type: 'finish', reason: 'length' });
    expect([typeof adapter, typeof direct, finish.type]).toEqual(['function', 'function', 'finish']);
  });
});
