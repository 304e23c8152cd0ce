import { sep } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * `aivvm-rx/angular` imports the core as `'..'`: in the build that import becomes the package itself
 * (`aivvm-rx`), so the Angular entry shares the core's module instance (one `HttpError` class for `instanceof`)
 * in CommonJS too, instead of bundling a second copy.
 */
const angularImportsCore: Plugin = {
  name: 'angular-imports-core',
  setup(build) {
    build.onResolve({ filter: /^\.\.$/ }, (args) =>
      args.importer.includes(`${sep}src${sep}angular${sep}`)
        ? { path: 'aivvm-rx', external: true }
        : undefined,
    );
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // Its own entry (and, in ESM, its own chunk): `aivvm-rx/operators` imports rxjs only, and the root's
    // re-exports of it let bundlers drop the rest of the root when only operators are imported.
    'operators/index': 'src/operators/index.ts',
    'testing/index': 'src/testing/index.ts',
    'angular/index': 'src/angular/index.ts',
    // The `aivvm-rx` bin (package.json `bin`: dist/cli.js); tsup keeps its shebang and makes it executable.
    cli: 'src/cli/bin.ts',
  },
  format: ['esm', 'cjs'],
  // CommonJS too: `aivvm-rx/operators` and the root share one chunk, so one `DecodeError` class for `instanceof`.
  splitting: true,
  dts: true,
  sourcemap: true,
  clean: true,
  // `__dirname` in the bin's ESM build (it reads package.json for --version).
  shims: true,
  target: 'es2022',
  outDir: 'dist',
  // Peers stay external so users share one rxjs / fp-ts / io-ts (and Angular) instance with us.
  external: ['rxjs', 'fp-ts', 'io-ts', 'axios', '@angular/core'],
  esbuildPlugins: [angularImportsCore],
});
