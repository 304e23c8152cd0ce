/**
 * Makes the bench load the built package (`dist/`, as users get it) where the cases import the public entries
 * from the sources (`../src`, `../src/testing`, …): tsx's cross-file getters made helpers split across files
 * look up to 3× slower than they are once bundled. `npm run bench` builds first. The cases keep importing
 * `../src` so that they typecheck without a build; a case that imports an internal module (the event-parsing
 * rows compare two internal paths) still runs that module from the sources, through tsx.
 *
 * `npm run bench` builds the JavaScript alone (no type declarations, a third of a full build's time) into a
 * directory of its own and passes it as `AIVVM_BENCH_DIST` (see bench/buildForBench.ts); the other scripts here
 * load `dist/`, after `npm run build`. `AIVVM_BENCH_SOURCES=1` benches the sources instead (to compare, or
 * without a build).
 */
import { existsSync } from 'node:fs';
import Module from 'node:module';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const built = resolve(root, process.env['AIVVM_BENCH_DIST'] ?? 'dist');

/** Each public entry's source → its CommonJS build. */
const ENTRIES: ReadonlyMap<string, string> = new Map(
  ['index', 'operators/index', 'testing/index', 'tokenizer/index'].map((entry) => [
    join(root, 'src', `${entry}.ts`),
    join(built, `${entry}.js`),
  ]),
);

/** What the bench runs: `'dist'` (the built package) or `'sources'` (through tsx). */
export const benched: 'dist' | 'sources' = process.env['AIVVM_BENCH_SOURCES'] === '1' ? 'sources' : 'dist';

if (benched === 'dist') {
  const missing = [...ENTRIES.values()].filter((file) => !existsSync(file));
  if (missing.length > 0) {
    throw new Error(
      `bench: ${missing.join(', ')} missing: run \`npm run build\` first (npm run bench does), ` +
        'or set AIVVM_BENCH_SOURCES=1 to bench the sources.',
    );
  }
  type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
  const loader = Module as unknown as { _resolveFilename: Resolve };
  const resolveFilename = loader._resolveFilename;
  loader._resolveFilename = function (request, parent, ...rest) {
    const resolved = resolveFilename.call(this, request, parent, ...rest);
    return ENTRIES.get(resolved) ?? resolved;
  };
}
