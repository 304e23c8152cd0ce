import { startAivvmServer } from '../../src/testing';
import type { AivvmServer } from '../../src/testing';
import { chat, collect } from './rawClient';

// The bench relies on these shapes (64 MiB whole; one HTTP chunk per write). How fast is measured in bench/
// (`npm run bench`, throughput and tokenChunks against raw sockets), not here: a wall-clock ceiling in a unit test
// failed under load (5.3 s on a busy 2-core machine) without saying anything about the code.
describe('throughput', () => {
  let server: AivvmServer;

  afterEach(async () => {
    await server?.close();
  });

  it('streams 64 MiB in 16 KiB chunks, whole', async () => {
    const size = 64 * 1024 * 1024;
    server = await startAivvmServer({
      reply: { bytes: new Uint8Array(size).fill(0x61), chunkSize: 16 * 1024 },
    });
    const res = await chat(server.url).response;
    let total = 0;
    res.on('data', (chunk: Buffer) => (total += chunk.length));
    const result = await collect(res);
    expect(result.ended).toBe(true);
    expect(total).toBe(size);
  });

  it('writes 100 000 one-byte chunks one by one, each its own HTTP chunk', async () => {
    server = await startAivvmServer({ reply: { text: 'é'.repeat(50_000), chunkSize: 1 } });
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
  });
});
