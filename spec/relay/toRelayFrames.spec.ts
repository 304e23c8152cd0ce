import { either as E } from 'fp-ts';
import { from } from 'rxjs';
import { InvalidResponseError, RelayError, validateOpenAIRequest } from '../../src';
import { readServerSentEvents } from '../../src/relay/readServerSentEvents';
import { relayBody } from '../../src/relay/relayBody';
import { toRelayFrames, type RelayFrame } from '../../src/relay/toRelayFrames';
import { collect } from '../helpers/collect';

const URL = 'http://127.0.0.1:1/relay/abc';
const read = (...chunks: string[]) =>
  collect(from(chunks).pipe(readServerSentEvents(1 << 20, URL), toRelayFrames(URL)));

const STREAM =
  ': ping\n\n' +
  'id: 1\ndata: {"type":"reasoning","text":"Hmm"}\n\n' +
  'id: 2\r\ndata: {"type":"text","text":"Hé 👋"}\r\n\r\n' +
  'event: progress\ndata: {"ignored":true}\n\n' +
  'id: 3\ndata: {"type":"tool-call","index":0,"id":"c1","name":"f","arguments":"{}","extra":1}\n\n' +
  'id: 4\ndata: {"type":"finish","reason":"stop","usage":{"promptTokens":1,"completionTokens":2,"totalTokens":3}}\n\n';

const FRAMES: RelayFrame[] = [
  { id: 1, event: { type: 'reasoning', text: 'Hmm' } },
  { id: 2, event: { type: 'text', text: 'Hé 👋' } },
  { id: 3, event: { type: 'tool-call', index: 0, id: 'c1', name: 'f', arguments: '{}', extra: 1 } as never },
  {
    id: 4,
    event: {
      type: 'finish',
      reason: 'stop',
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 },
    },
  },
];

describe('readServerSentEvents + toRelayFrames', () => {
  it('reads ids and checked events; comments and events of another name are skipped, unknown keys kept', async () => {
    const result = await read(STREAM);
    expect(result).toEqual({ values: FRAMES, error: undefined, completed: true });
  });

  it('gives the same frames whatever the cut of the text (every split point)', async () => {
    for (let at = 1; at < STREAM.length; at++) {
      const result = await read(STREAM.slice(0, at), STREAM.slice(at));
      expect(result.values).toEqual(FRAMES);
    }
  });

  it('drops an event without its closing blank line: a cut connection, read again on resume', async () => {
    const result = await read('id: 1\ndata: {"type":"text","text":"a"}\n\nid: 2\ndata: {"type":"text","te');
    expect(result.values).toEqual([{ id: 1, event: { type: 'text', text: 'a' } }]);
    expect(result.completed).toBe(true);
    const closedButUnended = await read('id: 1\ndata: {"type":"text","text":"a"}\n');
    expect(closedButUnended.values).toEqual([]);
  });

  it("an error event is a RelayError with the relay's tag and message, after the events before it", async () => {
    const result = await read(
      'id: 1\ndata: {"type":"text","text":"a"}\n\n',
      'id: 2\nevent: error\ndata: {"_tag":"StoppedError","message":"The answer was stopped by its owner."}\n\n',
    );
    expect(result.values).toHaveLength(1);
    expect(result.error).toBeInstanceOf(RelayError);
    expect(result.error).toMatchObject({
      remoteTag: 'StoppedError',
      remoteMessage: 'The answer was stopped by its owner.',
      lastEventId: 1,
      message: `the relay at ${URL} ended the answer with StoppedError: The answer was stopped by its owner. (after 1 events, all delivered).`,
    });
  });

  it.each([
    ['no id', 'data: {"type":"text","text":"a"}\n\n', 'id', 'a whole number ≥ 1'],
    ['a bad id', 'id: 01\ndata: {"type":"text","text":"a"}\n\n', 'id', 'a whole number ≥ 1'],
    ['data that is not JSON', 'id: 1\ndata: {"type":\n\n', 'data', 'JSON'],
    ['a text without text', 'id: 1\ndata: {"type":"text","text":5}\n\n', 'data.text', 'string'],
    ['an unknown type', 'id: 1\ndata: {"type":"image"}\n\n', 'data.type', '"text" | "reasoning"'],
    ['an error without a tag', 'id: 1\nevent: error\ndata: {"message":"x"}\n\n', 'data._tag', 'string'],
  ])('%s is an InvalidResponseError naming the field', async (_name, text, path, expected) => {
    const result = await read(text);
    expect(result.error).toBeInstanceOf(InvalidResponseError);
    const error = result.error as InvalidResponseError;
    expect(error.issues[0]?.path).toBe(path);
    expect(error.issues[0]?.expected).toContain(expected);
    expect(error.message).toContain(URL);
  });

  it('an event past maxBufferSize is a ResponseTooLargeError', async () => {
    const result = await collect(
      from([`id: 1\ndata: ${'x'.repeat(100)}`]).pipe(readServerSentEvents(50, URL), toRelayFrames(URL)),
    );
    expect(result.error).toMatchObject({ _tag: 'ResponseTooLargeError', limit: 50 });
  });
});

describe('relayBody', () => {
  it('sends the checked model, messages and body options; the client-side ones (timeouts, retries) stay home', () => {
    const checked = validateOpenAIRequest('gpt-4o-mini', [{ role: 'user', content: 'Hi' }], true, {
      temperature: 0.2,
      systemMessage: 'Be brief.',
      timeout: { idle: 5_000 },
      retry: { count: 0 },
      maxResponseBytes: 1_000,
    });
    if (E.isLeft(checked)) throw checked.left;
    expect(relayBody(checked.right)).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      options: { temperature: 0.2, systemMessage: 'Be brief.' },
    });
    const bare = validateOpenAIRequest('m', [{ role: 'user', content: 'Hi' }], true, {
      timeout: { idle: 1 },
    });
    if (E.isLeft(bare)) throw bare.left;
    expect(relayBody(bare.right)).toEqual({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] });
  });
});
