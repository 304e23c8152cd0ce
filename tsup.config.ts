import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * `aivvm-rx/angular`, `aivvm-rx/server` and the bin import the core as `'..'`: in the build that import becomes the package itself
 * (`aivvm-rx`), so they share the core's module instance (one `HttpError` class for `instanceof`) in CommonJS
 * too, instead of bundling a second copy. For the bin it also keeps the root entry's ESM build plain: an entry
 * imported by another entry is wrapped in a lazy `init_*()` that bundlers cannot tree-shake.
 */
const angularImportsCore: Plugin = {
  name: 'angular-imports-core',
  setup(build) {
    build.onResolve({ filter: /^\.\.$/ }, (args) =>
      args.importer.includes(`${sep}src${sep}angular${sep}`) ||
      args.importer.includes(`${sep}src${sep}server${sep}`) ||
      args.importer.includes(`${sep}src${sep}cli${sep}`)
        ? { path: 'aivvm-rx', external: true }
        : undefined,
    );
  },
};

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

/** `dist/cli.js`, the `aivvm-rx` bin: CommonJS for Node, the core required as `aivvm-rx`. */
async function buildBin(): Promise<void> {
  await build({
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    // The source's shebang is kept by esbuild; npm makes the bin executable on install.
    external: ['rxjs', 'fp-ts', 'io-ts', 'axios', '@angular/core'],
    // `aivvm-rx --version`, fixed at build time.
    define: { __AIVVM_RX_VERSION__: JSON.stringify(version) },
    plugins: [angularImportsCore],
    logLevel: 'warning',
  });
}

/**
 * `npm run bench` builds the JavaScript alone into a directory of its own (`AIVVM_RX_BENCH_OUT`): no type
 * declarations (two thirds of a build's time) and no bin, and `dist/` is left as it was.
 */
const benchOut = process.env['AIVVM_RX_BENCH_OUT'];

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // Its own entry (and, in ESM, its own chunk): `aivvm-rx/operators` imports rxjs only, and the root's
    // re-exports of it let bundlers drop the rest of the root when only operators are imported.
    'operators/index': 'src/operators/index.ts',
    'testing/index': 'src/testing/index.ts',
    'angular/index': 'src/angular/index.ts',
    'tokenizer/index': 'src/tokenizer/index.ts',
    // Node only: createRelay and its store. Nothing of it is reachable from the root entry.
    'server/index': 'src/server/index.ts',
  },
  format: ['esm', 'cjs'],
  // CommonJS too: `aivvm-rx/operators` and the root share one chunk, so one `DecodeError` class for `instanceof`.
  splitting: true,
  dts: benchOut === undefined,
  sourcemap: true,
  clean: true,
  // The bin is built after the library, on its own: as one more entry of this build, esbuild wrapped shared
  // modules in lazy `init_*()` calls that bundlers cannot tree-shake.
  ...(benchOut === undefined ? { onSuccess: buildBin } : {}),
  target: 'es2022',
  outDir: benchOut ?? 'dist',
  // Peers stay external so users share one rxjs / fp-ts / io-ts (and Angular) instance with us; js-tiktoken
  // (an optional peer, ~1 MB of ranks) is loaded only by `aivvm-rx/tokenizer`.
  external: ['rxjs', 'fp-ts', 'io-ts', 'axios', '@angular/core', 'js-tiktoken'],
  esbuildPlugins: [angularImportsCore],
});
