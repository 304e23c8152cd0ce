#!/usr/bin/env node
/**
 * The `aivvm-rx` command (built to dist/cli.js). The only file with process side effects: it wires the
 * process's streams, environment and signals into {@link run}.
 *
 * @packageDocumentation
 */
import { UsageError, parseCommand } from './parseCommand';
import { run } from './run';
import { EXIT_CODES } from './exitCodes';

const stop = new AbortController();
process.once('SIGINT', () => stop.abort('SIGINT'));
process.once('SIGTERM', () => stop.abort('SIGTERM'));
// `aivvm-rx … | head -3`: the reader left; stop the request quietly instead of crashing on EPIPE.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stop.abort('EPIPE');
});

declare const __AIVVM_RX_VERSION__: string | undefined;
// Set by tsup from package.json; run from source (tsx) it is not defined.
const version = typeof __AIVVM_RX_VERSION__ === 'string' ? __AIVVM_RX_VERSION__ : '0.0.0-dev';

function main(): Promise<number> {
  let command;
  try {
    command = parseCommand(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`aivvm-rx: ${error.message}\n`);
    return Promise.resolve(EXIT_CODES.usage);
  }
  return run(command, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    signal: stop.signal,
    version,
  });
}

// No process.exit(): it could cut output still queued for a pipe. A second Ctrl-C kills (the handler is `once`).
void main().then((code) => {
  process.exitCode = stop.signal.reason === 'EPIPE' ? EXIT_CODES.ok : code;
});
