/**
 * toolLoop: a 5-step tool loop against the local server's OpenAI route (`/v1/chat/completions`, SSE): steps 1–4
 * call one instant tool (`add`), step 5 answers with text. Ours (`runTools`) against openai-node's
 * `client.chat.completions.runTools({ stream: true, tools })` (its streaming runner), both streaming, in the same
 * run, each checked to end on the same text after 5 completions. The figure is the ratio of the median times of
 * `loops` loops run one after the other (ours / openai-node, floor 1.0), with the CPU ratio alongside: it measures
 * what a loop costs around the requests (assembling calls, running tools, building the next history).
 *
 * Each side uses its runtime's natural client: ours axios' `http` adapter, openai-node its `fetch` (undici).
 */
import OpenAI from 'openai';
import * as t from 'io-ts';
import { lastValueFrom } from 'rxjs';
import { createOpenAICompatible, defineTool, runTools, type RunToolsEvent } from '../../src';
import { openaiReply, startAivvmServer } from '../../src/testing';
import { compareSides, type Case } from '../harness';

const MODEL = 'local-model';
const MESSAGES = [{ role: 'user' as const, content: 'Add 1 and 2 four times, then say done.' }];
const STEPS = 5;
const FINAL = 'Done: 3, four times.';
const PARAMETERS = {
  type: 'object',
  properties: { a: { type: 'number' }, b: { type: 'number' } },
  required: ['a', 'b'],
};

export const toolLoop: Case = async ({ quick, log }) => {
  const server = await startAivvmServer();
  try {
    // The step is read from the request: one tool message per earlier step.
    server.setReply((request) => {
      const messages = (request.json as { messages?: { role: string }[] }).messages ?? [];
      const done = messages.filter((m) => m.role === 'tool').length;
      return done < STEPS - 1
        ? openaiReply({ toolCalls: [{ id: `call_${done}`, name: 'add', arguments: '{"a":1,"b":2}' }] })
        : openaiReply({ text: FINAL });
    });
    const baseURL = `${server.url}/v1`;
    const ours = createOpenAICompatible({ baseURL, apiKey: 'sk-bench', transport: 'node' });
    const openai = new OpenAI({ baseURL, apiKey: 'sk-bench', maxRetries: 0 });
    const add = defineTool({
      description: 'Adds two numbers',
      parameters: PARAMETERS,
      codec: t.type({ a: t.number, b: t.number }),
      execute: ({ a, b }) => a + b,
    });
    const loops = quick ? 10 : 30;

    const oursLoop = async (): Promise<void> => {
      const finish = (await lastValueFrom(runTools(ours, MODEL, MESSAGES, { tools: { add } }))) as Extract<
        RunToolsEvent,
        { type: 'finish' }
      >;
      const last = finish.messages.at(-1);
      if (finish.steps !== STEPS || last?.role !== 'assistant' || last.content !== FINAL)
        throw new Error(`ours: ${finish.steps} steps, last ${JSON.stringify(last)}`);
    };
    const openaiLoop = async (): Promise<void> => {
      const runner = openai.chat.completions.runTools(
        {
          model: MODEL,
          messages: MESSAGES,
          stream: true,
          tools: [
            {
              type: 'function',
              function: {
                name: 'add',
                description: 'Adds two numbers',
                parameters: PARAMETERS,
                parse: JSON.parse,
                function: ({ a, b }: { a: number; b: number }) => a + b,
              },
            },
          ],
        },
        { maxChatCompletions: 10 },
      );
      const content = await runner.finalContent();
      const completions = runner.allChatCompletions().length;
      if (content !== FINAL || completions !== STEPS)
        throw new Error(`openai-node: ${completions} completions, final ${JSON.stringify(content)}`);
    };
    const times = (loop: () => Promise<void>) => async () => {
      for (let i = 0; i < loops; i++) await loop();
    };
    return {
      toolLoop: await compareSides(
        'toolLoop',
        {
          sides: { ours: times(oursLoop), baseline: times(openaiLoop) },
          note: `${loops} loops of ${STEPS} steps (4 instant tool calls, then text), streamed`,
          close: async () => undefined,
        },
        { repeats: quick ? 5 : 7, warmup: quick ? 1 : 2, floor: 1, log },
      ),
    };
  } finally {
    await server.close();
  }
};
