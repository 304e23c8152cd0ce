import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  outDir: 'dist',
  // Peers stay external so users share one rxjs / fp-ts / io-ts instance with us.
  external: ['rxjs', 'fp-ts', 'io-ts', 'axios'],
});
