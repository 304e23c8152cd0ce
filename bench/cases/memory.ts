/**
 * memory: 256 MiB of a multilingual answer streamed through `createCompletion` without keeping the text (only
 * characters are counted). Peak RSS growth of a client process of its own, sampled every 5 ms and every 64
 * chunks, after `gc()`. Baseline, for reference: the same with bare `node:http`.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { startAivvmServer } from '../../src/testing';
import { KiB, MiB, textOfBytes } from '../data';
import { entry, median, type Case } from '../harness';

interface ClientResult {
  readonly peakGrowthMiB: number;
  readonly chars: number;
  readonly ms: number;
}

export const memory: Case = async ({ quick, log }) => {
  const size = (quick ? 32 : 256) * MiB;
  const base = textOfBytes(MiB);
  const repeats = quick ? 1 : 3;
  // Endless repetition of a 1 MiB text that ends on a character boundary: `size` bytes are `chars` characters.
  const chars = Math.round((size / base.bytes.length) * base.text.length);
  const server = await startAivvmServer({ reply: { bytes: base.bytes, chunkSize: 16 * KiB, endless: true } });
  try {
    const ours: number[] = [];
    const raw: number[] = [];
    for (let i = 0; i < repeats; i++) {
      for (const mode of ['ours', 'raw'] as const) {
        const result = await runClient(server.url, mode, chars);
        log(
          `memory: ${mode} +${result.peakGrowthMiB.toFixed(1)} MiB over ${result.chars} chars in ${result.ms.toFixed(0)} ms`,
        );
        (mode === 'ours' ? ours : raw).push(result.peakGrowthMiB);
      }
    }
    const o = median(ours);
    const b = median(raw);
    return {
      memory: entry({
        value: o,
        unit: 'MiB',
        ours: o,
        baseline: b,
        floor: 48,
        note: `peak RSS growth over ${size / MiB} MiB in 16 KiB chunks, client in its own process, median of ${repeats}`,
      }),
    };
  } finally {
    await server.close();
  }
};

function runClient(url: string, mode: 'ours' | 'raw', chars: number): Promise<ClientResult> {
  const script = join(__dirname, '..', 'memoryClient.ts');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--expose-gc', script, url, mode, String(chars)],
      { cwd: join(__dirname, '..', '..') },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`memory client failed: ${stderr || error.message}`));
        try {
          resolve(JSON.parse(stdout) as ClientResult);
        } catch {
          reject(new Error(`memory client printed: ${stdout}`));
        }
      },
    );
  });
}
