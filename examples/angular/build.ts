import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const here = resolve(__dirname);

/**
 * Builds the example app into `outDir` (`index.html`, `main.js` and its source map): one esbuild bundle for the
 * browser, Angular in JIT mode (decorators per this folder's tsconfig, the compiler imported by `main.ts`).
 * About a second, no Angular CLI. Returns `outDir`.
 *
 * @example
 * ```ts
 * const dir = await buildAngularExample('artifacts/angular-app');
 * const server = await startAivvmServer({ staticDir: dir });
 * ```
 */
export async function buildAngularExample(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'main.ts')],
    outfile: join(outDir, 'main.js'),
    tsconfig: join(here, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  await copyFile(join(here, 'index.html'), join(outDir, 'index.html'));
  return outDir;
}
