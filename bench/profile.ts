/**
 * Profiles one side of a case: `npx tsx bench/profile.ts <throughput|tokenChunks|concurrency|ttfc>
 * [ours|baseline|Axios|Fetch|FromFetch] [runs] [--quick]` (the peers exist for concurrency and ttfc). Warms up,
 * then records a CPU profile of `runs` runs with the inspector and writes `bench/<case>-<side>.cpuprofile`
 * (gitignored; open it in Chrome DevTools or VS Code), and prints the functions with the most self time.
 */
// First: the public entries then load from dist/ (see useDist.ts).
import './useDist';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { prepareConcurrency } from './cases/concurrency';
import { prepareThroughput } from './cases/throughput';
import { prepareTokenChunks } from './cases/tokenChunks';
import { prepareTtfc } from './cases/ttfc';
import type { Prepared } from './harness';

const PREPARE: Record<string, (quick: boolean) => Promise<Prepared>> = {
  throughput: prepareThroughput,
  tokenChunks: prepareTokenChunks,
  concurrency: prepareConcurrency,
  ttfc: () => prepareTtfc(),
};

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--quick');
  const quick = process.argv.includes('--quick');
  const [name = '', side = 'ours', runsArg] = args;
  const prepare = PREPARE[name];
  if (prepare === undefined) {
    throw new Error(
      `usage: profile.ts <${Object.keys(PREPARE).join('|')}> [ours|baseline|Axios|Fetch|FromFetch] [runs] [--quick]`,
    );
  }
  const runs = Number(runsArg ?? (name === 'ttfc' ? 500 : 5));
  const prepared = await prepare(quick);
  const work = { ...prepared.sides, ...prepared.peers }[side];
  if (work === undefined) throw new Error(`${name} has no side ${side}`);
  try {
    for (let i = 0; i < Math.max(2, Math.ceil(runs / 5)); i++) await work();
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
    const started = performance.now();
    for (let i = 0; i < runs; i++) await work();
    const ms = performance.now() - started;
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    const file = join(__dirname, `${name}-${side}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    process.stdout.write(`${name} ${side}: ${runs} runs in ${ms.toFixed(0)} ms → ${file}\n`);
    printTop(profile.nodes as ProfileNode[], profile.samples ?? []);
  } finally {
    await prepared.close();
  }
}

/** The 30 functions with the most self samples, by name and location. */
function printTop(nodes: readonly ProfileNode[], samples: readonly number[]): void {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  for (const id of samples) {
    const frame = byId.get(id)?.callFrame;
    if (frame === undefined) continue;
    const file = frame.url.replace(/^.*\/(node_modules|src|bench)\//, '$1/').replace(/^node:/, '');
    const key = `${frame.functionName || '(anonymous)'}  ${file}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + 1);
  }
  const total = samples.length;
  for (const [key, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    process.stdout.write(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${key}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
