/**
 * The relay mounted in Express under `/relay`, behind `compression()`: the relay's `cache-control: no-transform`
 * makes `compression()` leave the stream alone, and it flushes each event, so nothing waits for the answer's end.
 *
 *   npx tsx examples/relay-express.ts          # http://127.0.0.1:3000/relay, against the embedded local server
 */
import type { AddressInfo } from 'node:net';
import compression from 'compression';
import express from 'express';
import { createOpenAICompatible } from '../src';
import { createRelay } from '../src/server';
import { runRelayExample, type StartedRelay } from './relayMain';

/** Starts Express on `port` (0: any free port) with the relay at `/relay`, in front of `upstreamBaseURL`. */
export async function startExpressRelay(port: number, upstreamBaseURL: string): Promise<StartedRelay> {
  const ai = createOpenAICompatible({
    baseURL: upstreamBaseURL,
    apiKey: process.env['OPENAI_API_KEY'] ?? 'local',
  });
  const relay = createRelay({ complete: (body) => ai.createCompletionEvents(body.model, body.messages) });
  const app = express();
  app.use(compression());
  // app.use (not app.all): Express then gives the relay req.url relative to /relay, as it expects.
  app.use('/relay', relay);
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/relay`,
    close: () =>
      new Promise<void>((resolve) => {
        relay.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (require.main === module) void runRelayExample(startExpressRelay);
