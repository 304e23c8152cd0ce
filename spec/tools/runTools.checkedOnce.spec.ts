/**
 * runTools with our own provider checks the caller's arguments once, whole, and then only the messages each step
 * appends (they carry what the server sent). Against the local server: what the whole check refuses is still
 * refused, with the same error, and what is sent is what was checked.
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { lastValueFrom, materialize, toArray } from 'rxjs';
import {
  createOpenAICompatible,
  defineTool,
  InvalidRequestError,
  runTools,
  validateOpenAIRequest,
  type OpenAIMessage,
} from '../../src';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';

/** The fields of a request body these specs read. */
interface Sent {
  readonly messages: readonly { readonly role: string }[];
  readonly tool_choice?: unknown;
  readonly temperature?: number;
  readonly tools?: unknown;
}

const echo = defineTool({
  parameters: { type: 'object', properties: { x: { type: 'number' } } },
  codec: t.type({ x: t.number }),
  execute: ({ x }) => x,
});

describe.each(['node', 'fetch'] as const)('runTools checks each message once (%s)', (transport) => {
  const server = useAivvmServer();
  const ai = () => createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport });
  const chat = () =>
    server.current.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.json as Sent);

  it("a server's call id the history cannot carry: step 2 is refused with the whole check's error, nothing sent", async () => {
    const id = 'c'.repeat(1001);
    server.current.enqueue(openaiReply({ toolCalls: [{ id, name: 'echo', arguments: '{"x":1}' }] }));
    const question: OpenAIMessage[] = [{ role: 'user', content: 'Echo 1' }];
    const notes = await lastValueFrom(
      runTools(ai(), 'm', question, { tools: { echo } }).pipe(materialize(), toArray()),
    );
    const last = notes.at(-1)!;
    expect(notes.at(-2)?.value).toEqual(expect.objectContaining({ type: 'step-finish', step: 1 }));
    expect(last.kind).toBe('E');
    const error = (last as { error: unknown }).error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    // The oracle: the whole check of the history step 2 would have sent.
    const whole = validateOpenAIRequest(
      'm',
      [
        ...question,
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id, type: 'function', function: { name: 'echo', arguments: '{"x":1}' } }],
        },
        { role: 'tool', tool_call_id: id, content: '1' },
      ],
      true,
    );
    expect(E.isLeft(whole) && whole.left.message).toBe((error as Error).message);
    expect((error as InvalidRequestError).message).toContain('messages[1].tool_calls[0].id');
    expect((error as InvalidRequestError).message).toContain('messages[2].tool_call_id');
    expect(chat()).toHaveLength(1);
  });

  it('sends the messages as they were at subscribe: changing them during the run changes nothing sent', async () => {
    server.current.enqueue(
      openaiReply({ toolCalls: [{ id: 'call_1', name: 'change', arguments: '{}' }] }),
      openaiReply({ text: 'ok' }),
    );
    const question = [{ role: 'user' as const, content: 'Before' }];
    const change = defineTool({
      codec: t.type({}),
      execute: () => {
        question[0]!.content = 'After';
        question.push({ role: 'user', content: 'Pushed' });
        return 'changed';
      },
    });
    await lastValueFrom(runTools(ai(), 'm', question, { tools: { change } }));
    const [first, second] = chat() as [Sent, Sent];
    expect(first.messages).toEqual([{ role: 'user', content: 'Before' }]);
    expect(second.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second.messages[0]).toEqual({ role: 'user', content: 'Before' });
  });

  it('options are checked whole at subscribe (a schema that is not JSON data): nothing is sent', async () => {
    const bad = defineTool({
      parameters: { type: 'object', properties: { x: { type: 'number', default: () => 1 } } } as never,
      codec: t.type({ x: t.number }),
      execute: ({ x }) => x,
    });
    const notes = await lastValueFrom(
      runTools(ai(), 'm', [{ role: 'user', content: 'Hi' }], { tools: { bad } }).pipe(
        materialize(),
        toArray(),
      ),
    );
    expect(notes).toHaveLength(1);
    expect((notes[0] as { error: unknown }).error).toBeInstanceOf(InvalidRequestError);
    expect(String((notes[0] as { error: Error }).error.message)).toContain(
      'options.tools[0].function.parameters',
    );
    expect(chat()).toHaveLength(0);
  });

  it('a forcing toolChoice, the system message and the other options: step 1 sends the choice, step 2 the rest', async () => {
    server.current.enqueue(
      openaiReply({ toolCalls: [{ id: 'call_1', name: 'echo', arguments: '{"x":2}' }] }),
      openaiReply({ text: 'two' }),
    );
    await lastValueFrom(
      runTools(ai(), 'm', [{ role: 'user', content: 'Echo 2' }], {
        tools: { echo },
        toolChoice: 'required',
        systemMessage: 'Be brief',
        temperature: 0.5,
      }),
    );
    const [first, second] = chat() as [Sent, Sent];
    expect(first.tool_choice).toBe('required');
    expect(second).not.toHaveProperty('tool_choice');
    for (const body of [first, second]) {
      expect(body.temperature).toBe(0.5);
      expect(body.messages[0]).toEqual({ role: 'system', content: 'Be brief' });
      expect(body.tools).toEqual([
        { type: 'function', function: { name: 'echo', parameters: echo.parameters } },
      ]);
    }
    expect(second.messages.slice(1)).toEqual([
      { role: 'user', content: 'Echo 2' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'echo', arguments: '{"x":2}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '2' },
    ]);
  });
});
