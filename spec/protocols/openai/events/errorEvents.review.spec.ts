/**
 * Error events mid-stream, read like every JSON error body (found by review): Ollama's `{ error: "…" }` gives its
 * message, a non-finite code is left out, and `HttpError.body` keeps at most MAX_ERROR_BODY_BYTES of a huge event.
 */
import { from } from 'rxjs';
import { decodeText, HttpError, MAX_ERROR_BODY_BYTES } from '../../../../src';
import { parseServerSentEvents } from '../../../../src/protocols/openai/parseServerSentEvents';
import { toCompletionEvents } from '../../../../src/protocols/openai/events/toCompletionEvents';
import { collect } from '../../../helpers/collect';

const URL = 'http://127.0.0.1:1/v1/chat/completions';
const eventsOf = (body: string) =>
  collect(
    from([new TextEncoder().encode(body)]).pipe(
      decodeText(),
      parseServerSentEvents(1 << 24, URL),
      toCompletionEvents({ url: URL, apiKey: undefined, receivedBytes: () => 0 }),
    ),
  );
const text = `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Hi' } }] })}\n\n`;

describe('error events, read like error bodies', () => {
  it("Ollama's string error: the message is the server's, after the text", async () => {
    const { values, error } = await eventsOf(`${text}data: {"error":"model \\"x\\" not found"}\n\n`);
    expect(values).toEqual([{ type: 'text', text: 'Hi' }]);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toContain(': model "x" not found');
  });

  it('a code that is not a finite number is left out, the message kept', async () => {
    const { error } = await eventsOf(`data: {"error":{"message":"busy","code":1e999}}\n\n`);
    expect((error as HttpError).code).toBeUndefined();
    expect((error as HttpError).message).toContain(': busy');
  });

  it('a 200 KB error event keeps at most MAX_ERROR_BODY_BYTES in body', async () => {
    const event = JSON.stringify({ error: { message: 'overloaded', detail: 'x'.repeat(200_000) } });
    const { error } = await eventsOf(`data: ${event}\n\n`);
    expect(error).toBeInstanceOf(HttpError);
    expect(new TextEncoder().encode((error as HttpError).body).byteLength).toBeLessThanOrEqual(
      MAX_ERROR_BODY_BYTES,
    );
  });
});
