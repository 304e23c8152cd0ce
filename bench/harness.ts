/**
 * A tiny benchmark harness: statistics, interleaved timing, garbage collection, results and the table.
 *
 * Every figure that depends on the machine is a ratio against a baseline measured in the same process,
 * interleaved with ours (A B A B …), so that noise from other processes on the machine hits both sides alike.
 */

/** Options every case receives. */
export interface CaseContext {
  /** Smaller inputs and fewer repeats (the whole `--quick` run stays under 45 s). */
  readonly quick: boolean;
  /** Progress lines go to stderr, so stdout keeps only the table. */
  log(message: string): void;
}

/** One line of `bench/results.json`. `value` is the figure the floor applies to (always `value ≤ floor`). */
export interface Entry {
  readonly value: number;
  readonly unit: string;
  readonly ours?: number;
  readonly baseline?: number;
  /** Fastest and slowest run of each side (same unit as `ours` / `baseline`), when the case keeps them. */
  readonly oursRange?: readonly [number, number];
  readonly baselineRange?: readonly [number, number];
  /** The unit of `ours` and `baseline` when it differs from `unit` (e.g. ns/chunk next to a ratio). */
  readonly detailUnit?: string;
  /** The upper bound `value` must not exceed; `null` for a figure that is only reported. */
  readonly floor: number | null;
  readonly pass: boolean;
  /** Median CPU time of ours over the baseline's (process user + system time), next to a wall-time ratio. */
  readonly cpuRatio?: number;
  /** Median wall time of ours over the baseline's, when `value` is the CPU ratio. */
  readonly wallRatio?: number;
  /** Fastest and slowest run's CPU time of each side, in ms. */
  readonly oursCpuRange?: readonly [number, number];
  readonly baselineCpuRange?: readonly [number, number];
  /** What `value` is the ratio of: CPU time (the floors' basis, steadier on a shared machine) or wall time. */
  readonly basis?: 'cpu' | 'wall';
  /** How the figure was obtained (sizes, repeats), for the table. */
  readonly note?: string;
}

/** A case module: runs and returns one or more named entries. */
export type Case = (context: CaseContext) => Promise<Record<string, Entry>>;

/** Builds an entry whose floor is an upper bound. */
export function entry(fields: Omit<Entry, 'pass'>): Entry {
  return { ...fields, pass: fields.floor === null || fields.value <= fields.floor };
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Linear-interpolated percentile (`p` in 0…100) of a non-empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (rank - low);
}

const gcFunction = (globalThis as { gc?: () => void }).gc;

/** Runs a full garbage collection when node was started with `--expose-gc`. */
export function collectGarbage(): void {
  gcFunction?.();
}

export const hasGc = gcFunction !== undefined;

/** Samples of the sides of an interleaved measurement, by side. */
export type Samples<K extends string> = Record<K, number[]>;

/** What {@link interleave} measured: per run, the wall time (or the returned figure) and the process CPU time. */
export interface Measured<K extends string> {
  /** Milliseconds of wall time per run, or what the side returned with `measure: 'returned'`. */
  readonly time: Samples<K>;
  /**
   * Milliseconds of CPU time (user + system, all threads) of this process per run: less sensitive than wall
   * time to other processes on a shared machine (the local server runs in this process too, for both sides).
   */
  readonly cpu: Samples<K>;
}

/** The strides 1 … n − 1 coprime with n (each visits every index once): `[1]` for n ≤ 2. */
function coprimeStrides(n: number): number[] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const strides = Array.from({ length: Math.max(0, n - 1) }, (_, i) => i + 1).filter((s) => gcd(s, n) === 1);
  return strides.length === 0 ? [1] : strides;
}

/**
 * Interleaves the sides: `warmup` untimed rounds, then `repeats` rounds of A B, B A … (each side once per round),
 * with a garbage collection before each run. A side may return its own measurement
 * (a number, with `measure: 'returned'`) instead of being timed as a whole, e.g. a time to first chunk.
 *
 * The order varies from round to round unless `mix: false` (every stride coprime with n, from every start: A B C D E,
 * A C E B D, …), so that each side runs after each other and at each position equally often: with five HTTP
 * clients in one fixed order, ours (first, after `fromFetch` and `fetch`) lost 0.3–0.4 ms to plain axios (after
 * `node:http`) for its place alone; in other fixed orders it won by 0.15 ms (issue 21, bench/ttfcOrder.ts).
 */
