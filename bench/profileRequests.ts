/**
 * Per-request CPU cost of ours over plain axios (issue 21, point 3): `npx tsx bench/profileRequests.ts
 * <ours|axios> [requests] [--no-profile]`, after `npm run build` (the built package is measured, see useDist.ts).
 *
 * Sends `requests` (default 10 000) small streamed completions one after the other to an in-process
 * `startAivvmServer`: ours through `createAivvm({ transport: 'node' })`, the baseline through the default axios
 * instance (same global agent, same URL, headers and body, the stream read with a `TextDecoder`). Prints the
 * process CPU time per request (user + system, server included: it is the same work on both sides, so the
 * difference is our cost), then records a CPU profile of as many more requests (`bench/requests-<side>.cpuprofile`,
 * gitignored) and prints its self and inclusive time by group (our code, rxjs, fp-ts/io-ts, axios, node, the
 * test server) and the top functions. `summarise <file> <requests>` prints the summary of a saved profile;
 * `ab [requests]` interleaves the sides (see {@link ab}). `AIVVM_DIST_BEFORE=<dir>` runs ours from another build
 * (copy a previous commit's `dist/` there) to compare before and after a change under the same load.
 */
// First: the public entries then load from dist/ (see useDist.ts).
import './useDist';
import axios from 'axios';
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { startAivvmServer } from '../src/testing';
import { axiosPeer } from './peers';
import { chatRequest, MESSAGES, MODEL, provider } from './raw';

const TEXT = 'Привет! Hello, world.';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** The public entry's module type, for a build loaded from another directory (`AIVVM_DIST_BEFORE`). */
type Src = typeof import('../src');

/** The CommonJS build in `dir` (relative to the working directory), e.g. the previous commit's `dist/`. */
function loadBuild(dir: string): Src {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(process.cwd(), dir, 'index.js')) as Src;
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const [side = 'ours', countArg] = args;
  const count = Number(countArg ?? 10_000);
  if (side === 'ab') return ab(count, process.env['AIVVM_DIST_BEFORE']);
  if (side === 'summarise') {
    // `summarise <file.cpuprofile> <requests>`: the summary of a recorded profile, again.
    const recorded = JSON.parse(readFileSync(countArg ?? '', 'utf8')) as Profile;
    return summarise(recorded.nodes, recorded.samples ?? [], recorded.timeDeltas ?? [], Number(args[2]));
  }
  const profile = !process.argv.includes('--no-profile');
  const server = await startAivvmServer({ reply: { text: TEXT, chunkSize: 64 } });
  try {
    const before = process.env['AIVVM_DIST_BEFORE'];
    const built = before === undefined ? undefined : loadBuild(before);
    const run = makeRun(side, server.url, built?.createAivvm);
    for (let i = 0; i < Math.min(2_000, count); i++) await run();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < count; i++) await run();
    const cpu = process.cpuUsage(cpu0);
    const wall = performance.now() - t0;
    const usPerRequest = (cpu.user + cpu.system) / count;
    process.stdout.write(
      `${side}: ${count} requests, CPU ${usPerRequest.toFixed(1)} µs/request ` +
        `(user ${(cpu.user / count).toFixed(1)}, system ${(cpu.system / count).toFixed(1)}), ` +
        `wall ${((1000 * wall) / count).toFixed(1)} µs/request\n`,
    );
    if (!profile) return;
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 50 });
    await session.post('Profiler.start');
    for (let i = 0; i < count; i++) await run();
    const { profile: recorded } = await session.post('Profiler.stop');
    session.disconnect();
    const file = join(__dirname, `requests-${side}.cpuprofile`);
    writeFileSync(file, JSON.stringify(recorded));
    process.stdout.write(`profile → ${file}\n`);
    summarise(recorded.nodes as ProfileNode[], recorded.samples ?? [], recorded.timeDeltas ?? [], count);
  } finally {
    await server.close();
  }
}

/**
 * `ab [requests]`: ours and plain axios (and, with `AIVVM_DIST_BEFORE=<dir>`, ours from another build, e.g. the
 * previous commit's) in interleaved blocks of 250 requests, so a shared machine's load hits every side alike.
 * Prints each side's median CPU µs per request over the blocks and ours − axios.
 */
async function ab(count: number, before: string | undefined): Promise<void> {
  const server = await startAivvmServer({ reply: { text: TEXT, chunkSize: 64 } });
  try {
    const sides: Record<string, () => Promise<void>> = {
      ours: makeRun('ours', server.url),
      axios: makeRun('axios', server.url),
    };
    if (before !== undefined) {
      const built = loadBuild(before);
      sides['before'] = makeRun('ours', server.url, built.createAivvm);
    }
    const block = 250;
    const perBlock: Record<string, number[]> = {};
    for (const name of Object.keys(sides)) perBlock[name] = [];
    for (let done = -2 * block; done < count; done += block) {
      for (const [name, run] of Object.entries(sides)) {
        const cpu0 = process.cpuUsage();
        for (let i = 0; i < block; i++) await run();
        const cpu = process.cpuUsage(cpu0);
        if (done >= 0) perBlock[name]?.push((cpu.user + cpu.system) / block);
      }
    }
    const med = (values: readonly number[]): number => {
      const sorted = [...values].sort((x, y) => x - y);
      return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
    };
    for (const [name, values] of Object.entries(perBlock)) {
      const sorted = [...values].sort((x, y) => x - y);
      process.stdout.write(
        `${name.padEnd(7)} ${med(values).toFixed(1)} µs CPU/request (blocks ${sorted[0]?.toFixed(0)}–` +
          `${sorted[sorted.length - 1]?.toFixed(0)})\n`,
      );
    }
    const diffs = (name: string): number[] =>
      (perBlock[name] ?? []).map((value, i) => value - (perBlock['axios']?.[i] ?? Number.NaN));
    process.stdout.write(`ours − axios, median of paired blocks: ${med(diffs('ours')).toFixed(1)} µs\n`);
    if (before !== undefined)
      process.stdout.write(
        `before − axios, median of paired blocks: ${med(diffs('before')).toFixed(1)} µs\n`,
      );
  } finally {
    await server.close();
  }
}

