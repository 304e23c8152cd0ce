/**
 * Soak: 1 000 completions, 50 at a time, faults drawn from a seeded random mix. Every subscription must end,
 * the server's sockets must all close, nothing may fire as an unhandled rejection or uncaught exception, and
 * the heap after a forced GC must stay within 10 MiB of where it started.
 */
import axios from 'axios';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { catchError, from, lastValueFrom, map, mergeMap, of, take, toArray, type Observable } from 'rxjs';
import { createAivvm, isAivvmError, type AivvmProvider } from '../../src';
import { seededRandom, startAivvmServer, type AivvmServer, type Reply } from '../../src/testing';

const TOTAL = 1000;
const CONCURRENCY = 50;
const WARM_UP = 100;
const hello = [{ role: 'user', content: 'soak' }] as const;

type Kind = 'ok' | 'status500' | 'cut' | 'stall' | 'endless' | 'html' | 'invalid' | 'unsubscribe';
const KINDS: readonly Kind[] = [
  'ok',
  'ok',
  'ok',
  'status500',
  'cut',
  'stall',
  'endless',
  'html',
  'invalid',
  'unsubscribe',
];
const TEXT = 'Привет, 世界! 👋🏽 soak text. ';

function replyFor(kind: Kind): Reply {
  switch (kind) {
    case 'ok':
    case 'unsubscribe':
      return { text: TEXT.repeat(4), chunkSize: 7 };
    case 'status500':
      return { status: 500, reason: 'Rate limit reached' };
    case 'cut':
      return { text: TEXT.repeat(4), chunkSize: 5, closeAfterBytes: 23 };
    case 'stall':
      return { text: TEXT.repeat(4), chunkSize: 5, stallAfterBytes: 17 };
    case 'endless':
      return { text: TEXT, endless: true, chunkSize: 512 };
    case 'html':
      return { text: '<html></html>', headers: { 'content-type': 'text/html' } };
    case 'invalid':
      return { bytes: Uint8Array.from([0x61, 0xff, 0xfe, 0x62]), chunkSize: 1 };
  }
}

/** Live libuv handles and timers by kind (`process.getActiveResourcesInfo`). */
function activeHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function forceGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('soak', () => {
  let server: AivvmServer;
  let agent: Agent;
  let aivvm: AivvmProvider;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  let handlesBefore: Record<string, number> = {};

  beforeAll(async () => {
    // Before any server, agent or request exists.
    handlesBefore = activeHandles();
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    const random = seededRandom(20261126);
    const kinds = Array.from(
      { length: TOTAL + WARM_UP },
      () => KINDS[Math.floor(random() * KINDS.length)] ?? 'ok',
    );
    server = await startAivvmServer({ reply: (_request, index) => replyFor(kinds[index] ?? 'ok') });
    agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    aivvm = createAivvm({
      baseURL: server.url,
      axios: axios.create({ httpAgent: agent }),
      // No retries: the request log maps one-to-one onto the mix.
      retry: { count: 0 },
      timeout: { firstByte: 2000, idle: 150 },
      maxResponseBytes: 16 * 1024,
    });
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    agent.destroy();
    await server.close();
  });

  it('1 000 completions, 50 at a time: all end, sockets close, no leak', async () => {
    const gc = forceGc();
    const run = (count: number): Promise<string[]> =>
      lastValueFrom(
        from(Array.from({ length: count }, (_, i) => i)).pipe(
          mergeMap((i) => {
            const completion$: Observable<string> = aivvm.createCompletion(null, hello, i % 2 === 0);
            // Every 10th subscriber leaves early; the rest run to their end, whatever it is.
            const limited = i % 10 === 9 ? completion$.pipe(take(1)) : completion$;
            return limited.pipe(
              toArray(),
              map(() => 'complete'),
              catchError((error: unknown) =>
                of(isAivvmError(error) ? error._tag : `foreign: ${String(error)}`),
              ),
            );
          }, CONCURRENCY),
          toArray(),
        ),
      );

    // Warm up (JIT, pools) before the heap baseline.
    await run(WARM_UP);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = Date.now();
    const outcomes = await run(TOTAL);
    const seconds = (Date.now() - started) / 1000;

    expect(outcomes).toHaveLength(TOTAL);
    expect(outcomes.filter((o) => o.startsWith('foreign'))).toEqual([]);
    const tally = outcomes.reduce<Record<string, number>>(
      (acc, o) => ({ ...acc, [o]: (acc[o] ?? 0) + 1 }),
      {},
    );
    // The mix exercised every kind of end.
    for (const tag of [
      'complete',
      'HttpError',
      'NetworkError',
      'TimeoutError',
      'ResponseTooLargeError',
      'InvalidResponseError',
    ]) {
      expect(tally[tag] ?? 0).toBeGreaterThan(0);
    }
    expect(seconds).toBeLessThan(60);

    agent.destroy();
    await Promise.all(server.requests.map((r) => r.socketClosed));
    expect(server.openSockets).toBe(0);
    expect(unhandled).toEqual([]);
    // What `jest --detectOpenHandles` would report, asserted: no socket or timer outlives the soak.
    await new Promise((resolve) => setImmediate(resolve));
    const handlesAfter = activeHandles();
    for (const kind of ['TCPSocketWrap', 'Timeout']) {
      expect(handlesAfter[kind] ?? 0).toBeLessThanOrEqual(handlesBefore[kind] ?? 0);
    }

    gc();
    const growthMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
    // The figures, for issue notes: `cat artifacts/soak.json` after `npx jest spec/reliability/soak.spec.ts`.
    mkdirSync('artifacts', { recursive: true });
    writeFileSync('artifacts/soak.json', JSON.stringify({ seconds, growthMiB, tally }, null, 2));
    expect(growthMiB).toBeLessThan(10);
  }, 90_000);
});
