/**
 * Run by close.spec.ts in a child process: a relay with two readers of a live answer, then `relay.close()` and
 * the servers closed. Prints one JSON line of what it saw; the process must then exit by itself.
 */
import { request as httpRequest, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAICompatible } from '../../../src';
import { createRelay } from '../../../src/server';
import { openaiReply, startAivvmServer } from '../../../src/testing';

/** A request on its own connection (no agent: nothing pooled is left open), its body as it comes. */
function send(url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ headers: Record<string, unknown>; text: () => string; ended: Promise<void> }>(
    (resolve, reject) => {
      const req = httpRequest(url, { method, headers, agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        const ended = new Promise<void>((done) => res.once('close', () => done()));
        resolve({ headers: res.headers, text: () => text, ended });
      });
      req.once('error', reject);
      req.end(body);
    },
  );
}

async function main() {
  const upstream = await startAivvmServer();
  upstream.setReply(
    openaiReply({ text: 'x'.repeat(20_000), deltaChars: 2, chunkSize: 64, chunkDelayMs: 20 }),
  );
  const ai = createOpenAICompatible({ baseURL: `${upstream.url}/v1`, retry: { count: 0 } });
  const relay = createRelay({ complete: (body) => ai.createCompletionEvents(body.model, body.messages) });
  const server = createServer(relay);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const chat = upstream.nextRequest('POST /v1/chat/completions');
  const body = JSON.stringify({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] });
  const first = await send(`${base}/`, 'POST', { 'content-type': 'application/json' }, body);
  const second = await send(`${base}/${String(first.headers['x-stream-id'])}`, 'GET', {
    authorization: `Bearer ${String(first.headers['x-stream-token'])}`,
  });
  while (!first.text().includes('id: 3\n')) await new Promise((resolve) => setTimeout(resolve, 5));
  relay.close();
  const outcome = await (await chat).closed;
  await Promise.all([first.ended, second.ended]);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await upstream.close();
  const lastFrame = (text: string) => text.trim().split('\n\n').at(-1);
  process.stdout.write(
    `${JSON.stringify({
      upstreamFinished: outcome.finished,
      first: lastFrame(first.text()),
      second: lastFrame(second.text()),
      liveCount: relay.liveCount,
      storeSize: relay.store.size,
      closedAt: Date.now(),
    })}\n`,
  );
}

void main();
