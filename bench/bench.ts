/**
 * `npm run bench [-- --quick] [-- --only name[,name…]]`: builds the package's JavaScript (tsup, no type
 * declarations: they are two thirds of a full build's time and the bench never reads them) into a directory of
 * its own, so `dist/` stays as `npm run build` left it, then runs `bench/run.ts` on that build with `gc()`
 * exposed (flags: bench/nodeFlags.ts). `AIVVM_BENCH_SOURCES=1` skips the build and benches the sources through tsx.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BENCH_NODE_FLAGS } from './nodeFlags';

const root = join(__dirname, '..');
/** Under `node_modules/.cache`: ignored by git, the linters and jest alike. */
const out = join(root, 'node_modules', '.cache', 'aivvm-rx-bench');

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const child = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (child.error !== undefined) throw child.error;
  return child.status ?? 1;
}

function main(): number {
  const sources = process.env['AIVVM_BENCH_SOURCES'] === '1';
  let buildSeconds = 0;
  if (!sources) {
    const started = performance.now();
    const tsup = join(root, 'node_modules', 'tsup', 'dist', 'cli-default.js');
    const status = run(process.execPath, [tsup, '--silent'], { AIVVM_RX_BENCH_OUT: out });
    if (status !== 0) return status;
    buildSeconds = (performance.now() - started) / 1000;
    process.stderr.write(`build (JavaScript only): ${buildSeconds.toFixed(1)} s\n`);
  }
  return run(
    process.execPath,
    ['--import', 'tsx', ...BENCH_NODE_FLAGS, join(__dirname, 'run.ts'), ...process.argv.slice(2)],
    {
      AIVVM_BENCH_CHILD: '1',
      AIVVM_BENCH_BUILD_SECONDS: buildSeconds.toFixed(1),
      ...(sources ? {} : { AIVVM_BENCH_DIST: out }),
    },
  );
}

process.exit(main());