export async function interleave<K extends string>(
  sides: Record<K, () => Promise<unknown> | unknown>,
  options: { repeats: number; warmup: number; measure?: 'time' | 'returned'; gc?: boolean; mix?: boolean },
): Promise<Measured<K>> {
  const names = Object.keys(sides) as K[];
  const empty = (): Samples<K> =>
    Object.fromEntries(names.map((name) => [name, [] as number[]])) as Samples<K>;
  const time = empty();
  const cpu = empty();
  const gc = options.gc ?? true;
  for (let round = 0; round < options.warmup + options.repeats; round++) {
    const n = names.length;
    const mix = options.mix !== false;
    const strides = mix ? coprimeStrides(n) : [1];
    const stride = strides[round % strides.length] ?? 1;
    const first = mix ? Math.floor(round / strides.length) % n : 0;
    for (let index = 0; index < n; index++) {
      const name = names[(first + index * stride) % n] as K;
      const work = sides[name];
      if (gc) collectGarbage();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const returned = await work();
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(cpuBefore);
      if (round < options.warmup) continue;
      time[name].push(options.measure === 'returned' ? Number(returned) : elapsed);
      cpu[name].push((used.user + used.system) / 1000);
    }
  }
  return { time, cpu };
}

/**
 * A throughput-like case: interleaved runs of both sides, value = median time ratio (ours / baseline), with the
 * CPU-time ratio alongside.
 */
export async function compareSides(
  name: string,
  prepared: Prepared,
  options: { repeats: number; warmup: number; floor: number; log: (message: string) => void; per?: Per },
): Promise<Entry> {
  const measured = await interleave(prepared.sides, options);
  logSamples(name, measured, options.log);
  return against(measured, 'baseline', {
    floor: options.floor,
    note: prepared.note,
    ...(options.per === undefined ? {} : { per: options.per }),
  });
}

/** Prints every side's runs (wall and CPU ms) to the progress log. */
export function logSamples<K extends string>(
  name: string,
  { time, cpu }: Measured<K>,
  log: (message: string) => void,
): void {
  const list = (values: readonly number[]): string => values.map((v) => v.toFixed(0)).join(' ');
  for (const side of Object.keys(time) as K[]) {
    log(`${name}: ${side} ${list(time[side])} ms (cpu ${list(cpu[side])})`);
  }
}

