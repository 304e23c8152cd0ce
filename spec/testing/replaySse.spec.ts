/**
 * Issue 19 point 8: the local server replays a recorded SSE body (a file or bytes) with its own chunking and
 * pace — `chunkSize`, one event per write (`perEvent`), `chunkDelayMs` — and the usual faults. Read raw.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openaiReply, replaySse, startAivvmServer, type AivvmServer } from '../../src/testing';
import { eventSizes } from '../../src/testing/openai/eventSizes';
import { exchange, send } from './rawClient';
import { sseData } from './sseEvents';

// Shaped like a recorded Ollama stream with CRLF endings, a comment and a leading blank line (our own bytes).
const RECORDED =
  '\r\n: ping\r\n' +
  'data: {"choices":[{"index":0,"delta":{"role":"assistant","reasoning":"hm"},"finish_reason":null}]}\r\n\r\n' +
  'data: {"choices":[{"index":0,"delta":{"content":"Привет 👋"},"finish_reason":null}]}\r\n\r\n' +
  'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\r\n\r\n' +
  'data: [DONE]\r\n\r\n';
const EVENTS = sseData(RECORDED);

const dir = mkdtempSync(join(tmpdir(), 'replay-'));
const file = join(dir, 'recorded.sse');
writeFileSync(file, RECORDED);

describe('replaying a recorded SSE body', () => {
  let server: AivvmServer;
  beforeAll(async () => {
    server = await startAivvmServer();
  });
  afterAll(() => server.close());

  const post = (stream = true) =>
    exchange(send(server.url, '/v1/chat/completions', { model: 'm', messages: [], stream }));

  it('sends the file byte for byte, as text/event-stream, in chunks of chunkSize', async () => {
    server.enqueue(replaySse(file, { chunkSize: 7, chunkDelayMs: 2 }));
    const response = await post();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.body.equals(Buffer.from(RECORDED))).toBe(true);
    expect(response.chunks.slice(0, -1).every((chunk) => chunk.length === 7)).toBe(true);
    expect(sseData(response.text)).toEqual(EVENTS);
  });

  it('perEvent: one write per event (comments and leading blank lines stay with their event), paced', async () => {
    server.enqueue(replaySse(Buffer.from(RECORDED), { perEvent: true, chunkDelayMs: 15 }));
    const response = await post();
    const events = RECORDED.split('\r\n\r\n').slice(0, -1);
    expect(events[0]).toMatch(/^\r\n: ping\r\ndata: /);
    expect(response.chunks.map(String)).toEqual(events.map((event) => `${event}\r\n\r\n`));
  });

  it('the replay field takes bytes as a string too, and faults apply: closeAfterBytes cuts it', async () => {
    server.enqueue(openaiReply({ replay: { bytes: RECORDED }, chunkSize: 5, closeAfterBytes: 60 }));
    const response = await post();
    expect(response.ended).toBe(false);
    expect(response.body.equals(Buffer.from(RECORDED).subarray(0, 60))).toBe(true);
  });

  it('is sent as it is for stream: false and with an error status', async () => {
    server.enqueue(replaySse(file), replaySse(file, { status: 503 }));
    const whole = await post(false);
    expect(whole.text).toBe(RECORDED);
    const failed = await post();
    expect(failed.status).toBe(503);
    expect(failed.text).toBe(RECORDED);
  });

  it('reads the file when the reply is given: a missing one fails there, naming it', () => {
    expect(() => replaySse(join(dir, 'missing.sse'))).toThrow(
      `replaySse.replay.file cannot be read (ENOENT): ${JSON.stringify(join(dir, 'missing.sse'))}`,
    );
    expect(() => replaySse(file, { text: 'no' })).toThrow('replaySse.text cannot be combined with replay');
    expect(() => replaySse(5 as never)).toThrow('replaySse expects a file path or a Uint8Array, got number');
  });

  it('a generated answer can be sent one event per write too', async () => {
    server.enqueue(openaiReply({ deltas: ['a', 'bb'], perEvent: true, chunkDelayMs: 15 }));
    const response = await post();
    expect(response.chunks.map(String)).toEqual(sseData(response.text).map((data) => `data: ${data}\n\n`));
    expect(response.chunks).toHaveLength(5);
  });
});

describe('eventSizes', () => {
  it('cuts after each blank line, whatever the line ending, and covers every byte', () => {
    const cases: [string, string[]][] = [
      ['data: a\n\ndata: b\n\n', ['data: a\n\n', 'data: b\n\n']],
      ['data: a\r\n\r\ndata: b\r\r', ['data: a\r\n\r\n', 'data: b\r\r']],
      ['\n\n: c\ndata: a\n\n', ['\n\n: c\ndata: a\n\n']],
      ['data: a\n\ndata: tail', ['data: a\n\n', 'data: tail']],
      ['data: a\r\n\r\n\n\ndata: b\n\n', ['data: a\r\n\r\n', '\n\ndata: b\n\n']],
      ['', []],
    ];
    for (const [body, events] of cases) {
      const sizes = eventSizes(Buffer.from(body));
      expect(sizes).toEqual(events.map((e) => Buffer.byteLength(e)));
    }
  });
});
