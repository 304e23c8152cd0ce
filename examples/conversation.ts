/**
 * A conversation whose long history is trimmed to gpt-3.5-turbo's context before each request, with the token
 * counts of what was sent: exact (js-tiktoken, `aivvm-rx/tokenizer`) and by the cheap estimate.
 * Run: npx tsx examples/conversation.ts
 */
import { filter, firstValueFrom } from 'rxjs';
import {
  aivvmComplete,
  budgetFor,
  createAivvm,
  createConversation,
  estimateMessageTokens,
  REPLY_PRIMING_TOKENS,
  type Conversation,
  type Message,
} from '../src';
import { multilingualText, startAivvmServer } from '../src/testing';
import { countMessageTokens } from '../src/tokenizer';

const tokens = (messages: readonly Message[], count: (message: Message) => number): number =>
  messages.reduce((sum, message) => sum + count(message), REPLY_PRIMING_TOKENS);
const settled = (conversation: Conversation) =>
  firstValueFrom(conversation.status$.pipe(filter((status) => status !== 'streaming')));

async function main(): Promise<void> {
  const server = await startAivvmServer({ reply: { text: 'Short answer: yes. 👍', chunkSize: 3 } });
  try {
    const aivvm = createAivvm({ baseURL: process.env['AIVVM_BASE_URL'] ?? server.url });
    const systemMessage = 'You are a terse assistant. Answer in one short sentence.';
    // 40 earlier turns in several scripts: about 10 700 tokens, far more than gpt-3.5-turbo's 4 096.
    const initialMessages = Array.from({ length: 40 }, (_, i): Message[] => [
      { role: 'user', content: `Question ${i}: ${multilingualText(150, i)}` },
      { role: 'assistant', content: `Answer ${i}: ${multilingualText(200, 100 + i)}` },
    ]).flat();
    const budget = budgetFor('gpt-3.5-turbo', { reserveForAnswer: 1000, countTokens: countMessageTokens });
    const conversation = createConversation(aivvmComplete(aivvm, 'gpt-3.5-turbo'), {
      systemMessage,
      initialMessages,
      budget,
    });

    const history: Message[] = [{ role: 'system', content: systemMessage }, ...initialMessages];
    console.log(
      `history: ${history.length} messages, ${tokens(history, countMessageTokens)} tokens (js-tiktoken); ` +
        `gpt-3.5-turbo holds ${budget.maxTokens}, ${budget.reserveForAnswer} kept for the answer`,
    );

    conversation.send('Is the history trimmed? 你好！');
    await settled(conversation);
    const answer = conversation.state.messages[conversation.state.messages.length - 1];
    console.log(`answer (${answer?.role === 'assistant' ? answer.status : '?'}): ${answer?.content}`);

    const sent = server.requests[0]?.json as { prompt: string; messages: Message[] };
    const request: Message[] = [{ role: 'system', content: sent.prompt }, ...sent.messages];
    console.log(
      `sent: the system message and ${sent.messages.length} of ${initialMessages.length + 1} messages; ` +
        `${tokens(request, countMessageTokens)} tokens by js-tiktoken, ` +
        `${tokens(request, estimateMessageTokens)} by the estimate, ` +
        `limit ${budget.maxTokens - budget.reserveForAnswer}`,
    );

    // A message that cannot fit is never dropped silently: nothing is sent, and the answer says by how much.
    conversation.send('word '.repeat(4000));
    await settled(conversation);
    const { error } = conversation.state;
    console.log(`too long: ${error instanceof Error ? error.message : String(error)}`);
    console.log(`requests sent: ${server.requests.length}`);
    conversation.dispose();
  } finally {
    await server.close();
  }
}

void main();
