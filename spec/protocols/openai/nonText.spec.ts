/**
 * `createCompletion` never reports an answer that is not text as an empty success: text first, then a typed
 * error that says what the answer was and carries it. Streamed and `stream: false`, over both transports.
 */
import {
  ContentFilterError,
  createOpenAICompatible,
  InvalidResponseError,
  ReasoningOnlyError,
  RefusalError,
  ToolCallsError,
  UnexpectedFinishError,
} from '../../../src';
import { inspect } from 'node:util';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';
import { FIXTURES, sse } from './events/fixtures';

const hello = [{ role: 'user', content: 'hi' }] as const;
const bytes = (text: string) => new TextEncoder().encode(text);
const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: 'c',
  object: 'chat.completion.chunk',
  choices: [{ index: 0, delta, finish_reason: finish }],
});
/** A `stream: false` answer whose first choice has `message` and `finish_reason`. */
const whole = (message: Record<string, unknown>, finish: string | null) =>
  JSON.stringify({
    id: 'c',
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finish }],
    usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
  });

describe.each(['node', 'fetch'] as const)(
  'createCompletion over %s: answers that are not text',
  (transport) => {
    const server = useAivvmServer();
    const complete = (stream: boolean, body: string) => {
      server.current.enqueue({ bytes: bytes(body), chunkSize: 5 });
      const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport });
      return collect(ai.createCompletion('m', hello, stream));
    };

    describe('streamed', () => {
      it('a refusal is a RefusalError with the refusal text, not an empty success', async () => {
        const { values, error } = await complete(true, FIXTURES.refusal.body);
        expect(values).toEqual([]);
        expect(error).toBeInstanceOf(RefusalError);
        expect(error).toMatchObject({
          _tag: 'RefusalError',
          name: 'RefusalError',
          refusal: "I'm sorry, I can't help with that.",
          reason: 'stop',
          text: '',
        });
        expect((error as Error).message).toContain(`"I'm sorry, I can't help with that."`);
      });

      it('content_filter after some text: the text, then a ContentFilterError with the reason', async () => {
        const body = sse([
          chunk({ role: 'assistant', content: 'Part of ' }),
          chunk({ content: 'it' }),
          chunk({ content: '' }, 'content_filter'),
          { choices: [], usage: { prompt_tokens: 9, completion_tokens: 2, total_tokens: 11 } },
        ]);
        const { values, error } = await complete(true, body);
        expect(values.join('')).toBe('Part of it');
        expect(error).toBeInstanceOf(ContentFilterError);
        expect(error).toMatchObject({ reason: 'content_filter', text: 'Part of it' });
        expect((error as Error).message).toContain('content filter');
      });

      it('content_filter with nothing before it (a Gemini gateway) is not an empty success', async () => {
        const body = sse([
          chunk({ content: '', role: 'assistant' }),
          chunk({ content: '' }, 'content_filter'),
          { choices: [], usage: { prompt_tokens: 910, completion_tokens: 0, total_tokens: 910 } },
        ]);
        const { values, error } = await complete(true, body);
        expect(values).toEqual([]);
        expect(error).toMatchObject({ _tag: 'ContentFilterError', reason: 'content_filter', text: '' });
      });

      it('an unknown finish reason (MALFORMED_FUNCTION_CALL) is an UnexpectedFinishError naming it', async () => {
        const reason = 'function_call_filter: MALFORMED_FUNCTION_CALL';
        const body = sse([
          {
            choices: [
              {
                delta: { role: 'assistant', extra_content: { google: { thought_signature: 's' } } },
                finish_reason: reason,
                index: 0,
              },
            ],
          },
          { choices: [], usage: { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 } },
        ]);
        const { error } = await complete(true, body);
        expect(error).toBeInstanceOf(UnexpectedFinishError);
        expect(error).toMatchObject({ reason });
        expect((error as Error).message).toContain('MALFORMED_FUNCTION_CALL');
      });

      it('tool calls are a ToolCallsError carrying the calls, after the text that came with them', async () => {
        const { values, error } = await complete(true, FIXTURES.toolCallIndexFromOne.body);
        expect(values.join('')).toBe('Let me look.');
        expect(error).toBeInstanceOf(ToolCallsError);
        expect(error).toMatchObject({
          reason: 'tool_calls',
          text: 'Let me look.',
          calls: [
            { type: 'tool-call', index: 0, id: 'toolu_01', name: 'read_file', arguments: '{"path": "a.md"}' },
          ],
        });
        expect((error as Error).message).toContain('1 tool call ("read_file")');
      });

      it('tool calls ended with stop (Ollama) are a ToolCallsError too', async () => {
        const { error } = await complete(true, FIXTURES.toolCallsWithoutIndex.body);
        expect(error).toMatchObject({ _tag: 'ToolCallsError', reason: 'stop' });
        expect((error as ToolCallsError).calls.map((c) => c.name)).toEqual(['weather', 'time']);
      });

      it.each(['length', 'stop', 'eos', null])(
        'finish reason %p completes normally with the text',
        async (reason) => {
          const { values, error, completed } = await complete(true, sse([chunk({ content: 'abc' }, reason)]));
          expect({ values, error, completed }).toEqual({
            values: ['abc'],
            error: undefined,
            completed: true,
          });
        },
      );

      it('reasoning is not text: only the answer is emitted', async () => {
        const { values, completed } = await complete(true, FIXTURES.reasoningContent.body);
        expect(values.join('')).toBe('В слове три «r».');
        expect(completed).toBe(true);
      });

      it('content parts (magistral): the text parts are the text', async () => {
        const { values, completed } = await complete(true, FIXTURES.contentParts.body);
        expect(values.join('')).toBe('Ответ: 42 ✓');
        expect(completed).toBe(true);
      });
    });

    describe('reasoning and no text', () => {
      it.each([
        ['length', 'raise maxTokens'],
        ['stop', 'reasoning parser'],
      ])(
        'streamed, finish_reason %s: a ReasoningOnlyError with the reasoning, not an empty success',
        async (reason, advice) => {
          const body = sse([
            chunk({ role: 'assistant', reasoning_content: 'Hm, the user ' }),
            chunk({ reasoning_content: 'asks for 2+2.' }),
            chunk({}, reason),
          ]);
          const { values, error } = await complete(true, body);
          expect(values).toEqual([]);
          expect(error).toBeInstanceOf(ReasoningOnlyError);
          expect(error).toMatchObject({
            _tag: 'ReasoningOnlyError',
            reasoning: 'Hm, the user asks for 2+2.',
            reason,
          });
          expect((error as Error).message).toContain('26 characters of reasoning and no text');
          expect((error as Error).message).toContain(advice);
        },
      );

      it('stream: false, in `reasoning` (Ollama, vLLM): the same error', async () => {
        const { values, error } = await complete(
          false,
          whole({ content: null, reasoning: 'Thinking…' }, 'length'),
        );
        expect(values).toEqual([]);
        expect(error).toMatchObject({ _tag: 'ReasoningOnlyError', reasoning: 'Thinking…', reason: 'length' });
      });

      it('reasoning with some text completes with the text', async () => {
        const body = sse([chunk({ reasoning_content: 'Hm.' }), chunk({ content: '4' }), chunk({}, 'stop')]);
        expect(await complete(true, body)).toMatchObject({
          values: ['4'],
          error: undefined,
          completed: true,
        });
      });
    });

    describe('stream: false', () => {
      it('two choices (a gateway asked for more) are an InvalidResponseError, not a quietly dropped answer', async () => {
        const body = JSON.stringify({
          id: 'c',
          object: 'chat.completion',
          choices: [
            { index: 0, message: { role: 'assistant', content: 'one' }, finish_reason: 'stop' },
            { index: 1, message: { role: 'assistant', content: 'two' }, finish_reason: 'stop' },
          ],
        });
        const { values, error } = await complete(false, body);
        expect(values).toEqual([]);
        expect(error).toBeInstanceOf(InvalidResponseError);
        expect((error as Error).message).toContain('the answer has 2 choices');
      });

      it('content null with a refusal is a RefusalError, not ""', async () => {
        const { values, error } = await complete(false, whole({ content: null, refusal: 'No.' }, 'stop'));
        // As streamed: no empty string before the error.
        expect(values).toEqual([]);
        expect(error).toMatchObject({ _tag: 'RefusalError', refusal: 'No.', reason: 'stop' });
      });

      it('tool_calls are a ToolCallsError with the calls (a missing id made up, not taking the server id call_1)', async () => {
        const body = whole(
          {
            content: null,
            tool_calls: [
              { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
              { type: 'function', function: { name: 'time', arguments: '{}' } },
            ],
          },
          'tool_calls',
        );
        const { error } = await complete(false, body);
        expect(error).toBeInstanceOf(ToolCallsError);
        expect((error as ToolCallsError).calls).toEqual([
          { type: 'tool-call', index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' },
          { type: 'tool-call', index: 1, id: 'call_1_2', name: 'time', arguments: '{}', generatedId: true },
        ]);
      });

      it('content_filter is a ContentFilterError after the text', async () => {
        const { values, error } = await complete(false, whole({ content: 'Half' }, 'content_filter'));
        expect(values).toEqual(['Half']);
        expect(error).toMatchObject({ _tag: 'ContentFilterError', text: 'Half' });
      });

      it('reasoning_content beside the content: the content only', async () => {
        const body = whole({ content: 'Four.', reasoning_content: '2+2…' }, 'stop');
        expect(await complete(false, body)).toEqual({ values: ['Four.'], error: undefined, completed: true });
      });

      it('content as parts: the text parts', async () => {
        const body = whole(
          {
            content: [
              { type: 'thinking', thinking: [{ type: 'text', text: 'hm' }] },
              { type: 'text', text: 'Yes.' },
            ],
          },
          'stop',
        );
        expect(await complete(false, body)).toEqual({ values: ['Yes.'], error: undefined, completed: true });
      });

      it('length completes normally', async () => {
        expect(await complete(false, whole({ content: 'cut' }, 'length'))).toEqual({
          values: ['cut'],
          error: undefined,
          completed: true,
        });
      });
    });
  },
);

describe('the errors of answers that are not text never show the API key', () => {
  const server = useAivvmServer();
  const KEY = 'sk-echoed-0123456789abcdef';

  it.each([
    ['a refusal', sse([chunk({ refusal: `I will not use ${KEY}.` }, 'stop')])],
    ['a content filter', sse([chunk({ content: `text with ${KEY}` }, 'content_filter')])],
    [
      'tool calls',
      sse([
        chunk(
          { tool_calls: [{ id: KEY, function: { name: KEY, arguments: `{"k":"${KEY}"}` } }] },
          'tool_calls',
        ),
      ]),
    ],
    ['an unknown reason', sse([chunk({ content: 'x' }, `weird ${KEY}`)])],
  ])('%s that echoes it', async (_name, body) => {
    server.current.enqueue({ bytes: bytes(body) });
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, apiKey: KEY });
    const { error } = await collect(ai.createCompletion('m', hello, true));
    expect(error).toBeInstanceOf(Error);
    const shown = inspect(error, { depth: 8 });
    expect(shown).toContain('[redacted]');
    expect(shown).not.toContain('0123456789abcdef');
  });
});
