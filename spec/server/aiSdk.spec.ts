/**
 * `format: 'ai-sdk'`: the relay speaks the Vercel AI SDK's UI message stream, read here by the `ai` package's own
 * transport (`DefaultChatTransport`, what `useChat` uses), parser (`parseJsonEventStream` with
 * `uiMessageChunkSchema`) and reader (`readUIMessageStream`).
 */
import {
  DefaultChatTransport,
  parseJsonEventStream,
  readUIMessageStream,
  uiMessageChunkSchema,
  type UIMessage,
  type UIMessageChunk,
} from 'ai';
import { multilingualText, openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { chatRequests, startRelay } from './relayFixture';
import { openStream, type Frame } from './relayHttp';

const upstream = useAivvmServer();
const TEXT = multilingualText(300);

const question: UIMessage = { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }] };

/** The last UI message the AI SDK builds from a chunk stream. */
async function lastMessage(chunks: ReadableStream<UIMessageChunk>): Promise<UIMessage | undefined> {
  let last: UIMessage | undefined;
  for await (const message of readUIMessageStream({ stream: chunks, terminateOnError: true })) last = message;
  return last;
}

/** SSE text as a byte stream, parsed into UI message chunks by the AI SDK's own parser (failing on a bad chunk). */
function chunksOf(sse: string): ReadableStream<UIMessageChunk> {
  const bytes = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(sse));
      controller.close();
    },
  });
  return parseJsonEventStream({ stream: bytes, schema: uiMessageChunkSchema }).pipeThrough(
    new TransformStream({
      transform(result, controller) {
        if (!result.success) throw result.error;
        controller.enqueue(result.value);
      },
    }),
  );
}

const sseOf = (frames: readonly Frame[]) =>
  frames
    .filter((frame) => frame.comment === undefined)
    .map((frame) => `id: ${frame.id}\ndata: ${frame.data}\n\n`)
    .join('');

describe("createRelay({ format: 'ai-sdk' })", () => {
  it("DefaultChatTransport (useChat's) posts UI messages and readUIMessageStream builds the answer, reasoning first", async () => {
    upstream.current.setReply(openaiReply({ reasoning: 'Thinking it over.', text: TEXT, deltaChars: 7 }));
    const relay = await startRelay(upstream.current, { format: 'ai-sdk' });
    try {
      const transport = new DefaultChatTransport<UIMessage>({
        api: `${relay.url}/`,
        body: { model: 'llama3.2' },
      });
      const chunks = await transport.sendMessages({
        chatId: 'chat-1',
        messages: [question],
        trigger: 'submit-message',
        messageId: undefined,
        abortSignal: undefined,
      });
      const message = await lastMessage(chunks);
      expect(message?.role).toBe('assistant');
      expect(message?.parts.filter((part) => part.type === 'reasoning').map((part) => part.text)).toEqual([
        'Thinking it over.',
      ]);
      expect(message?.parts.filter((part) => part.type === 'text').map((part) => part.text)).toEqual([TEXT]);
      const sent = chatRequests(upstream.current)[0]?.json as { messages: unknown[]; model: string };
      expect(sent.model).toBe('llama3.2');
      expect(sent.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    } finally {
      await relay.close();
    }
  });

  it('sends the UI message stream header, ids per stored event, and resumes with Last-Event-ID into the same message', async () => {
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 5, chunkSize: 200, chunkDelayMs: 2 }));
    const relay = await startRelay(upstream.current, { format: 'ai-sdk' });
    try {
      const answer = await openStream(`${relay.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'llama3.2', messages: [question] }),
      });
      expect(answer.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
      const early = await answer.waitFor(8);
      answer.abort();
      // Every frame of the events up to `cut` arrived: a frame of event cut + 1 did.
      const cut = (early[7]?.id ?? 1) - 1;
      const seen = early.filter((frame) => (frame.id ?? 0) <= cut);
      const rest = await openStream(`${relay.url}/${answer.headers.get('x-stream-id')}`, {
        headers: {
          authorization: `Bearer ${answer.headers.get('x-stream-token')}`,
          'last-event-id': String(cut),
        },
      });
      expect(rest.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
      const tail = await rest.done;
      expect(tail.at(-1)?.data).toBe('[DONE]');
      const message = await lastMessage(chunksOf(sseOf([...seen, ...tail])));
      expect(message?.parts.filter((part) => part.type === 'text').map((part) => part.text)).toEqual([TEXT]);
      expect(chatRequests(upstream.current)).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('an upstream failure is an error chunk with the relay message, then [DONE]', async () => {
    upstream.current.enqueue(openaiReply({ status: 500, error: { message: 'secret upstream detail' } }));
    const relay = await startRelay(upstream.current, { format: 'ai-sdk' });
    try {
      const answer = await openStream(`${relay.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'llama3.2', messages: [question] }),
      });
      const frames = await answer.done;
      expect(frames.map((frame) => frame.data)).toEqual([
        JSON.stringify({ type: 'start', messageId: answer.headers.get('x-stream-id') }),
        JSON.stringify({ type: 'start-step' }),
        JSON.stringify({ type: 'error', errorText: 'The model server answered HTTP 500.' }),
        '[DONE]',
      ]);
      const errors: unknown[] = [];
      for await (const _ of readUIMessageStream({
        stream: chunksOf(sseOf(frames)),
        onError: (e) => errors.push(e),
      }));
      expect(String(errors[0])).toContain('The model server answered HTTP 500.');
    } finally {
      await relay.close();
    }
  });
});
