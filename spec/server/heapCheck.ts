/**
 * Run by heap.spec.ts as `node --expose-gc --import tsx spec/server/heapCheck.ts`: 1 000 answers of 4 KB each
 * through a relay on a real socket (after as many to warm up), the heap measured (after full GCs) before, while the
 * answers are kept, and after their TTL. Prints `{ baseline, held, after, size }` in bytes as one JSON line.
 */
import { from } from 'rxjs';
import { createRelay } from '../../src/server';
import { listen, startAnswer } from './relayHttp';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const heap = async () => {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
};

const piece = (i: number, j: number) => `${i}:${j}:`.padEnd(512, 'x');

async function main(): Promise<void> {
  const ttlMs = 2_000;
  let count = 0;
  const relay = createRelay({
    complete: () => {
      const i = count++;
      return from(Array.from({ length: 8 }, (_, j) => piece(i, j)));
    },
    ttlMs,
  });
  const http = await listen(relay);
  const run = async (answers: number) => {
    for (let batch = 0; batch < answers / 50; batch++) {
      const started = await Promise.all(
        Array.from({ length: 50 }, () =>
          startAnswer(http.url, { model: 'm', messages: [{ role: 'user', content: 'Hi' }] }),
        ),
      );
      await Promise.all(started.map((answer) => answer.done));
    }
  };
  const expire = async () => {
    while (relay.store.size > 0) await new Promise((resolve) => setTimeout(resolve, 50));
  };
  // Warm-up with as many answers: the compiled code, sockets and caches that stay go into the baseline.
  await run(1_000);
  await expire();
  const baseline = await heap();
  await run(1_000);
  const held = await heap();
  await expire();
  const after = await heap();
  await http.close();
  process.stdout.write(`${JSON.stringify({ baseline, held, after, size: relay.store.size })}\n`);
}

void main();
