import { either as E } from 'fp-ts';
import { filter, firstValueFrom } from 'rxjs';
import {
  aivvmComplete,
  budgetFor,
  ContextBudgetError,
  createAivvm,
  createConversation,
  estimateMessageTokens,
  fitHistory,
  REPLY_PRIMING_TOKENS,
  type Conversation,
  type ConversationStatus,
  type Message,
} from '../../src';
import { multilingualText } from '../../src/testing';
import { countMessageTokens } from '../../src/tokenizer';
import { useAivvmServer } from '../helpers/server';

const server = useAivvmServer();
const SYSTEM = 'You are a terse assistant. Answer in one short sentence.';

/** 40 turns of about 150 tokens each: about 6 000 tokens, far beyond gpt-3.5-turbo's 4 096. */
function longHistory(): Message[] {
  return Array.from({ length: 40 }, (_, i): Message[] => [
    { role: 'user', content: `Question ${i}: ${multilingualText(150, i)}` },
    { role: 'assistant', content: `Answer ${i}: ${multilingualText(200, 100 + i)}` },
  ]).flat();
}

const settled = (conversation: Conversation): Promise<ConversationStatus> =>
  firstValueFrom(conversation.status$.pipe(filter((status) => status !== 'streaming')));
const total = (messages: readonly Message[], count: (m: Message) => number): number =>
  messages.reduce((sum, m) => sum + count(m), REPLY_PRIMING_TOKENS);

describe('a conversation against the local Aivvm server', () => {
  it('trims a long history to the budget: the server receives exactly the fitted messages', async () => {
    const aivvm = createAivvm({ baseURL: server.current.url });
    const budget = budgetFor('gpt-3.5-turbo', { reserveForAnswer: 512, countTokens: countMessageTokens });
    const initialMessages = longHistory();
    const conversation = createConversation(aivvmComplete(aivvm, 'gpt-3.5-turbo'), {
      systemMessage: SYSTEM,
      initialMessages,
      budget,
    });
    const question = { role: 'user' as const, content: 'And the newest question: 你好，世界？' };
    const full: Message[] = [{ role: 'system', content: SYSTEM }, ...initialMessages, question];
    expect(total(full, countMessageTokens)).toBeGreaterThan(4096);

    conversation.send(question.content);
    expect(await settled(conversation)).toBe('idle');

    const fitted = fitHistory(full, budget);
    if (E.isLeft(fitted)) throw fitted.left;
    const [system, ...sent] = fitted.right;
    const request = server.current.requests[0];
    expect(server.current.requests).toHaveLength(1);
    expect(request?.json).toMatchObject({
      model: { id: 'gpt-3.5-turbo', name: 'GPT-3.5' },
      prompt: SYSTEM, // the system message travels as the payload's prompt
      messages: sent,
    });
    expect(system).toEqual({ role: 'system', content: SYSTEM });
    // what the server got: a whole-turn suffix of the history, then the newest question; it fits, exactly counted
    const received = (request?.json as { messages: Message[] }).messages;
    expect(received[0]?.role).toBe('user');
    expect(received[received.length - 1]).toEqual(question);
    expect(received.length).toBeLessThan(full.length - 1);
    expect(received.slice(0, -1)).toEqual(
      initialMessages.slice(initialMessages.length - (received.length - 1)),
    );
    const exact = total(fitted.right, countMessageTokens);
    expect(exact).toBeLessThanOrEqual(4096 - 512);
    // one more turn would not have fitted
    const dropped = initialMessages.slice(
      initialMessages.length - (received.length - 1) - 2,
      -(received.length - 1),
    );
    expect(exact + total(dropped, countMessageTokens) - REPLY_PRIMING_TOKENS).toBeGreaterThan(4096 - 512);
    // the answer (the server echoes the last user message) arrived whole
    expect(conversation.state.messages[conversation.state.messages.length - 1]).toEqual({
      role: 'assistant',
      content: question.content,
      status: 'done',
    });
    // the same request by the estimate, for the record (and to show it is in the same range)
    const estimate = total(fitted.right, estimateMessageTokens);
    expect(estimate / exact).toBeGreaterThan(0.7);
    expect(estimate / exact).toBeLessThan(1.7);
  });

  it('a newest message that cannot fit sends nothing and fails with a ContextBudgetError', async () => {
    const aivvm = createAivvm({ baseURL: server.current.url });
    const conversation = createConversation(aivvmComplete(aivvm, 'gpt-3.5-turbo'), {
      systemMessage: SYSTEM,
      budget: budgetFor('gpt-3.5-turbo', { reserveForAnswer: 512, countTokens: countMessageTokens }),
    });
    conversation.send('word '.repeat(4000));
    expect(await settled(conversation)).toBe('error');
    const error = conversation.state.error as ContextBudgetError;
    expect(error).toBeInstanceOf(ContextBudgetError);
    expect(error.available).toBe(4096 - 512 - REPLY_PRIMING_TOKENS);
    expect(error.over).toBe(error.needed - error.available);
    expect(error.over).toBeGreaterThan(400);
    expect(server.current.requests).toHaveLength(0);
  });
});
