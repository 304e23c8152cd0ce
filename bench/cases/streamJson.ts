/**
 * streamJson in CPU time, with `partials: false` (items and done only): 1 MB of JSON (a list of records as a model
 * writes them, escapes and non-ASCII included) in 1-character and in 64-character chunks.
 * - Linear time: 8× the input (1 MB against 8 × 128 kB) must cost ≤ 10× the CPU (linear is 8×, re-parsing the
 *   prefix at each chunk 64×).
 * - In 64-character chunks the whole stream must cost ≤ 10× one `JSON.parse` of the whole text.
 * Runs are not preceded by a forced garbage collection (unlike the other cases): right after `gc()` V8 starts from a
 * small heap and has not yet learnt to allocate the long-lived tree in the old generation, so every young-generation
 * collection copies all of it, while `JSON.parse` allocates large documents there from the start (measured: our
 * 1 MB parse 13 ms CPU in a warm process, 50–70 ms right after `gc()`; `JSON.parse` 3 ms either way). The figure
 * after `gc()` is reported as `streamJson64AfterGc`.
 * Reported beside them: 1-character chunks against `JSON.parse`; the default `partials: 'chunk'` (each partial
 * copies the open arrays on its path: here the 1 MB list, so quadratic on purpose of showing it); the package
 * `@streamparser/json` (its JSONParser, no partials) on the same input; and the peers' way, `partial-json`
 * re-parsing the whole prefix at each chunk, on a smaller input (1 MB would take minutes) with its own scaling.
 */
import * as t from 'io-ts';
import { from } from 'rxjs';
import { JSONParser } from '@streamparser/json';
import { parse as parsePartialJson } from 'partial-json';
import { streamJson, type PartialsMode } from '../../src';
import { entry, interleave, median, type Case, type Entry } from '../harness';

const Product = t.type({
  id: t.number,
  name: t.string,
  price: t.number,
  inStock: t.boolean,
  tags: t.array(t.string),
  description: t.string,
  rating: t.union([t.number, t.null]),
});
const Catalogue = t.type({ title: t.string, records: t.array(Product) });

/** JSON text of about `chars` characters: records with short strings, numbers, escapes, CJK, emoji, nulls. */
export function recordsJson(chars: number): string {
  const records: t.TypeOf<typeof Product>[] = [];
  // The text is `{"title":"Catalogue","records":[…]}`: its length grows by each record's and a comma.
  for (let id = 0, length = 34; length < chars; id++) {
    const record = {
      id,
      name: `Product ${id} — Ünïcödé ${['😀', '商品', 'товар', ''][id % 4] ?? ''}`,
      price: Math.round(id * 1379) / 100,
      inStock: id % 3 !== 0,
      tags: ['new', 'sale', 'eco'].slice(0, id % 4),
      description: `Line one of ${id}.\nLine "two" with a tab\there.`,
      rating: id % 5 === 0 ? null : (id % 50) / 10,
    };
    records.push(record);
    length += JSON.stringify(record).length + 1;
  }
  return JSON.stringify({ title: 'Catalogue', records });
}

