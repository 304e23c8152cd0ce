/**
 * The cases, run by `npm run bench [-- --quick] [-- --only name[,name…]]` (bench/bench.ts builds first and
 * starts this file on that build). Runs the benchmark cases, prints the table, writes
 * `bench/results.json` and `bench/results.md` (not with `--quick` or `--only`, which only print). Always exits 0 when the cases ran (a missed floor is printed
 * as MISSED and recorded as `"pass": false`); exits 1 only when a case crashed.
 *
 * Restarts itself under `node --import tsx --expose-gc` when `gc()` is not available, so that every timed run
 * starts from a collected heap.
 */
// First: the public entries then load from dist/ (see useDist.ts).
import { benched } from './useDist';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bufferTextSentence } from './cases/bufferTextSentence';
import { cancellation } from './cases/cancellation';
import { concurrency } from './cases/concurrency';
import { corruption } from './cases/corruption';
import { memory } from './cases/memory';
import { eventParsing } from './cases/eventParsing';
import { openaiNode } from './cases/openaiNode';
import { operators } from './cases/operators';
import { sharePace } from './cases/sharePace';
import { streamJsonCase } from './cases/streamJson';
import { throughput } from './cases/throughput';
import { tokenChunks } from './cases/tokenChunks';
import { toolLoop } from './cases/toolLoop';
import { ttfc } from './cases/ttfc';
import { hasGc, table, type Case, type CaseContext, type Entry } from './harness';
import { BENCH_NODE_FLAGS } from './nodeFlags';

/** Case modules in run order, with the result entries each produces (for `--only`). */
const CASES: readonly { readonly name: string; readonly entries: readonly string[]; readonly run: Case }[] = [
  { name: 'operators', entries: operatorEntries(), run: operators },
  { name: 'bufferTextSentence', entries: ['bufferTextSentence'], run: bufferTextSentence },
  {
    name: 'sharePace',
    entries: ['shareText', 'paceTextBurst', 'paceTextBurstWarm', 'paceTextBurstAscii', 'paceTextStream'],
    run: sharePace,
  },
  { name: 'corruption', entries: ['corruption'], run: corruption },
  {
    name: 'ttfc',
    entries: ['ttfc', 'ttfcAxios', 'ttfcFetch', 'ttfcFromFetch', 'requestCpuAxios'],
    run: ttfc,
  },
  { name: 'cancellation', entries: ['cancelMedian', 'cancelP99'], run: cancellation },
  { name: 'throughput', entries: ['throughput'], run: throughput },
  { name: 'tokenChunks', entries: ['tokenChunks'], run: tokenChunks },
  {
    name: 'concurrency',
    entries: ['concurrency', 'concurrencyAxios', 'concurrencyFetch', 'concurrencyFromFetch'],
    run: concurrency,
  },
  { name: 'memory', entries: ['memory'], run: memory },
  {
    name: 'openaiNode',
    entries: ['openaiFirstDelta', 'openaiDeltas', 'openaiConcurrency'],
    run: openaiNode,
  },
  { name: 'eventParsing', entries: ['eventParsing', 'eventParsingOpenai'], run: eventParsing },
  { name: 'streamJson', entries: streamJsonEntries(), run: streamJsonCase },
  { name: 'toolLoop', entries: ['toolLoop'], run: toolLoop },
];

/** The order of `results.json` and of the table: the issue's. */
const ORDER = [
  'throughput',
  'tokenChunks',
  ...operatorEntries(),
  'bufferTextSentence',
  'shareText',
  'paceTextBurst',
  'paceTextBurstWarm',
  'paceTextBurstAscii',
  'paceTextStream',
  'ttfc',
  'ttfcAxios',
  'ttfcFetch',
  'ttfcFromFetch',
  'requestCpuAxios',
  'cancelMedian',
  'cancelP99',
  'memory',
  'concurrency',
  'concurrencyAxios',
  'concurrencyFetch',
  'concurrencyFromFetch',
  'corruption',
  'openaiFirstDelta',
  'openaiDeltas',
  'openaiConcurrency',
  'eventParsing',
  'eventParsingOpenai',
  ...streamJsonEntries(),
  'toolLoop',
];

function streamJsonEntries(): string[] {
  return [
    'streamJsonScaling1',
    'streamJsonScaling64',
    'streamJsonCodecScaling64',
    'streamJson64',
    'streamJson64AfterGc',
    'streamJson1',
    'streamJsonCodec64',
    'streamJsonPartials64',
    'streamparserJson64',
    'partialJsonPeer',
    'partialJsonPeerScaling',
  ];
}

function operatorEntries(): string[] {
  return [
    'decodeText',
    'bufferText',
    'accumulateText',
    'decodeTextScaling',
    'bufferTextScaling',
    'accumulateTextScaling',
  ];
}

