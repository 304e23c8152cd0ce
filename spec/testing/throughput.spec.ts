import { startAivvmServer } from '../../src/testing';
import type { AivvmServer } from '../../src/testing';
import { chat, collect } from './rawClient';

// Benchmarks rely on the server not being the bottleneck; these are generous ceilings, not measurements.
describe('throughput', () => {
  let server: AivvmServer;

  afterEach(async () => {
    await server?.close();
  });

  it('streams 64 MiB in 16 KiB chunks quickly', async () => {
    const size = 64 * 1024 * 1024;
    server = await startAivvmServer({
      reply: { bytes: new Uint8Array(size).fill(0x61), chunkSize: 16 * 1024 },
    });
    const started = performance.now();
    const res = await chat(server.url).response;
    let total = 0;
    res.on('data', (chunk: Buffer) => (total += chunk.length));
    const result = await collect(res);
    expect(result.ended).toBe(true);
    expect(total).toBe(size);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('writes 100 000 one-byte chunks one by one, each its own HTTP chunk', async () => {
    server = await startAivvmServer({ reply: { text: 'é'.repeat(50_000), chunkSize: 1 } });
    const started = performance.now();
    const res = await chat(server.url).response;
    let events = 0;
    let total = 0;
    res.on('data', (chunk: Buffer) => {
      events++;
      total += chunk.length;
    });
    const result = await collect(res);
    expect(result.ended).toBe(true);
    expect(total).toBe(100_000);
    expect(events).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
