/**
 * Tools: a model that calls functions, as one Observable of events. Two tools: `lookup` is slow (300 ms), `rates`
 * fails the first time (a flaky service); both calls of a step run at once, the failure goes back to the model,
 * which calls `rates` again, then answers.
 *
 *   npx tsx examples/tools.ts                                                 # against the embedded local server
 *   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=qwen3 npx tsx examples/tools.ts   # a real model (Ollama)
 */
import * as t from 'io-ts';
import { lastValueFrom, map, tap, timer } from 'rxjs';
import { createOpenAICompatible, defineTool, isAivvmError, runTools } from '../src';
import { openaiReply, startAivvmServer } from '../src/testing';

const lookup = defineTool({
  description: 'The price of a product in EUR',
  parameters: { type: 'object', properties: { product: { type: 'string' } }, required: ['product'] },
  codec: t.type({ product: t.string }),
  // An Observable: unsubscribing the run cancels the timer (and `signal` would abort a fetch).
  execute: ({ product }) => timer(300).pipe(map(() => ({ product, eur: 120 }))),
});

let rateCalls = 0;
const rates = defineTool({
  description: 'The exchange rate from EUR to a currency',
  parameters: { type: 'object', properties: { currency: { type: 'string' } }, required: ['currency'] },
  codec: t.type({ currency: t.string }),
  execute: async ({ currency }) => {
    if (++rateCalls === 1) throw new Error('rates service unavailable, try again');
    return { currency, perEur: 11.5 };
  },
});

async function main(): Promise<void> {
  // The local server plays the model: two calls, then `rates` again after its failure, then the answer.
  const server = await startAivvmServer({
    replies: [
      openaiReply({
        toolCalls: [
          { name: 'lookup', arguments: '{"product":"kettle"}' },
          { name: 'rates', arguments: '{"currency":"NOK"}' },
        ],
      }),
      openaiReply({ toolCalls: [{ name: 'rates', arguments: '{"currency":"NOK"}' }] }),
      openaiReply({ text: 'The kettle costs 1380 NOK.', deltaChars: 6 }),
    ],
  });
  const env = process.env;
  const ai = createOpenAICompatible({
    baseURL: env['OPENAI_BASE_URL'] ?? `${server.url}/v1`,
    apiKey: env['OPENAI_API_KEY'],
  });
  const model = env['OPENAI_MODEL'] ?? 'llama3.2';
  const started = performance.now();
  try {
    const finish = await lastValueFrom(
      runTools(ai, model, [{ role: 'user', content: 'How much is the kettle in NOK?' }], {
        tools: { lookup, rates },
        maxSteps: 5,
      }).pipe(
        tap((event) => {
          if (event.type === 'text') process.stdout.write(event.text);
          else if (event.type === 'tool-call') console.log(`→ ${event.name}(${event.arguments})`);
          else if (event.type === 'tool-result')
            console.log(`← ${event.name}: ${JSON.stringify(event.result)}`);
          else if (event.type === 'tool-error') console.log(`✗ ${event.name}: ${event.error.message}`);
        }),
      ),
    );
    if (finish.type !== 'finish') throw new Error('a run always ends with finish');
    console.log(`\n[${finish.reason} after ${finish.steps} steps, ${finish.messages.length} messages]`);
    console.error(`took ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    console.error(isAivvmError(error) ? `${error._tag}: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await server.close();
  }
}

void main();
