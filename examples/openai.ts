/**
 * An OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio, OpenAI …): streamed events with usage, and a
 * fallback from an Aivvm server that fails to the OpenAI-compatible one.
 *
 *   npx tsx examples/openai.ts                                              # against the embedded local server
 *   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 OPENAI_MODEL=llama3.2 npx tsx examples/openai.ts   # Ollama
 *   OPENAI_BASE_URL=http://127.0.0.1:8000/v1 OPENAI_MODEL=<model> OPENAI_API_KEY=… npx tsx examples/openai.ts   # vLLM
 */
import { lastValueFrom, toArray } from 'rxjs';
import { createAivvm, createOpenAICompatible, fallback, isAivvmError } from '../src';
import { openaiReply, startAivvmServer } from '../src/testing';

async function main(): Promise<void> {
  const server = await startAivvmServer({
    // The first request (Aivvm's /api/chat, in step 2) fails; the OpenAI route answers everything else.
    reply: (request) =>
      request.path === '/api/chat'
        ? { status: 500, reason: 'Rate limit reached' }
        : openaiReply({ text: 'Hello from an OpenAI-compatible server! 👋', deltaChars: 3 }),
  });
  const env = process.env;
  const ai = createOpenAICompatible({
    baseURL: env['OPENAI_BASE_URL'] ?? `${server.url}/v1`,
    apiKey: env['OPENAI_API_KEY'],
  });
  const model = env['OPENAI_MODEL'] ?? 'llama3.2';
  const messages = [{ role: 'user', content: 'Say hello' }] as const;

  try {
    // 1. Events: text (and reasoning, tool calls …) deltas, then one finish with the reason and the token usage.
    const events = await lastValueFrom(
      ai.createCompletionEvents(model, messages, { temperature: 0.2, maxTokens: 64 }).pipe(toArray()),
    );
    for (const event of events) {
      if (event.type === 'text') process.stdout.write(event.text);
      else if (event.type === 'finish')
        console.log(`\n[finish: ${event.reason}, tokens: ${event.usage?.totalTokens ?? 'not reported'}]`);
    }

    // 2. Fallback: the Aivvm server fails before sending any text, so the OpenAI-compatible one answers.
    const aivvm = createAivvm({ baseURL: server.url, retry: { count: 0 } });
    const text = await lastValueFrom(
      fallback(
        () => aivvm.createCompletion('gpt-4', messages, false),
        () => ai.createCompletion(model, messages, false),
      ),
    );
    console.log(`fallback → ${text}`);
  } catch (error) {
    console.error(isAivvmError(error) ? `${error._tag}: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await server.close();
  }
}

void main();
