import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '..', '..');

/**
 * Writes a plain page and the library bundled for browsers (`src/index.ts` as the global `aivvm`, rxjs, fp-ts,
 * io-ts and axios' browser build included) into `dir`, for the core browser spec.
 */
export async function writeCorePage(dir: string): Promise<void> {
  await build({
    entryPoints: [join(root, 'src', 'index.ts')],
    outfile: join(dir, 'aivvm.js'),
    bundle: true,
    format: 'iife',
    globalName: 'aivvm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'warning',
  });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>aivvm-rx core</title><link rel="icon" href="data:,"><script src="aivvm.js"></script><p>core</p>\n',
  );
}
