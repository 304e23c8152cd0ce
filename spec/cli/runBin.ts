/**
 * Runs the built `aivvm-rx` bin (dist/cli.js) as a child process, as a user would, for the bin specs.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { root } from '../package/buildPackage';

/** The built bin. */
export const bin = join(root, 'dist', 'cli.js');

/** How a run of the bin ended. */
export interface Exit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Starts the bin with `args`, in a clean environment plus `env`. */
export function start(
  args: readonly string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams {
  // The machine's own servers and keys must not leak into the specs.
  const {
    AIVVM_BASE_URL: _aivvm,
    OPENAI_BASE_URL: _openai,
    OPENAI_API_KEY: _key,
    ...inherited
  } = process.env;
  return spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...inherited, ...env } });
}

/** Collects the child's output until it closes. */
export async function exitOf(child: ChildProcessWithoutNullStreams): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** Runs the bin to its end with `stdin` (default empty). */
export function cli(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string } = {},
): Promise<Exit> {
  const child = start(args, options.env);
  child.stdin.end(options.stdin ?? '');
  return exitOf(child);
}

/** The NDJSON lines of a `--json` run. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