function chunked(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

/** Runs streamJson over the chunks, each record decoded as an item: how many were valid, and the whole value. */
function ours(
  chunks: readonly string[],
  partials: PartialsMode = false,
): { decoded: number; value: unknown } {
  let decoded = 0;
  let value: unknown;
  from(chunks)
    .pipe(streamJson(Catalogue, { items: ['records'], partials }))
    .subscribe((event) => {
      if (event.type === 'item' && event.value._tag === 'Right') decoded++;
      if (event.type === 'done') value = event.value;
    });
  return { decoded, value };
}

/** streamJson as a parser only (`t.unknown`, no items, no partials): what JSON.parse does. */
function parseOnly(chunks: readonly string[]): unknown {
  let value: unknown;
  from(chunks)
    .pipe(streamJson(t.unknown, { partials: false }))
    .subscribe((event) => {
      if (event.type === 'done') value = event.value;
    });
  return value;
}

function streamparser(chunks: readonly string[]): number {
  const parser = new JSONParser({ paths: ['$.records.*'] });
  let values = 0;
  parser.onValue = () => values++;
  for (const chunk of chunks) parser.write(chunk);
  return values;
}

function partialJson(chunks: readonly string[]): unknown {
  let prefix = '';
  let value: unknown;
  for (const chunk of chunks) {
    prefix += chunk;
    value = parsePartialJson(prefix);
  }
  return value;
}

const cpuMedian = (samples: readonly number[]): number => median(samples);

export const streamJsonCase: Case = async ({ quick, log }) => {
  const repeats = quick ? 5 : 7;
  const warmup = quick ? 1 : 2;
  // --quick: 200 kB and 25 kB (the same 8×), so that the whole quick run stays under a minute.
  const big = recordsJson(quick ? 200_000 : 1_000_000);
  const small = recordsJson(quick ? 25_000 : 125_000);
  const recordCount = (JSON.parse(big) as { records: unknown[] }).records.length;
  const smallCount = (JSON.parse(small) as { records: unknown[] }).records.length;
  log(`streamJson: ${big.length} characters (${recordCount} records), small ${small.length} (${smallCount})`);
  const big1 = chunked(big, 1);
  const big64 = chunked(big, 64);
  const small1 = chunked(small, 1);
  const small64 = chunked(small, 64);
  // Checked once, untimed: every record decoded.
  if (
    ours(big64).decoded !== recordCount ||
    ours(big1).decoded !== recordCount ||
    ours(small64).decoded !== smallCount
  )
    throw new Error('streamJson: not every record was decoded');
  // The small side runs 8 times per timed run, keeping its 8 values until the end: both sides then read the same
  // number of characters and hold as much memory (else the 8 small values die young, and cost the collector less).
  const times = Math.round(big.length / small.length);

  const results: Record<string, Entry> = {};
  const scaling = async (
    name: string,
    run: (chunks: readonly string[]) => unknown,
    chunks: { big: string[]; small: string[] },
    floor: number | null,
    what: string,
  ) => {
    const { cpu } = await interleave(
      {
        n: () => Array.from({ length: times }, () => run(chunks.small)),
        eight: () => run(chunks.big),
      },
      { repeats, warmup, gc: false },
    );
    const perSmall = cpuMedian(cpu.n) / times;
    const value = cpuMedian(cpu.eight) / perSmall;
    log(
      `${name}: 8N ${cpuMedian(cpu.eight).toFixed(1)} ms CPU, N ${perSmall.toFixed(2)} ms → ${value.toFixed(2)}×`,
    );
    results[name] = entry({
      value,
      unit: 't(8N)/t(N)',
      ours: cpuMedian(cpu.eight),
      baseline: perSmall,
      detailUnit: 'ms CPU for 8N / N',
      floor,
      note: `${what}; N = ${small.length} chars (${times} runs per sample), 8N = ${big.length}, median of ${repeats}`,
    });
  };
  const parser = 't.unknown, partials: false';
  await scaling(
    'streamJsonScaling1',
    parseOnly,
    { big: big1, small: small1 },
    10,
    `1-char chunks, ${parser}`,
  );
  await scaling(
    'streamJsonScaling64',
    parseOnly,
    { big: big64, small: small64 },
    10,
    `64-char chunks, ${parser}`,
  );
  // With the codec: io-ts' decoding of the 5 660 records (twice: each as an item, then the whole) is linear too, but
  // its garbage costs the collector more beside a 1 MB tree than beside a 125 kB one.
  await scaling(
    'streamJsonCodecScaling64',
    ours,
    { big: big64, small: small64 },
    null,
    '64-char chunks, each record decoded as an item and the whole at the end, partials: false',
  );

  // Against JSON.parse of the whole text (10 parses per timed run: one takes a few ms).
  const parses = 10;
  const { cpu } = await interleave(
    {
      parse64: () => parseOnly(big64),
      parse1: () => parseOnly(big1),
      codec64: () => ours(big64),
      partials64: () => ours(big64, 'chunk'),
      streamparser64: () => streamparser(big64),
      parse: () => {
        for (let i = 0; i < parses; i++) JSON.parse(big);
      },
      parseDecode: () => Catalogue.decode(JSON.parse(big)),
    },
    { repeats, warmup, gc: false },
  );
  const afterGc = await interleave(
    {
      parse64: () => parseOnly(big64),
      parse: () => {
        for (let i = 0; i < parses; i++) JSON.parse(big);
      },
    },
    { repeats, warmup },
  );
  const parse = cpuMedian(cpu.parse) / parses;
  const vs = (name: string, side: keyof typeof cpu, baseline: number, floor: number | null, note: string) => {
    const value = cpuMedian(cpu[side]) / baseline;
    log(
      `${name}: ${cpuMedian(cpu[side]).toFixed(1)} ms CPU / ${baseline.toFixed(2)} ms → ${value.toFixed(2)}×`,
    );
    results[name] = entry({
      value,
      unit: 'ratio',
      ours: cpuMedian(cpu[side]),
      baseline,
      detailUnit: 'ms CPU',
      floor,
      note: `${note}; ${big.length} chars, median of ${repeats}`,
    });
  };
  const whole = 'vs one JSON.parse of the whole text';
  vs('streamJson64', 'parse64', parse, 10, `64-char chunks, t.unknown, partials: false, ${whole}`);
  vs('streamJson1', 'parse1', parse, null, `1-char chunks, t.unknown, partials: false, ${whole}`);
  vs(
    'streamJsonCodec64',
    'codec64',
    cpuMedian(cpu.parseDecode),
    null,
    '64-char chunks, partials: false, each record decoded as an item and the whole at the end, vs JSON.parse + one decode',
  );
  vs(
    'streamJsonPartials64',
    'partials64',
    cpuMedian(cpu.parseDecode),
    null,
    "as streamJsonCodec64 with partials: 'chunk' (a partial per chunk copies the open 1 MB list)",
  );
  vs(
    'streamparserJson64',
    'streamparser64',
    parse,
    null,
    `@streamparser/json JSONParser, 64-char chunks, ${whole}`,
  );
  const oursAfterGc = cpuMedian(afterGc.cpu.parse64);
  const parseAfterGc = cpuMedian(afterGc.cpu.parse) / parses;
  log(`streamJson64AfterGc: ${oursAfterGc.toFixed(1)} ms CPU / ${parseAfterGc.toFixed(2)} ms`);
  results['streamJson64AfterGc'] = entry({
    value: oursAfterGc / parseAfterGc,
    unit: 'ratio',
    ours: oursAfterGc,
    baseline: parseAfterGc,
    detailUnit: 'ms CPU',
    floor: null,
    note: `as streamJson64, each run right after a forced gc(), median of ${repeats}`,
  });

  // The peers' way: re-parse the whole prefix at each chunk. Quadratic, so on a smaller input.
  const peerN = quick ? 4_000 : 8_000;
  const peerSmall = chunked(recordsJson(peerN), 64);
  const peerBig = chunked(recordsJson(8 * peerN), 64);
  const peer = await interleave(
    {
      ours: () => ours(peerBig),
      partialJson: () => partialJson(peerBig),
      partialJsonN: () => partialJson(peerSmall),
    },
    { repeats: quick ? 1 : 3, warmup: 1, gc: false },
  );
  const peerTime = cpuMedian(peer.cpu.partialJson);
  const oursTime = cpuMedian(peer.cpu.ours);
  log(`partial-json: ${peerTime.toFixed(0)} ms CPU vs ours ${oursTime.toFixed(2)} ms on ${8 * peerN} chars`);
  results['partialJsonPeer'] = entry({
    value: peerTime / oursTime,
    unit: 'ratio',
    ours: peerTime,
    baseline: oursTime,
    detailUnit: 'ms CPU, partial-json / ours',
    floor: null,
    note: `partial-json parse(prefix) per chunk vs streamJson (partials: false); ${8 * peerN} chars in 64-char chunks`,
  });
  results['partialJsonPeerScaling'] = entry({
    value: peerTime / cpuMedian(peer.cpu.partialJsonN),
    unit: 't(8N)/t(N)',
    ours: peerTime,
    baseline: cpuMedian(peer.cpu.partialJsonN),
    detailUnit: 'ms CPU for 8N / N',
    floor: null,
    note: `partial-json re-parsing per chunk; N = ${peerN} chars in 64-char chunks (linear is 8, quadratic 64)`,
  });
  return results;
};
