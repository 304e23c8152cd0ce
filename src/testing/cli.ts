/**
 * `npm run server -- [options]`: runs a local Aivvm server until SIGINT/SIGTERM. See `--help`.
 *
 * @example
 * ```sh
 * npm run server -- --port 8787 --chunk-size 5 --delay 30 --text "Привет, мир!"
 * ```
 *
 * @packageDocumentation
 */
import { parseCliArgs } from './parseCliArgs';
import { startAivvmServer } from './startAivvmServer';
import type { AivvmServer } from './types';

async function main(args: readonly string[]): Promise<void> {
  const command = parseCliArgs(args);
  if (command.kind === 'help') {
    process.stdout.write(command.usage);
    return;
  }
  const server = await startAivvmServer({
    host: command.host,
    port: command.port,
    reply: command.reply,
    ...(command.staticDir === undefined ? {} : { staticDir: command.staticDir }),
    ...(command.corsOrigin === undefined ? {} : { cors: { origin: command.corsOrigin } }),
  });
  const files = command.staticDir === undefined ? '' : `, GET files of ${command.staticDir}`;
  process.stdout.write(
    `Aivvm server listening on ${server.url} (POST /api/chat, POST /api/models${files})\n`,
  );
  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`${signal}: closing…\n`);
    void server.close().then(() => process.stdout.write('closed\n'));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (!command.quiet) void logRequests(server);
}

async function logRequests(server: AivvmServer): Promise<void> {
  let logged = 0;
  while ((await server.nextRequest().catch(() => undefined)) !== undefined) {
    // Read the live log rather than the resolved request: nothing is missed when two arrive in one tick.
    for (const request of server.requests.slice(logged)) {
      void request.closed.then((outcome) => {
        const ms = (outcome.closedAt - request.receivedAt).toFixed(0);
        const end = outcome.finished ? 'finished' : 'aborted';
        process.stdout.write(
          `#${request.index} ${request.method} ${request.path}: ${outcome.bytesSent} B, ${end} after ${ms} ms\n`,
        );
      });
    }
    logged = server.requests.length;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n\nRun with --help for usage.\n`,
  );
  process.exitCode = 1;
});
