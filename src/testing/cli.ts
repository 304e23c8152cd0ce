/**
 * `npm run server -- [options]`: runs a local Aivvm server until SIGINT/SIGTERM. See `--help`.
 * The same server as `aivvm-rx serve` (src/cli), which shares {@link parseCliArgs} and {@link runServer}.
 *
 * @example
 * ```sh
 * npm run server -- --port 8787 --chunk-size 5 --delay 30 --text "Привет, мир!"
 * ```
 *
 * @packageDocumentation
 */
import { parseCliArgs } from './parseCliArgs';
import { runServer } from './runServer';
import { ServeOptionError } from './serveOptionError';

async function main(args: readonly string[]): Promise<void> {
  const command = parseCliArgs(args);
  if (command.kind === 'help') {
    process.stdout.write(command.usage);
    return;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort('SIGINT'));
  process.once('SIGTERM', () => stop.abort('SIGTERM'));
  await runServer(command, { stdout: process.stdout, signal: stop.signal });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}\n\nRun with --help for usage.\n`,
  );
  // 2: a usage error (a bad option value), as `aivvm-rx serve` says it; 1: anything else.
  process.exitCode = error instanceof ServeOptionError ? 2 : 1;
});
