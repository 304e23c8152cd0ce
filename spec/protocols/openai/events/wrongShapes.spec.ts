/**
 * Loose where servers differ, strict where a wrong shape means a broken server: a field of the wrong type is an
 * InvalidResponseError naming its path and what it got, after the events before it.
 */
import { from } from 'rxjs';
import { decodeText, InvalidResponseError } from '../../../../src';
import { parseServerSentEvents } from '../../../../src/protocols/openai/parseServerSentEvents';
import { toCompletionEvents } from '../../../../src/protocols/openai/events/toCompletionEvents';
import { collect } from '../../../helpers/collect';
import { sse } from './fixtures';

const URL = 'http://127.0.0.1:1/v1/chat/completions';
const eventsOf = (body: string) =>
  collect(
    from([new TextEncoder().encode(body)]).pipe(
      decodeText(),
      parseServerSentEvents(1 << 20, URL),
      toCompletionEvents({ url: URL, apiKey: undefined, receivedBytes: () => 0 }),
    ),
  );
const first = { choices: [{ index: 0, delta: { content: 'ok' } }] };

describe('chunks of the wrong shape', () => {
  it.each([
    [
      { tool_calls: [{ index: 0, function: { arguments: 5 } }] },
      'data.choices[0].delta.tool_calls[0].function.arguments',
      'got 5',
    ],
    [{ tool_calls: { index: 0 } }, 'data.choices[0].delta.tool_calls', 'got an object'],
    [{ content: [1] }, 'data.choices[0].delta.content[0]', 'got 1'],
    [
      { content: [{ type: 'thinking', thinking: [{ text: true }] }] },
      'data.choices[0].delta.content[0].thinking[0].text',
      'got true',
    ],
    [{ reasoning_content: 7 }, 'data.choices[0].delta.reasoning_content', 'expected a string or null, got 7'],
    [
      { refusal: ['no'] },
      'data.choices[0].delta.refusal',
      'expected a string or null, got an array of 1 item',
    ],
  ])('%j: names %s', async (delta, path, got) => {
    const result = await eventsOf(sse([first, { choices: [{ index: 0, delta }] }]));
    expect(result.values).toEqual([{ type: 'text', text: 'ok' }]);
    expect(result.error).toBeInstanceOf(InvalidResponseError);
    const message = (result.error as Error).message;
    expect(message).toContain(`${path}:`);
    expect(message).toContain(got);
  });

  it('usage details of the wrong type name their path', async () => {
    const result = await eventsOf(
      sse([{ choices: [], usage: { prompt_tokens: 1, prompt_tokens_details: { cached_tokens: '8' } } }]),
    );
    expect((result.error as Error).message).toContain(
      'data.usage.prompt_tokens_details.cached_tokens: expected a number or null',
    );
  });

  it('unknown keys anywhere are kept and ignored', async () => {
    const body = sse([
      {
        weird: 1,
        choices: [
          {
            index: 0,
            extra: [1],
            delta: {
              content: 'a',
              audio: { id: 'x' },
              tool_calls: [
                { index: 0, id: 'c', function: { name: 'f', arguments: '{}', strict: true }, extra: 1 },
              ],
            },
            finish_reason: 'tool_calls',
          },
        ],
      },
    ]);
    expect((await eventsOf(body)).values.map((e) => e.type)).toEqual([
      'text',
      'tool-call-delta',
      'tool-call',
      'finish',
    ]);
  });
});
