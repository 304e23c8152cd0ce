/**
 * runTools on hostile or unusual input (found by review): a provider and tools that answer synchronously for
 * hundreds of steps, a call the server sent without a name, a tool whose result is too big for a message.
 */
import * as t from 'io-ts';
import { lastValueFrom, of, toArray } from 'rxjs';
import {
  createOpenAICompatible,
  runTools,
  type CompletionEvent,
  type OpenAIMessage,
  type RunToolsEvent,
  type ToolsProvider,
} from '../../src';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';

const question: OpenAIMessage[] = [{ role: 'user', content: 'Go' }];
const echo = { codec: t.type({}), execute: () => 'ok' };
const sse = (...chunks: object[]): Uint8Array =>
  new TextEncoder().encode(
    [...chunks.map((chunk) => JSON.stringify(chunk)), '[DONE]'].map((data) => `data: ${data}\n\n`).join(''),
  );
const delta = (d: object, finish: string | null = null): object => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});

const server = useAivvmServer();

describe('runTools, hostile input', () => {
  it('1 000 steps of a synchronous provider and tool end with max-steps (no stack growth, no silent stop)', async () => {
    const provider: ToolsProvider = {
      createCompletionEvents: () =>
        of<CompletionEvent[]>(
          { type: 'tool-call', index: 0, id: 'c', name: 'echo', arguments: '{}' },
          { type: 'finish', reason: 'tool_calls' },
        ),
    };
    const events = await lastValueFrom(
      runTools(provider, 'm', question, { tools: { echo }, maxSteps: 1000 }).pipe(toArray()),
    );
    expect(events.filter((e) => e.type === 'step-finish')).toHaveLength(1000);
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'max-steps', steps: 1000 });
  });

  it('a call the server sent without a name goes back to the model, and the next step is sent', async () => {
    server.current.enqueue(
      openaiReply({
        replay: {
          bytes: sse(
            delta({ tool_calls: [{ index: 0, id: 'call_1', function: { arguments: '{}' } }] }),
            delta({}, 'tool_calls'),
          ),
        },
      }),
      openaiReply({ text: 'Done.' }),
    );
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, retry: { count: 0 } });
    const events: RunToolsEvent[] = await lastValueFrom(
      runTools(ai, 'm', question, { tools: { echo } }).pipe(toArray()),
    );
    expect(events.find((e) => e.type === 'tool-error')).toMatchObject({ id: 'call_1', name: '' });
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop', steps: 2 });
    const second = server.current.requests[1]?.json as { messages: unknown[] };
    expect(second.messages[1]).toMatchObject({ role: 'assistant', tool_calls: [{ function: { name: '' } }] });
  });

  it('a result over 1 000 000 characters is a tool error the model reads, not a failed next request', async () => {
    server.current.enqueue(
      openaiReply({ toolCalls: [{ id: 'call_1', name: 'big', arguments: '{}' }] }),
      openaiReply({ text: 'Too big, sorry.' }),
    );
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, retry: { count: 0 } });
    const big = { codec: t.type({}), execute: () => 'x'.repeat(1_000_001) };
    const events = await lastValueFrom(runTools(ai, 'm', question, { tools: { big } }).pipe(toArray()));
    const error = events.find((e) => e.type === 'tool-error');
    expect(error?.type === 'tool-error' && error.error.message).toMatch(
      /1000001 characters, over the 1000000/,
    );
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'stop', steps: 2 });
  });
});
