/**
 * Each server family's quirk, one fixture each, served by the local server on `/v1/chat/completions` and read
 * through `createCompletionEvents` over a real socket.
 */
import {
  ContentFilterError,
  createOpenAICompatible,
  IncompleteResponseError,
  InvalidResponseError,
  type CompletionEvent,
} from '../../../../src';
import { collect } from '../../../helpers/collect';
import { useAivvmServer } from '../../../helpers/server';
import { FIXTURES, sse, type FixtureName } from './fixtures';

const hello = [{ role: 'user', content: 'hi' }] as const;
const bytes = (text: string) => new TextEncoder().encode(text);

describe('createCompletionEvents: what each server family sends', () => {
  const server = useAivvmServer();
  const events = async (body: string, chunkSize: number | number[] = 7) => {
    server.current.enqueue({ bytes: bytes(body), chunkSize });
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport: 'node' });
    return collect(ai.createCompletionEvents('m', hello));
  };

  it.each<[string, FixtureName]>([
    [
      'DeepSeek: reasoning_content, then content; usage with cached and reasoning tokens and details',
      'reasoningContent',
    ],
    ['Groq / Ollama: `reasoning`; usage with timings kept in details', 'reasoningField'],
    ['older Groq: usage only in x_groq.usage', 'groqUsageOnly'],
    ['vLLM: reasoning and reasoning_content both, with the same text: read once', 'reasoningBothFields'],
    ['Mistral magistral: content as an array of thinking and text parts', 'contentParts'],
    ['OpenAI: a refusal (content null, refusal deltas), usage in a chunk with empty choices', 'refusal'],
    [
      'OpenAI / DeepSeek: id and name in the first tool delta only, arguments in pieces (CRLF)',
      'toolCallPieces',
    ],
    ['Ollama: tool calls without index, two in one delta, ended with stop', 'toolCallsWithoutIndex'],
    ["Anthropic's endpoint: text, then a tool call whose index starts at 1", 'toolCallIndexFromOne'],
    ['Mistral: a whole tool call in one delta, without index or type', 'wholeToolCall'],
    ['Alibaba / vLLM: empty id and name in later pieces, an empty closing piece', 'toolCallEmptyIds'],
    ['Gemini gateway: calls without id: ids made up, unique, generatedId', 'toolCallsWithoutIds'],
    ['a gateway that numbers every parallel call 0: a new id is a new call', 'parallelCallsSameIndex'],
    ['legacy function_call deltas', 'functionCall'],
    [
      'Azure: empty choices with prompt_filter_results first, a content-filter-only chunk after the finish',
      'azureFilterResults',
    ],
    ['NIM: usage on every chunk, the last one kept', 'usageOnEveryChunk'],
  ])('%s', async (_title, name) => {
    const fixture = FIXTURES[name];
    const result = await events(fixture.body);
    expect(result).toEqual({ values: fixture.events, error: undefined, completed: true });
  });

  it('a second choice the server adds (n is never asked for) is an InvalidResponseError, after the first one', async () => {
    const head = { id: 'x', object: 'chat.completion.chunk' };
    const result = await events(
      sse([
        {
          ...head,
          choices: [
            { index: 0, delta: { role: 'assistant' } },
            { index: 1, delta: { role: 'assistant' } },
          ],
        },
        {
          ...head,
          choices: [
            { index: 0, delta: { content: 'first' }, finish_reason: null },
            { index: 1, delta: { content: 'second' }, finish_reason: null },
          ],
        },
        { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      ]),
    );
    // A role-only second choice carries nothing; the one with text is the error, after the first choice's text.
    expect(result.values).toEqual([{ type: 'text', text: 'first' }]);
    expect(result.error).toBeInstanceOf(InvalidResponseError);
    expect((result.error as Error).message).toMatch(
      /event #2 carries another answer \(choices\[1\]\.index is 1\).*n > 1/,
    );
  });

  it.each([
    ['content_filter', 'stop', 'content_filter'],
    ['length', 'stop', 'length'],
    ['tool_calls', 'stop', 'tool_calls'],
    ['stop', 'content_filter', 'content_filter'],
    ['stop', 'length', 'length'],
    ['tool_calls', 'tool_calls', 'tool_calls'],
  ])('two finish reasons, %s then %s: the finish says %s (the most severe)', async (first, second, kept) => {
    const head = { id: 'x', object: 'chat.completion.chunk' };
    const result = await events(
      sse([
        { ...head, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: first }] },
        { ...head, choices: [{ index: 0, delta: {}, finish_reason: second }] },
      ]),
    );
    expect(result.values.at(-1)).toEqual({ type: 'finish', reason: kept });
  });

  it('createCompletion ends with a ContentFilterError when a content_filter is followed by a stop', async () => {
    const head = { id: 'x', object: 'chat.completion.chunk' };
    server.current.enqueue({
      bytes: bytes(
        sse([
          { ...head, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: 'content_filter' }] },
          { ...head, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
        ]),
      ),
      chunkSize: 7,
    });
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport: 'node' });
    const result = await collect(ai.createCompletion('m', hello, true));
    expect(result.values).toEqual(['a']);
    expect(result.error).toBeInstanceOf(ContentFilterError);
  });

  it('tool-call events come only at the end: a cut stream gives the deltas, then IncompleteResponseError, no tool-call', async () => {
    const base = { id: 'x', object: 'chat.completion.chunk' };
    // The arguments are valid JSON after the first piece: that must not finish the call.
    const body = sse(
      [
        {
          ...base,
          choices: [
            {
              index: 0,
              delta: {
                tool_calls: [{ index: 0, id: 'c1', function: { name: 'f', arguments: '{"q":"x"}' } }],
              },
            },
          ],
        },
        {
          ...base,
          choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '' } }] } }],
        },
      ],
      { done: false },
    );
    const result = await events(body);
    expect(result.values).toEqual<CompletionEvent[]>([
      { type: 'tool-call-delta', index: 0, id: 'c1', name: 'f', argumentsDelta: '{"q":"x"}' },
    ]);
    expect(result.error).toBeInstanceOf(IncompleteResponseError);
  });

  it('[DONE] without a finish_reason still ends properly: the tool-call, then finish null', async () => {
    const body = sse([
      { choices: [{ delta: { tool_calls: [{ id: 'c1', function: { name: 'f', arguments: '{}' } }] } }] },
    ]);
    const result = await events(body);
    expect(result.values.slice(1)).toEqual<CompletionEvent[]>([
      { type: 'tool-call', index: 0, id: 'c1', name: 'f', arguments: '{}' },
      { type: 'finish', reason: null },
    ]);
    expect(result.completed).toBe(true);
  });

  it('a finish_reason and the end of the body, without [DONE]: the tool-call, then finish', async () => {
    const result = await events(FIXTURES.wholeToolCall.body.replace('data: [DONE]\n\n', ''));
    expect(result).toEqual({ values: FIXTURES.wholeToolCall.events, error: undefined, completed: true });
  });

  it('a made-up id never takes a server id of the same answer', async () => {
    const body = sse([
      { choices: [{ delta: { tool_calls: [{ index: 0, function: { name: 'a', arguments: '{}' } }] } }] },
      {
        choices: [
          { delta: { tool_calls: [{ index: 1, id: 'call_0', function: { name: 'b', arguments: '{}' } }] } },
        ],
      },
      { choices: [{ delta: {}, finish_reason: 'tool_calls' }] },
    ]);
    const calls = (await events(body)).values.filter((e) => e.type === 'tool-call');
    expect(calls).toEqual([
      { type: 'tool-call', index: 0, id: 'call_0_2', name: 'a', arguments: '{}', generatedId: true },
      { type: 'tool-call', index: 1, id: 'call_0', name: 'b', arguments: '{}' },
    ]);
  });

  it('a null usage total is the sum of the two counts', async () => {
    const body = sse([
      {
        choices: [{ delta: { content: 'x' }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 18, completion_tokens: 439, total_tokens: null },
      },
    ]);
    expect((await events(body)).values.at(-1)).toEqual({
      type: 'finish',
      reason: 'stop',
      usage: { promptTokens: 18, completionTokens: 439, totalTokens: 457 },
    });
  });
});
