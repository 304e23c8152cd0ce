/**
 * The README's performance tables, made from `bench/results.json` (the last full `npm run bench`), so that the
 * figures a reader sees are the ones measured: `npx tsx bench/readmeTables.ts` rewrites the part of README.md
 * between the `bench:tables` markers; `--check` only says whether it is current (spec/perf/readmeTables.spec.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Entry } from './harness';

export const START =
  '<!-- bench:tables (made by `npx tsx bench/readmeTables.ts` from bench/results.json) -->';
export const END = '<!-- /bench:tables -->';

/** Two significant digits for ratios, three for times: what the run-to-run spread allows. */
function num(value: number | undefined, digits = 2): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits);
}

function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function signed(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)} ms`;
}

function floor(e: Entry | undefined): string {
  if (e === undefined || e.floor === null) return '–';
  return `≤ ${e.unit === 'ms' ? `+${e.floor.toFixed(2)} ms` : e.floor.toFixed(2)}${e.pass ? '' : ' (missed)'}`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The tables, from the results of a full run. */
export function readmeTables(results: Readonly<Record<string, Entry>>): string {
  const r = (name: string): Entry | undefined => results[name];
  const ratioRow = (label: string, name: string): string[] => {
    const e = r(name);
    return [label, num(e?.cpuRatio), num(e?.wallRatio), floor(e)];
  };
  const peers = table(
    [
      '500 × 64 KiB completions at once, one keep-alive agent',
      'aivvm-rx / it, CPU',
      'aivvm-rx / it, time',
      'floor',
    ],
    [
      ratioRow('bare `node:http` + `TextDecoder`', 'concurrency'),
      ratioRow('plain axios stream + `TextDecoder` (same instance)', 'concurrencyAxios'),
      ratioRow('`fetch` + `TextDecoderStream`', 'concurrencyFetch'),
      ratioRow('RxJS `fromFetch` + `TextDecoderStream`', 'concurrencyFromFetch'),
    ],
  );
  const ttfcRow = (label: string, name: string): string[] => {
    const e = r(name);
    return [label, ms(e?.baseline), signed(e?.value), floor(e)];
  };
  const ttfc = table(
    ['time to first chunk (27-byte answer)', 'median ms', 'aivvm-rx − it (median of rounds)', 'floor'],
    [
      ['**aivvm-rx**', ms(r('ttfc')?.ours), '0', '–'],
      ttfcRow('bare `node:http`', 'ttfc'),
      ttfcRow('plain axios stream', 'ttfcAxios'),
      ttfcRow('`fetch` + `TextDecoderStream`', 'ttfcFetch'),
      ttfcRow('RxJS `fromFetch`', 'ttfcFromFetch'),
    ],
  );
  const first = r('openaiFirstDelta');
  const openai = table(
    [
      'against openai-node 6 (OpenAI SSE)',
      'aivvm-rx / openai-node, CPU',
      'aivvm-rx / openai-node, time',
      'floor',
    ],
    [
      ['time to first delta', '–', num(first?.value), floor(first)],
      ratioRow(`${countIn(r('openaiDeltas'), 'deltas')} one-character deltas in one stream`, 'openaiDeltas'),
      ratioRow('500 streams at once', 'openaiConcurrency'),
      ratioRow('reading events (text and reasoning), in memory', 'eventParsingOpenai'),
      ratioRow('a 5-step streamed tool loop (`runTools`)', 'toolLoop'),
    ],
  );
  const raw = table(
    ['against a hand-written equivalent', 'aivvm-rx / it, CPU', 'aivvm-rx / it, time', 'floor'],
    [
      ratioRow('64 MiB answer vs `node:http` + `TextDecoder`', 'throughput'),
      ratioRow(`${countIn(r('tokenChunks'), 'chunks')} chunks of 1–12 bytes vs \`node:http\``, 'tokenChunks'),
      ratioRow('`decodeText()` vs a `TextDecoder` loop', 'decodeText'),
      ratioRow('`paceText()` burst of multilingual chunks vs `map`', 'paceTextBurst'),
      ratioRow('the same burst, warm (no `gc()` between runs)', 'paceTextBurstWarm'),
      ratioRow('events (reasoning too) vs the text-only path', 'eventParsing'),
    ],
  );
  const cpuPerRequest = r('requestCpuAxios');
  const parts = [START, peers, ttfc, openai, raw];
  if (cpuPerRequest !== undefined) {
    const value = Math.abs(cpuPerRequest.value).toFixed(0);
    parts.push(
      `CPU per request over plain axios (same request, same agent): ${cpuPerRequest.value >= 0 ? '+' : '−'}${value} µs ` +
        "(the median of the rounds' differences in the time-to-first-chunk runs).",
    );
  }
  return `${parts.join('\n\n')}\n\n${END}`;
}

/** The number before `word` in a row's note (`100000 chunks` → `100 000`), or '' when the note has none. */
function countIn(e: Entry | undefined, word: string): string {
  const count = new RegExp(`(\\d+) ${word}`).exec(e?.note ?? '')?.[1];
  return count === undefined ? '' : Number(count).toLocaleString('en-US').replace(/,/g, ' ');
}

/** README.md with its tables replaced by those of `results`. */
export function withTables(readme: string, results: Readonly<Record<string, Entry>>): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(`README.md: the markers ${START} … ${END} are missing`);
  }
  return readme.slice(0, start) + readmeTables(results) + readme.slice(end + END.length);
}

export const README = join(__dirname, '..', 'README.md');
export const RESULTS = join(__dirname, 'results.json');

function main(): number {
  const readme = readFileSync(README, 'utf8');
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, Entry>;
  const updated = withTables(readme, results);
  if (process.argv.includes('--check')) {
    if (updated === readme) return 0;
    process.stderr.write(
      'README.md: the performance tables differ from bench/results.json: run `npx tsx bench/readmeTables.ts`\n',
    );
    return 1;
  }
  writeFileSync(README, updated);
  process.stdout.write(
    updated === readme ? 'README.md: tables already current\n' : 'README.md: tables updated\n',
  );
  return 0;
}

if (require.main === module) process.exit(main());
