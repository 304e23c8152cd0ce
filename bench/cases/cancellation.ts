/**
 * cancellation: unsubscribe in the middle of an endless body, then the time until the server sees its socket
 * close (`socketClosed`). Baseline, for reference: `req.destroy()` on a bare `node:http` request.
 */
import { startAivvmServer, type AivvmServer } from '../../src/testing';
import { KiB, textOfBytes } from '../data';
import { entry, interleave, median, percentile, type Case } from '../harness';
import { chatRequest, MESSAGES, MODEL, provider, rawResponse } from '../raw';

/** Unsubscribe (or destroy) once this much of the body has arrived: well inside the body. */
const CUT_AFTER_BYTES = 64 * KiB;

export const cancellation: Case = async ({ quick, log }) => {
  const server = await startAivvmServer({
    reply: { bytes: textOfBytes(256 * KiB).bytes, chunkSize: 4 * KiB, endless: true },
  });
  try {
    const aivvm = provider(server.url);
    const request = chatRequest(server.url);

    const ours = (): Promise<number> =>
      measure(server, (cut, fail) => {
        let received = 0;
        let cutting = false;
        const subscription = aivvm.createCompletion(MODEL, MESSAGES, true).subscribe({
          next: (text) => {
            received += text.length; // characters: about half the bytes of this text
            if (cutting || received < CUT_AFTER_BYTES / 2) return;
            cutting = true;
            cut(() => subscription.unsubscribe());
          },
          error: fail,
          complete: () => fail(new Error('cancellation: an endless body completed')),
        });
      });

    const baseline = (): Promise<number> =>
      measure(server, (cut, fail) => {
        rawResponse(request).then((res) => {
          let received = 0;
          let cutting = false;
          res.on('data', (chunk: Buffer) => {
            received += chunk.length;
            if (cutting || received < CUT_AFTER_BYTES) return;
            cutting = true;
            cut(() => res.destroy());
          });
          res.on('error', (error) => {
            if (!cutting) fail(error);
          });
        }, fail);
      });

    const { time: samples } = await interleave(
      { ours, baseline },
      { repeats: quick ? 60 : 200, warmup: quick ? 10 : 20, measure: 'returned', gc: false },
    );
    const p50 = median(samples.ours);
    const p99 = percentile(samples.ours, 99);
    const b50 = median(samples.baseline);
    const b99 = percentile(samples.baseline, 99);
    log(
      `cancel: ours p50 ${p50.toFixed(2)} p99 ${p99.toFixed(2)} max ${Math.max(...samples.ours).toFixed(2)} ms`,
    );
    log(
      `cancel: base p50 ${b50.toFixed(2)} p99 ${b99.toFixed(2)} max ${Math.max(...samples.baseline).toFixed(2)} ms`,
    );
    const note = `${samples.ours.length} runs, unsubscribe after ~${CUT_AFTER_BYTES / KiB} KiB of an endless body`;
    return {
      cancelMedian: entry({ value: p50, unit: 'ms', ours: p50, baseline: b50, floor: 10, note }),
      cancelP99: entry({ value: p99, unit: 'ms', ours: p99, baseline: b99, floor: 50, note }),
    };
  } finally {
    await server.close();
  }
};

/**
 * Starts one request with `start`, which calls `cut(abort)` mid-body; resolves with the milliseconds from just
 * before `abort()` to the server-side socket close.
 */
async function measure(
  server: AivvmServer,
  start: (cut: (abort: () => void) => void, fail: (error: unknown) => void) => void,
): Promise<number> {
  const arrived = server.nextRequest();
  let cutAt = Number.NaN;
  const cutDone = new Promise<void>((resolve, reject) => {
    start((abort) => {
      cutAt = performance.now();
      abort();
      resolve();
    }, reject);
  });
  cutDone.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  const request = await arrived;
  // Attached before any body byte can reach the client, so it runs right after the socket's 'close'.
  const closedAt = request.socketClosed.then(() => performance.now());
  await cutDone;
  return (await closedAt) - cutAt;
}
