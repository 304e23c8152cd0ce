// Jest transformer for Angular's packages, which ship ES modules only (`.mjs`): esbuild turns each file into
// CommonJS so that jest can run them without --experimental-vm-modules (jest-preset-angular does the same).
import { createHash } from 'node:crypto';
import { transformSync, version } from 'esbuild';

export default {
  getCacheKey(source, path, options) {
    return createHash('sha1')
      .update(`esbuild ${version}\0${path}\0${options.configString}\0`)
      .update(source)
      .digest('hex');
  },
  process(source, path) {
    const { code, map } = transformSync(source, {
      loader: 'js',
      format: 'cjs',
      target: 'es2022',
      sourcemap: 'external',
      sourcefile: path,
    });
    return { code, map };
  },
};
