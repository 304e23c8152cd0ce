import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { CliCommand } from './parseCliArgs';
import { ServeOptionError } from './serveOptionError';
import { staticRoot } from './serveStatic';
import { startAivvmServer } from './startAivvmServer';
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
 * `io.signal` aborts; resolves once the server is closed. An option the machine refuses (`--static` not a
 * directory, `--port` in use or privileged, `--host` not an address here) rejects with a
 * {@link ServeOptionError} naming it.
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
  if (command.staticDir !== undefined) await checkStaticDir(command.staticDir);
  if (command.reply.replay?.file !== undefined) await checkReplayFile(command.reply.replay.file);
  const server = await startAivvmServer({
    host: command.host,
    port: command.port,
    reply: command.reply,
    ...(command.staticDir === undefined ? {} : { staticDir: command.staticDir }),
    ...(command.corsOrigin === undefined ? {} : { cors: { origin: command.corsOrigin } }),
  }).catch((error: unknown) => {
    throw listenError(error, command) ?? error;
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

async function checkStaticDir(dir: string): Promise<void> {
  try {
    await staticRoot(dir);
  } catch {
    throw new ServeOptionError(
      '--static',
      `--static expects an existing directory, got ${JSON.stringify(dir)}`,
    );
  }
}

async function checkReplayFile(file: string): Promise<void> {
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    await access(file, constants.R_OK);
  } catch {
    throw new ServeOptionError('--replay', `--replay expects a readable file, got ${JSON.stringify(file)}`);
  }
}

/** The option to blame when listening fails, as a {@link ServeOptionError}; `undefined` for other failures. */
function listenError(
  error: unknown,
  command: Extract<CliCommand, { kind: 'serve' }>,
): ServeOptionError | undefined {
  const { host, port } = command;
  switch ((error as { code?: unknown } | null)?.code) {
    case 'EADDRINUSE':
      return new ServeOptionError(
        '--port',
        `--port ${port} is already in use on ${host}: pick another port, or --port 0 for any free one`,
      );
    case 'EACCES':
      return new ServeOptionError(
        '--port',
        `--port ${port} needs privileges on ${host}: use a port from 1024 up, or --port 0 for any free one`,
      );
    case 'EADDRNOTAVAIL':
      return new ServeOptionError(
        '--host',
        `--host ${host} is not an address of this machine (try 127.0.0.1 or 0.0.0.0)`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ServeOptionError('--host', `--host ${host} cannot be resolved to an address`);
    default:
      return undefined;
  }
}
