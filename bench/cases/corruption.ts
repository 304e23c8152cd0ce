/**
 * corruption: on the stream of case 2 (tokenChunks), the characters of the original text that do not come out
 * intact. Ours: `createCompletion` (streaming) joined. Baseline: the seed's approach, each received chunk
 * decoded on its own (`decode('utf-8')`, on error `decode('unicode-escape')`).
 */
import { lastValueFrom } from 'rxjs';
import { toText } from '../../src';
import { startAivvmServer } from '../../src/testing';
import { entry, type Case } from '../harness';
import { chatRequest, MESSAGES, MODEL, provider, rawResponse, seedDecode } from '../raw';
import { tokenAnswer } from './tokenChunks';

export const corruption: Case = async ({ quick, log }) => {
  const answer = tokenAnswer(quick);
  const server = await startAivvmServer({ reply: answer.reply });
  try {
    const ours = await lastValueFrom(
      provider(server.url).createCompletion(MODEL, MESSAGES, true).pipe(toText()),
    );
    const received = await rawChunks(server.url);
    const original = Buffer.from(answer.text, 'utf8');
    const seed = seedCorrupted(original, received);
    const oursCorrupted = corruptedChars(answer.text, ours);
    // Cross-check of the exact count with the generic one (a little lower: Latin-1 garbage such as « or »
    // can match a real character by chance).
    if (!quick) log(`corruption: seed by alignment ${corruptedChars(answer.text, seed.text)}`);
    log(
      `corruption: ours ${oursCorrupted}, seed ${seed.corrupted} (${seed.failedChunks}/${received.length} chunks fell back)`,
    );
    return {
      corruption: entry({
        value: oursCorrupted,
        unit: 'chars',
        ours: oursCorrupted,
        baseline: seed.corrupted,
        floor: 0,
        note: `${[...answer.text].length} code points in ${received.length} chunks; seed: ${seed.failedChunks} chunks fell back to unicode-escape`,
      }),
    };
  } finally {
    await server.close();
  }
};

/** The body's 'data' chunks as a bare `node:http` client receives them. */
async function rawChunks(url: string): Promise<Buffer[]> {
  const res = await rawResponse(chatRequest(url));
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve, reject) => {
    res.once('end', resolve);
    res.once('error', reject);
  });
  return chunks;
}

/**
 * Characters the seed corrupts, counted exactly: a chunk that is valid UTF-8 on its own comes out intact; one
 * that is not falls back to Latin-1, which keeps ASCII but mangles every non-ASCII character touching it.
 */
export function seedCorrupted(
  original: Uint8Array,
  chunks: readonly Uint8Array[],
): { corrupted: number; failedChunks: number; text: string } {
  const failed = new Uint8Array(original.length);
  let offset = 0;
  let failedChunks = 0;
  const decoded: string[] = [];
  for (const chunk of chunks) {
    const { text, failed: fellBack } = seedDecode(chunk);
    decoded.push(text);
    if (fellBack) {
      failedChunks++;
      failed.fill(1, offset, offset + chunk.byteLength);
    }
    offset += chunk.byteLength;
  }
  if (offset !== original.length)
    throw new Error(`corruption: received ${offset} bytes, sent ${original.length}`);
  let corrupted = 0;
  for (let i = 0; i < original.length;) {
    const lead = original[i] ?? 0;
    const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (length > 1 && failed.subarray(i, i + length).includes(1)) corrupted++;
    i += length;
  }
  return { corrupted, failedChunks, text: decoded.join('') };
}

/**
 * Characters (code points) of `original` missing from `got`: 0 when equal, else the code points left out of a
 * longest common subsequence, computed line by line (decoding errors never add or remove a newline).
 */
export function corruptedChars(original: string, got: string): number {
  if (original === got) return 0;
  const a = original.split('\n');
  const b = got.split('\n');
  if (a.length !== b.length) return lost([...original], [...got]);
  let corrupted = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) corrupted += lost([...x], [...y]);
  }
  return corrupted;
}

/** Elements of `a` outside a longest common subsequence with `b` (common prefix and suffix trimmed first). */
function lost(a: readonly string[], b: readonly string[]): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n === 0) return 0;
  if (m === 0 || n * m > 4e8) return n; // an upper bound when the difference is too big to align
  let previous = new Uint32Array(m + 1);
  let current = new Uint32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    const x = a[start + i - 1];
    for (let j = 1; j <= m; j++) {
      current[j] =
        x === b[start + j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return n - (previous[m] ?? 0);
}
