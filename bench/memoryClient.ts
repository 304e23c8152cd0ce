/**
 * The client side of the memory case, run in a child process of its own (`node --import tsx --expose-gc`), so
 * its RSS holds nothing but the client: reads `chars` characters of an endless answer without keeping them, and
 * prints `{ peakGrowthMiB, chars, ms }` as JSON on stdout.
 *
 * Usage: memoryClient.ts <baseURL> <ours|raw> <chars>
 */
import { MiB } from './data';
import { chatRequest, MESSAGES, MODEL, provider, rawResponse } from './raw';

async function main(): Promise<void> {
  const [url, mode, charsArg] = process.argv.slice(2);
  const target = Number(charsArg);
  if (url === undefined || (mode !== 'ours' && mode !== 'raw') || !(target > 0)) {
    throw new Error('usage: memoryClient.ts <baseURL> <ours|raw> <chars>');
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('memoryClient.ts needs --expose-gc');
  const aivvm = provider(url);
  const request = chatRequest(url);
  // Load every module and warm the code paths with a tiny read first, so the growth is the stream's, not the
  // code's.
  await (mode === 'ours' ? readOurs(aivvm, 1) : readRaw(request, 1));
  gc();
  gc();
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = (): void => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  const chars = await (mode === 'ours' ? readOurs(aivvm, target, sample) : readRaw(request, target, sample));
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  process.stdout.write(`${JSON.stringify({ peakGrowthMiB: (peak - before) / MiB, chars, ms })}\n`);
}

/** Counts characters of our streaming completion, unsubscribing once `target` is reached. */
function readOurs(aivvm: ReturnType<typeof provider>, target: number, sample?: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    let chars = 0;
    let chunks = 0;
    let done = false;
    const subscription = aivvm.createCompletion(MODEL, MESSAGES, true).subscribe({
      next: (text) => {
        chars += text.length;
        if (sample !== undefined && (++chunks & 63) === 0) sample();
        if (done || chars < target) return;
        done = true;
        subscription.unsubscribe();
        resolve(chars);
      },
      error: reject,
      complete: () => resolve(chars),
    });
  });
}

/** The same with bare `node:http` and one streaming TextDecoder. */
async function readRaw(
  request: ReturnType<typeof chatRequest>,
  target: number,
  sample?: () => void,
): Promise<number> {
  const res = await rawResponse(request);
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder();
    let chars = 0;
    let chunks = 0;
    res.on('data', (chunk: Buffer) => {
      chars += decoder.decode(chunk, { stream: true }).length;
      if (sample !== undefined && (++chunks & 63) === 0) sample();
      if (chars >= target && !res.destroyed) {
        res.destroy();
        resolve(chars);
      }
    });
    res.once('error', reject);
    res.once('end', () => resolve(chars));
  });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exit(1);
  },
);
