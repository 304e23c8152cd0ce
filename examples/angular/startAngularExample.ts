import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Relay } from '../../src/server';
import { startAivvmServer, type AivvmServer, type AivvmServerOptions } from '../../src/testing';
import { createExampleRelay, type ExampleUpstream } from './exampleRelay';
import { forwardTo } from './forwardTo';

/** Where the relay is mounted on the example's origin. */
export const RELAY_PATH = '/api/relay';

/** Options of {@link startAngularExample}. */
export interface AngularExampleOptions {
  /** The built app (`buildAngularExample`). */
  readonly dir: string;
  /** The port the page is served on. Default 0 (any free port). */
  readonly port?: number;
  /** The local model server's reply (both protocols). Default: it echoes the question. */
  readonly reply?: AivvmServerOptions['reply'];
  /** The local model server's `/api/models` answer. */
  readonly models?: unknown;
  /** The key the relay sends upstream. */
  readonly apiKey: string;
  /** The relay's upstream instead of the local model server's `/v1` (e.g. Ollama); `apiKey` is sent to it. */
  readonly upstreamURL?: string | undefined;
  /** The model the relay asks for, whatever the page picked. */
  readonly model?: string | undefined;
  /** Wraps the relay's handler (to log, count or, in the specs, cut its responses). Default: none. */
  readonly wrapRelay?: (relay: RequestListener) => RequestListener;
}

/** A started example; see {@link startAngularExample}. */
export interface AngularExample {
  /** The page's origin: `/` the app, `/api/relay` the relay, anything else the local model server. */
  readonly url: string;
  /** The local model server (its requests, its replies). */
  readonly modelServer: AivvmServer;
  /** The relay. */
  readonly relay: Relay;
  /** Stops the answers and both servers. */
  close(): Promise<void>;
}

/**
 * Serves the example app on one origin: the relay at `/api/relay` (`?provider=relay`: the page talks to it and
 * the key stays here), and everything else (the app's files, `/api/chat`, `/api/models`, `/v1/…`, for the
 * direct modes) forwarded to a local model server on a port of its own.
 *
 * @example
 * ```ts
 * const example = await startAngularExample({ dir: await buildAngularExample(dir), apiKey: 'sk-local' });
 * console.log(`${example.url}/?provider=relay`);
 * ```
 */
export async function startAngularExample(options: AngularExampleOptions): Promise<AngularExample> {
  const modelServer = await startAivvmServer({
    staticDir: options.dir,
    ...(options.reply === undefined ? {} : { reply: options.reply }),
    ...(options.models === undefined ? {} : { models: options.models }),
  });
  const upstream: ExampleUpstream = {
    baseURL: options.upstreamURL ?? `${modelServer.url}/v1`,
    apiKey: options.apiKey,
    model: options.model,
  };
  const relay = createExampleRelay(upstream);
  const toRelay = options.wrapRelay === undefined ? relay : options.wrapRelay(relay);
  const toModelServer = forwardTo(modelServer.url);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const rest = url.slice(RELAY_PATH.length);
    if (!url.startsWith(RELAY_PATH) || !/^(?:$|[/?])/.test(rest)) return toModelServer(req, res);
    // The relay serves the paths under where it is mounted: `/`, `/<id>`.
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    toRelay(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    modelServer,
    relay,
    close: async () => {
      relay.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await modelServer.close();
    },
  };
}
