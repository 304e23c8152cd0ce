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
    'testing/index': 'src/testing/index.ts',
    'angular/index': 'src/angular/index.ts',
    'tokenizer/index': 'src/tokenizer/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  outDir: 'dist',
  // Peers stay external so users share one rxjs / fp-ts / io-ts (and Angular) instance with us.
  external: ['rxjs', 'fp-ts', 'io-ts', 'axios', '@angular/core'],
  esbuildPlugins: [angularImportsCore],
});