function makeRun(side: string, url: string, create?: Src['createAivvm']): () => Promise<void> {
  if (side === 'ours') {
    const aivvm =
      create === undefined
        ? provider(url)
        : create({ baseURL: url, transport: 'node', maxResponseBytes: 2 ** 40 });
    return () =>
      new Promise((resolve, reject) => {
        let text = '';
        aivvm.createCompletion(MODEL, MESSAGES, true).subscribe({
          next: (chunk) => (text += chunk),
          error: reject,
          complete: () => (text === TEXT ? resolve() : reject(new Error(`ours: got ${text}`))),
        });
      });
  }
  if (side === 'axios') {
    const request = chatRequest(url);
    const peer = axiosPeer(axios);
    return async () => {
      const text = await peer.text(request);
      if (text !== TEXT) throw new Error(`axios: got ${text}`);
    };
  }
  throw new Error('usage: profileRequests.ts <ours|axios> [requests] [--no-profile]');
}

/** Which part of the process a frame belongs to. */
function groupOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  if (url.includes('/node_modules/axios/') || url.includes('/node_modules/follow-redirects/')) return 'axios';
  if (url.includes('/node_modules/rxjs/')) return 'rxjs';
  if (url.includes('/node_modules/fp-ts/') || url.includes('/node_modules/io-ts/')) return 'fp-ts/io-ts';
  if (url.includes('/node_modules/')) return 'other deps';
  if (url.includes('/dist/testing/') || url.includes('/src/testing/')) return 'test server';
  // `dist/`, `src/`, or another build of ours (`AIVVM_DIST_BEFORE`).
  if (/\/(dist|src)[^/]*\//.test(url)) return 'ours';
  if (url.includes('/bench/')) return 'bench';
  if (url.startsWith('node:')) return 'node';
  return 'other';
}

function keyOf(frame: CallFrame): string {
  const file = frame.url.replace(/^.*\/node_modules\/|^.*\/(?=(src|bench|dist)\/)/, '').replace(/^node:/, '');
  return `${frame.functionName || '(anonymous)'}  ${file}:${frame.lineNumber + 1}`;
}

/** Self and inclusive µs per request, by group and by function (sampled time, so approximate). */
function summarise(
  nodes: readonly ProfileNode[],
  samples: readonly number[],
  deltas: readonly number[],
  count: number,
): void {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfGroup = new Map<string, number>();
  const inclGroup = new Map<string, number>();
  const selfFn = new Map<string, number>();
  const inclFn = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number): void => {
    map.set(key, (map.get(key) ?? 0) + us);
  };
  let total = 0;
  samples.forEach((id, i) => {
    // The delta before sample i+1 is the time sample i stood for.
    const us = deltas[i + 1] ?? 0;
    const node = byId.get(id);
    if (node === undefined) return;
    total += us;
    add(selfGroup, groupOf(node.callFrame), us);
    add(selfFn, keyOf(node.callFrame), us);
    const groups = new Set<string>();
    const fns = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame === undefined) break;
      groups.add(groupOf(frame));
      fns.add(keyOf(frame));
    }
    for (const group of groups) add(inclGroup, group, us);
    for (const fn of fns) add(inclFn, fn, us);
  });
  const per = (us: number): string => (us / count).toFixed(1).padStart(7);
  process.stdout.write(
    `sampled ${per(total)} µs/request in all\n\ngroup            self µs/req  incl µs/req\n`,
  );
  for (const [group, us] of [...selfGroup].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`${group.padEnd(16)} ${per(us)}      ${per(inclGroup.get(group) ?? 0)}\n`);
  }
  process.stdout.write('\ntop self (µs/request)\n');
  for (const [key, us] of [...selfFn].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    process.stdout.write(`${per(us)}  ${key}\n`);
  }
  process.stdout.write('\ntop self, ours, rxjs and fp-ts/io-ts only (µs/request)\n');
  const ourSelf = [...selfFn].filter(([key]) => / {2}((dist|src)\/(?!testing)|rxjs|fp-ts|io-ts)/.test(key));
  for (const [key, us] of ourSelf.sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    process.stdout.write(`${per(us)}  ${key}\n`);
  }
  process.stdout.write('\ntop inclusive, ours and rxjs only (µs/request)\n');
  const ours = [...inclFn].filter(([key]) => / {2}((dist|src)\/(?!testing)|rxjs|fp-ts|io-ts)/.test(key));
  for (const [key, us] of ours.sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    process.stdout.write(`${per(us)}  ${key}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
