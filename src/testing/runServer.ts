import { startAivvmServer } from './startAivvmServer';
import type { CliCommand } from './parseCliArgs';
import type { AivvmServer } from './types';

/** Where {@link runServer} prints, and what stops it. */
export interface RunServerIo {
  /** Receives the banner, the request log and the closing lines. */
  readonly stdout: { write(text: string): unknown };
  /** Aborting it closes the server; a string reason (`'SIGINT'`) is printed as `SIGINT: closing…`. */
  readonly signal: AbortSignal;
}

/**
 * Runs the local Aivvm server that `npm run server` / `aivvm-rx serve` describe, logging each request, until
 * `io.signal` aborts; resolves once the server is closed.
 *
 * @example
 * ```ts
 * const stop = new AbortController();
 * process.once('SIGINT', () => stop.abort('SIGINT'));
 * const command = parseCliArgs(['--port', '8787']);
 * if (command.kind === 'serve') await runServer(command, { stdout: process.stdout, signal: stop.signal });
 * ```
 */
export async function runServer(
  command: Extract<CliCommand, { kind: 'serve' }>,
  io: RunServerIo,
): Promise<void> {
  const server = await startAivvmServer({
    host: command.host,
    port: command.port,
    reply: command.reply,
    ...(command.staticDir === undefined ? {} : { staticDir: command.staticDir }),
    ...(command.corsOrigin === undefined ? {} : { cors: { origin: command.corsOrigin } }),
  });
  const files = command.staticDir === undefined ? '' : `, GET files of ${command.staticDir}`;
  io.stdout.write(
    `Aivvm server listening on ${server.url} (Aivvm: POST /api/chat, POST /api/models; OpenAI-compatible: ${server.url}/v1 — POST /chat/completions, GET /models${files})\n`,
  );
  if (!command.quiet) void logRequests(server, io.stdout);
  if (!io.signal.aborted) {
    await new Promise((stopped) => io.signal.addEventListener('abort', stopped, { once: true }));
  }
  const reason: unknown = io.signal.reason;
  io.stdout.write(`${typeof reason === 'string' ? reason : 'stop'}: closing…\n`);
  await server.close();
  io.stdout.write('closed\n');
}

async function logRequests(server: AivvmServer, stdout: RunServerIo['stdout']): Promise<void> {
  let logged = 0;
  while ((await server.nextRequest().catch(() => undefined)) !== undefined) {
    // Read the live log rather than the resolved request: nothing is missed when two arrive in one tick.
    for (const request of server.requests.slice(logged)) {
      void request.closed.then((outcome) => {
        const ms = (outcome.closedAt - request.receivedAt).toFixed(0);
        const end = outcome.finished ? 'finished' : 'aborted';
        stdout.write(
          `#${request.index} ${request.method} ${request.path}: ${outcome.bytesSent} B, ${end} after ${ms} ms\n`,
        );
      });
    }
    logged = server.requests.length;
  }
}
