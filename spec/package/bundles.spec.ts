/**
 * What a user's bundler takes from each entry of the built package (esbuild `--bundle --minify --format=esm`,
 * as an app would): `aivvm-rx/operators` must not drag in the network stack, and importing an operator from
 * the root must cost what importing it from `aivvm-rx/operators` costs (the root is side-effect free).
 * The measured sizes are written to `.tmp/bundle-sizes.json`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Platform } from 'esbuild';
import { buildPackage, root } from './buildPackage';

interface Bundle {
  readonly min: number;
  readonly gzip: number;
  /** The bundled files, as paths relative to the repository (`node_modules/axios/…`, `dist/…`). */
  readonly inputs: readonly string[];
}

/** Bundles `source` as an app in this repository would import the package (`aivvm-rx` resolves to itself). */
async function bundle(source: string, platform: Platform, external: string[] = []): Promise<Bundle> {
  const result = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js', sourcefile: 'app.mjs' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    external,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const meta: Metafile = result.metafile;
  const inputs = Object.values(meta.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path),
  );
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, inputs };
}

const networkStack = (inputs: readonly string[]) =>
  inputs.filter((path) => /node_modules\/(axios|io-ts|fp-ts|eventsource-parser)\//.test(path));

/**
 * The operators entry's budget, min+gzip: about 17.4 kB with shareText and paceText (rxjs's Observable machinery
 * included; paceText's burst buffer added 0.3 kB, the option type checks 0.4 kB, decodeText's JavaScript decoder
 * for short chunks 0.5 kB and its reading of any ArrayBufferView 0.1 kB).
 */
const OPERATORS_GZIP_BUDGET = 17.5 * 1024;

describe('bundles of the built package', () => {
  const sizes: Record<string, { min: number; gzip: number }> = {};
  const measure = async (name: string, ...args: Parameters<typeof bundle>) => {
    const result = await bundle(...args);
    sizes[name] = { min: result.min, gzip: result.gzip };
    return result;
  };

  beforeAll(() => buildPackage(), 240_000);

  afterAll(() => {
    mkdirSync(join(root, '.tmp'), { recursive: true });
    writeFileSync(join(root, '.tmp', 'bundle-sizes.json'), `${JSON.stringify(sizes, null, 2)}\n`);
  });

  it('aivvm-rx/operators imports nothing but rxjs, and stays under its budget', async () => {
    const operators = await measure('aivvm-rx/operators', "export * from 'aivvm-rx/operators';", 'browser');
    expect(networkStack(operators.inputs)).toEqual([]);
    const foreign = operators.inputs.filter(
      (path) => path.includes('node_modules/') && !/node_modules\/(rxjs|tslib)\//.test(path),
    );
    expect(foreign).toEqual([]);
    expect(operators.gzip).toBeLessThan(OPERATORS_GZIP_BUDGET);
  });

  it("import { decodeText } from 'aivvm-rx' is tree-shaken to what aivvm-rx/operators costs", async () => {
    const fromRoot = await measure(
      "{ decodeText } from 'aivvm-rx'",
      "export { decodeText } from 'aivvm-rx';",
      'browser',
    );
    const fromOperators = await measure(
      "{ decodeText } from 'aivvm-rx/operators'",
      "export { decodeText } from 'aivvm-rx/operators';",
      'browser',
    );
    // A module-level call without /*#__PURE__*/ in the root (a codec, Object.freeze, a default instance)
    // keeps io-ts or axios here: annotate it, or build it lazily.
    expect(networkStack(fromRoot.inputs)).toEqual([]);
    expect(fromRoot.min).toBeLessThanOrEqual(fromOperators.min + 256);
  });

  it('the root entry and aivvm-rx/angular (Angular external) bundle for browsers', async () => {
    const all = await measure('aivvm-rx', "export * from 'aivvm-rx';", 'browser');
    expect(all.inputs.some((path) => path.includes('node_modules/axios/'))).toBe(true);
    const angular = await measure('aivvm-rx/angular', "export * from 'aivvm-rx/angular';", 'browser', [
      '@angular/*',
    ]);
    expect(angular.inputs.some((path) => path.includes('node_modules/@angular/'))).toBe(false);
    // The Angular entry imports the core as 'aivvm-rx': one copy of it, not two.
    expect(angular.inputs.filter((path) => /(^|\/)dist\/index\.mjs$/.test(path))).toHaveLength(1);
  });

  it('aivvm-rx/testing bundles for Node', async () => {
    const testing = await measure('aivvm-rx/testing', "export * from 'aivvm-rx/testing';", 'node');
    expect(testing.inputs.some((path) => path.startsWith('dist/testing/'))).toBe(true);
    expect(testing.min).toBeGreaterThan(0);
  });

  it('aivvm-rx/server bundles for Node, with the core taken from the root entry', async () => {
    const server = await measure('aivvm-rx/server', "export * from 'aivvm-rx/server';", 'node');
    expect(server.inputs.some((path) => path.startsWith('dist/server/'))).toBe(true);
    expect(server.inputs.some((path) => path.startsWith('dist/index'))).toBe(true);
  });

  it("the README's size table and tree-shaking sentence state these sizes (within 0.3 kB)", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const stated = (pattern: RegExp) => Number(pattern.exec(readme)?.[1]);
    const wrong: string[] = [];
    const check = (name: string, said: number) => {
      const measured = (sizes[name]?.gzip ?? NaN) / 1000;
      if (!(Math.abs(said - measured) <= 0.3))
        wrong.push(`${name}: README ${said} kB, measured ${measured.toFixed(1)} kB`);
    };
    for (const entry of [
      'aivvm-rx',
      'aivvm-rx/operators',
      'aivvm-rx/angular',
      'aivvm-rx/testing',
      'aivvm-rx/server',
    ]) {
      check(entry, stated(new RegExp(`^\\| \`${entry}\` +\\|[^|]*\\| ([\\d.]+) kB`, 'm')));
    }
    check(
      "{ decodeText } from 'aivvm-rx'",
      stated(/`import \{ decodeText \} from 'aivvm-rx'`\s+is ([\d.]+) kB/),
    );
    expect(wrong).toEqual([]);
  });
});