export function range(values: readonly number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/**
 * One row of an interleaved measurement: `ours` against the side `peer`. With `compare: 'ratio'` (default) the
 * value is the median of the rounds' CPU-time ratios ({@link pairedRatio}; the floor's basis: process CPU time
 * moves less than wall time when other processes share the machine), the wall-time ratio beside it; with `cpu: false` (the CPU time of a run is
 * not ours alone) the wall-time ratio. `'difference'` gives the median of the per-round differences in ms
 * (latencies: a round's noise hits both of its runs, and cancels).
 * Both sides' spreads are kept.
 */
export function against<K extends string>(
  { time, cpu }: Measured<K | 'ours'>,
  peer: K,
  options: {
    floor: number | null;
    note: string;
    compare?: 'ratio' | 'difference';
    cpu?: boolean;
    /** Adds the CPU time over the peer per request (in µs) or per chunk (in ns) to the note. */
    per?: Per;
  },
): Entry {
  const ours = median(time.ours);
  const baseline = median(time[peer]);
  const difference = options.compare === 'difference';
  // Run i of each side is in round i: the median of the rounds' differences drops what hit a whole round.
  const paired = difference ? median(pairedDifferences(time.ours, time[peer])) : Number.NaN;
  const withCpu = options.cpu !== false;
  const cpuRatio = pairedRatio(cpu.ours, cpu[peer]);
  const onCpu = withCpu && !difference;
  return entry({
    value: difference ? paired : onCpu ? cpuRatio : ours / baseline,
    unit: difference ? 'ms' : 'ratio',
    ours,
    baseline,
    oursRange: range(time.ours),
    baselineRange: range(time[peer]),
    detailUnit: 'ms',
    floor: options.floor,
    basis: onCpu ? 'cpu' : 'wall',
    ...(withCpu
      ? {
          cpuRatio,
          wallRatio: ours / baseline,
          oursCpuRange: range(cpu.ours),
          baselineCpuRange: range(cpu[peer]),
        }
      : {}),
    note: difference
      ? `${options.note}, median of the ${time.ours.length} rounds' differences (medians: ours ${fmt(ours)}, peer ${fmt(baseline)})`
      : `${options.note}, median of ${time.ours.length}${perNote(cpu.ours, cpu[peer], options.per)}`,
  });
}

/** How many requests or chunks a run is, to report CPU time over a peer per request (µs) or per chunk (ns). */
export interface Per {
  readonly count: number;
  readonly unit: 'request' | 'chunk';
}

/** `; CPU over the peer: +12 µs per request` (median CPU of ours − the peer's, over `per.count`). */
function perNote(ours: readonly number[], peer: readonly number[], per: Per | undefined): string {
  if (per === undefined || ours.length === 0) return '';
  const overMs = median(ours) - median(peer);
  const value = per.unit === 'request' ? (overMs * 1e3) / per.count : (overMs * 1e6) / per.count;
  const sign = value >= 0 ? '+' : '−';
  return `; CPU over the peer ${sign}${fmt(Math.abs(value))} ${per.unit === 'request' ? 'µs' : 'ns'} per ${per.unit}`;
}

/**
 * The median of the rounds' ratios `ours[i] / peer[i]` (both sides ran once per round, back to back). On a shared
 * virtual machine the CPU time of the same run moves by ±30 % over seconds (neighbours, steal): a round's two
 * runs share that phase, so their ratio keeps less of it than the ratio of two medians taken across phases.
 */
export function pairedRatio(ours: readonly number[], peer: readonly number[]): number {
  if (ours.length !== peer.length)
    throw new Error(`paired samples of ${ours.length} and ${peer.length} runs`);
  return median(ours.map((value, i) => value / (peer[i] ?? Number.NaN)));
}

/** `ours[i] − peer[i]` for each round `i` (both sides ran once per round). */
export function pairedDifferences(ours: readonly number[], peer: readonly number[]): number[] {
  if (ours.length !== peer.length)
    throw new Error(`paired samples of ${ours.length} and ${peer.length} runs`);
  return ours.map((value, i) => value - (peer[i] ?? Number.NaN));
}

/**
 * Checks a side's output: in full for the first `full` calls (the warm-up), then only its length, so that
 * comparing long strings does not dilute the timed runs.
 */
export function checker(name: string, expected: string, full = 2): (got: string) => void {
  let calls = 0;
  return (got) => {
    const ok = calls++ < full ? got === expected : got.length === expected.length;
    if (!ok) throw new Error(`${name}: wrong text (${got.length} chars, expected ${expected.length})`);
  };
}

/** Formats a number for the table: 3 significant digits, thousands kept whole. */
export function fmt(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toString();
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** The results as a Markdown table (also printed to stdout). */
export function table(results: Record<string, Entry>): string {
  const header = [
    'case',
    'value',
    'unit',
    'basis',
    'floor',
    'status',
    'cpu ratio',
    'cpu ms min–max (ours / baseline)',
    'wall ratio',
    'ours',
    'baseline',
    'wall min–max',
    'detail',
  ];
  const spread = (r: readonly [number, number] | undefined): string =>
    r === undefined ? '–' : `${fmt(r[0])}–${fmt(r[1])}`;
  const rows = Object.entries(results).map(([name, e]) => [
    name,
    fmt(e.value),
    e.unit,
    e.basis ?? (e.unit === 'ratio' ? 'wall' : '–'),
    e.floor === null ? '–' : `≤ ${fmt(e.floor)}`,
    e.floor === null ? 'report' : e.pass ? 'pass' : '**MISSED**',
    e.cpuRatio === undefined ? '–' : fmt(e.cpuRatio),
    e.oursCpuRange === undefined ? '–' : `${spread(e.oursCpuRange)} / ${spread(e.baselineCpuRange)}`,
    e.wallRatio === undefined ? (e.basis === 'wall' ? fmt(e.value) : '–') : fmt(e.wallRatio),
    fmt(e.ours),
    fmt(e.baseline),
    e.oursRange === undefined && e.baselineRange === undefined
      ? '–'
      : `${spread(e.oursRange)} / ${spread(e.baselineRange)}`,
    [e.detailUnit === undefined ? '' : `ours/baseline in ${e.detailUnit}`, e.note ?? '']
      .filter((s) => s !== '')
      .join('; '),
  ]);
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

/** Waits for the event loop to go around once (lets sockets close, timers fire). */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The peers of the concurrency and ttfc cases (see `bench/peers.ts`). */
export type PeerName = 'Axios' | 'Fetch' | 'FromFetch';

/** A case's two sides, ready to run (on a server of their own), for the case itself and `bench/profile.ts`. */
export interface Prepared {
  readonly sides: { readonly ours: () => Promise<unknown>; readonly baseline: () => Promise<unknown> };
  /** Peers measured in the same interleaved runs, by row suffix (plain axios, `fetch`, `fromFetch`). */
  readonly peers?: Readonly<Record<PeerName, () => Promise<unknown>>>;
  /** What is measured, for the table. */
  readonly note: string;
  close(): Promise<void>;
}

/** A {@link Prepared} case with its peers. */
export type WithPeers = Prepared & { readonly peers: Readonly<Record<PeerName, () => Promise<unknown>>> };
