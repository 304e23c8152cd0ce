/**
 * `aivvm-rx/server` is Node only: nothing of src/server/ may be reachable from the root entry, which browsers
 * bundle. esbuild's metafile lists every module the root pulls in.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(__dirname, '..', '..');

describe('aivvm-rx/server entry', () => {
  it('no module of src/server/ is reachable from src/index.ts', async () => {
    const result = await build({
      entryPoints: [resolve(root, 'src/index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'esm',
      external: ['rxjs', 'fp-ts', 'io-ts', 'axios', 'eventsource-parser'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.startsWith('src/protocols/'))).toBe(true);
    expect(inputs.filter((path) => path.startsWith('src/server/'))).toEqual([]);
  });

  it('the server entry reaches the core only through the root entry', async () => {
    const result = await build({
      entryPoints: [resolve(root, 'src/server/index.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      external: ['rxjs', 'fp-ts', 'io-ts', 'axios', 'eventsource-parser'],
      logLevel: 'silent',
    });
    const imports = Object.entries(result.metafile.inputs)
      .filter(([path]) => path.startsWith('src/server/'))
      .flatMap(([, input]) => input.imports.map((item) => item.path))
      .filter((path) => path.startsWith('src/') && !path.startsWith('src/server/'));
    expect([...new Set(imports)]).toEqual(['src/index.ts']);
  });
});