function parseArgs(argv: readonly string[]): { quick: boolean; only: Set<string> | undefined } {
  let quick = false;
  let only: Set<string> | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--quick') quick = true;
    else if (arg === '--only' || arg.startsWith('--only=')) {
      const value = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (value === undefined || value === '') throw new Error('--only needs a case name');
      only = new Set([...(only ?? []), ...value.split(',')]);
    } else throw new Error(`unknown argument ${arg} (known: --quick, --only name[,name…])`);
  }
  return { quick, only };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (!hasGc && process.env['AIVVM_BENCH_CHILD'] === undefined) {
    // Same script, same arguments, with gc() exposed.
    const child = spawnSync(process.execPath, ['--import', 'tsx', ...BENCH_NODE_FLAGS, __filename, ...args], {
      stdio: 'inherit',
      env: { ...process.env, AIVVM_BENCH_CHILD: '1' },
    });
    return child.status ?? 1;
  }
  const { quick, only } = parseArgs(args);
  const selected = CASES.filter(
    (c) => only === undefined || only.has(c.name) || c.entries.some((name) => only.has(name)),
  );
  if (only !== undefined && selected.length === 0) {
    throw new Error(`--only: no case named ${[...only].join(', ')} (cases: ${ORDER.join(', ')})`);
  }
  const context: CaseContext = { quick, log: (message) => process.stderr.write(`  ${message}\n`) };
  const started = performance.now();
  const results: Record<string, Entry> = {};
  let crashed = false;
  for (const c of selected) {
    const caseStarted = performance.now();
    process.stderr.write(`${c.name}…\n`);
    try {
      Object.assign(results, await c.run(context));
    } catch (error) {
      crashed = true;
      process.stderr.write(`  ${c.name} CRASHED: ${String((error as Error).stack ?? error)}\n`);
    }
    process.stderr.write(`  (${((performance.now() - caseStarted) / 1000).toFixed(1)} s)\n`);
  }
  const ordered = Object.fromEntries(
    ORDER.filter((name) => results[name] !== undefined).map((name) => [name, results[name] as Entry]),
  );
  // The build bench/bench.ts ran first counts: "a full run stays under 5 minutes" is the command's time.
  const buildSeconds = Number(process.env['AIVVM_BENCH_BUILD_SECONDS'] ?? 0);
  const seconds = (performance.now() - started) / 1000 + buildSeconds;
  const command = `npm run bench${quick || only !== undefined ? ' --' : ''}${quick ? ' --quick' : ''}${
    only === undefined ? '' : ` --only ${[...only].join(',')}`
  }`;
  const missed = Object.entries(ordered).filter(([, e]) => !e.pass);
  const summary =
    (missed.length === 0
      ? `All ${Object.keys(ordered).length} floors pass.`
      : `MISSED ${missed.length} floor(s): ${missed.map(([name]) => name).join(', ')}`) +
    (quick
      ? ' (--quick: short runs, where JIT warm-up and timer resolution weigh more; the floors hold on full runs)'
      : '');
  const markdown = [
    `# aivvm-rx benchmark`,
    '',
    `\`${command}\` on ${new Date().toISOString()} (Node ${process.version}, ${process.platform}/${process.arch}, ` +
      `gc ${hasGc ? 'exposed' : 'not exposed'}, ${process.execArgv.includes('--no-concurrent-sweeping') ? 'sweeping on the main thread' : 'concurrent sweeping'}, ${seconds.toFixed(0)} s` +
      (buildSeconds > 0 ? ` including the ${buildSeconds.toFixed(0)} s build` : '') +
      '), on ' +
      (benched === 'dist'
        ? 'the built package (tsup’s JavaScript output, built first).'
        : 'the TypeScript sources through tsx (`AIVVM_BENCH_SOURCES=1`).') +
      ' Sides run interleaved in the same process, each side once per round, the order changing from round to round.' +
      ' A ratio with basis `cpu` is the median of the rounds’ ratios of CPU time, ours over the baseline’s (process' +
      ' user + system, `process.cpuUsage`), the ratio of the median wall times beside it; basis `wall` where the CPU time of a run is not ours alone. Every floor is an upper bound.',
    '',
    table(ordered),
    '',
    summary,
    '',
  ].join('\n');
  // A partial or quick run prints its figures but leaves the recorded results of the last full run alone.
  const record = only === undefined && !quick;
  if (record) {
    writeFileSync(join(__dirname, 'results.json'), `${JSON.stringify(ordered, null, 2)}\n`);
    const file = join(__dirname, 'results.md');
    // Formatted like the rest of the repository, so that `prettier --check .` stays clean.
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    writeFileSync(file, await prettier.format(markdown, { ...config, filepath: file }));
  }
  const written = record
    ? 'bench/results.json, bench/results.md'
    : `nothing written: ${quick ? '--quick' : '--only'}`;
  process.stdout.write(
    `\n${table(ordered)}\n\n${summary}\n(${seconds.toFixed(1)} s, ${benched === 'dist' ? 'dist/' : 'sources'}; ${written})\n`,
  );
  return crashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
