/**
 * Issue 9 point 4 (Node half; Chromium in spec/browser/trustFetch.spec.ts): a reason phrase with a raw Latin-1
 * byte, as chatbot-ui sends an upstream message like `Requête…`, stays an HttpError with its status on both
 * transports, never a retried NetworkError.
 */
import { connect } from 'node:net';
import { createAivvm, HttpError } from '../../src';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;
const REASON = 'Requête trop longue pour le modèle';

/** The status line exactly as bytes on the wire. */
function statusLine(url: string): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const body = JSON.stringify({
        model: { id: 'gpt-4', name: 'GPT-4' },
        messages: hello,
        key: '',
        prompt: '',
        temperature: 0.7,
      });
      socket.end(
        `POST /api/chat HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
    });
    let head = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n');
      if (end !== -1) {
        socket.destroy();
        resolve(head.subarray(0, end));
      }
    });
    socket.on('error', reject);
  });
}

describe('a Latin-1 reason phrase', () => {
  const server = useAivvmServer();

  it('is sent by the local server as raw Latin-1 bytes, as chatbot-ui does', async () => {
    server.current.setReply({ status: 500, reason: REASON });
    const line = await statusLine(server.current.url);
    expect(line).toEqual(Buffer.concat([Buffer.from('HTTP/1.1 500 '), Buffer.from(REASON, 'latin1')]));
  });

  it.each(['node', 'fetch'] as const)(
    'is an HttpError with status 500 over the %s transport',
    async (transport) => {
      server.current.setReply({ status: 500, reason: REASON });
      const aivvm = createAivvm({
        baseURL: server.current.url,
        transport,
        retry: { count: 2, baseDelayMs: 1, maxDelayMs: 1 },
      });
      const { error } = await collect(aivvm.createCompletion(null, hello, true));
      expect(error).toBeInstanceOf(HttpError);
      const http = error as HttpError;
      expect(http.status).toBe(500);
      expect(http.body).toBe('Error');
      // The http adapter reads the phrase as Latin-1 (exact); fetch decodes it as UTF-8, so é is lost to U+FFFD.
      expect(http.statusText).toBe(transport === 'node' ? REASON : REASON.replace(/[^ -~]/g, '\uFFFD'));
    },
  );
});
