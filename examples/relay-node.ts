/**
 * A relay on plain `node:http`: the browser posts `{ model, messages }` to `/`, the server answers with its own key
 * and streams the events back; `GET /<id>` resumes (`Last-Event-ID`), `DELETE /<id>` stops.
 *
 *   npx tsx examples/relay-node.ts                                   # against the embedded local server, port 3000
 *   UPSTREAM_URL=http://127.0.0.1:11434/v1 PORT=8080 npx tsx examples/relay-node.ts   # Ollama
 *
 *   curl -N -X POST localhost:3000/ -H 'content-type: application/json' \
 *     -d '{"model":"llama3.2","messages":[{"role":"user","content":"Hi"}]}'
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAICompatible } from '../src';
import { createRelay } from '../src/server';
import { runRelayExample, type StartedRelay } from './relayMain';

/** Starts the relay on `port` (0: any free port) in front of the OpenAI-compatible server at `upstreamBaseURL`. */
export async function startNodeRelay(port: number, upstreamBaseURL: string): Promise<StartedRelay> {
  // The key stays here, on the server: the browser only ever sees the relay's stream id and token.
  const ai = createOpenAICompatible({
    baseURL: upstreamBaseURL,
    apiKey: process.env['OPENAI_API_KEY'] ?? 'local',
  });
  const relay = createRelay({
    // The model is the server's choice; the browser's messages were checked (and limited) by the relay.
    complete: (body) => ai.createCompletionEvents(process.env['MODEL'] ?? body.model, body.messages),
    graceMs: 20_000,
    limits: { maxStreams: 20, maxMessages: 100 },
    onError: (error, streamId) => console.error(`stream ${streamId}:`, error),
  });
  const server = createServer(relay);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        relay.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (require.main === module) void runRelayExample(startNodeRelay);
