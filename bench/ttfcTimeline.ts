/**
 * Where the time to first chunk goes (issue 21): `npx tsx bench/ttfcTimeline.ts [requests]` after `npm run build`.
 * For ours (`createCompletion`, built package) and plain axios (an `axios.create()` instance, same request, global
 * agent), interleaved, prints the median µs from the call to: the request's start (diagnostics_channel
 * `http.client.request.start`, published once the request has its socket), its socket, `finish` (request flushed), the socket's first bytes, `response`, the response's first `'data'`
 * event, and the consumer's first chunk. Also prints the axios config that reaches the adapter on each side.
 */
import './useDist';
import axios, { type InternalAxiosRequestConfig } from 'axios';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { startAivvmServer } from '../src/testing';
import { axiosPeer } from './peers';
import { chatRequest, MESSAGES, MODEL, provider } from './raw';

type Mark = 'request' | 'socket' | 'finish' | 'socketData' | 'response' | 'data' | 'first';
const MARKS: readonly Mark[] = ['request', 'socket', 'finish', 'socketData', 'response', 'data', 'first'];
let current: Partial<Record<Mark, bigint>> = {};
let started = 0n;
const mark = (name: Mark): void => {
  current[name] ??= process.hrtime.bigint();
};

subscribe('http.client.request.start', (message) => {
  const request = (message as { request: ClientRequest }).request;
  mark('request');
  const onSocket = (socket: Socket): void => {
    mark('socket');
    // One listener per request, removed at once: a kept-alive socket serves thousands of requests.
    const onData = (): void => {
      mark('socketData');
      socket.removeListener('data', onData);
    };
    socket.prependListener('data', onData);
  };
  // The channel publishes once the request has its socket (Node 20): then 'socket' has already been emitted.
  if (request.socket !== null) onSocket(request.socket);
  else request.once('socket', onSocket);
  request.once('finish', () => mark('finish'));
  request.once('response', (response: IncomingMessage) => {
    mark('response');
    const emit = response.emit;
    response.emit = function (this: IncomingMessage, event: string | symbol, ...args: unknown[]): boolean {
      if (event === 'data') mark('data');
      return emit.call(this, event, ...args);
    } as typeof response.emit;
  });
});

const configs: Record<string, unknown> = {};
const logConfig = (side: string) => (config: InternalAxiosRequestConfig) => {
  if (configs[side] === undefined) {
    const { data: _data, ...rest } = config;
    configs[side] = { ...rest, headers: { ...config.headers } };
  }
  return config;
};

async function main(): Promise<void> {
  const requests = Number(process.argv[2] ?? 2000);
  const server = await startAivvmServer({ reply: { text: 'Привет! Hello, world.', chunkSize: 64 } });
  const ourAxios = axios.create();
  // An interceptor makes axios dispatch a microtask later: only when the configs are asked for.
  const withConfigs = process.argv.includes('--configs');
  if (withConfigs) ourAxios.interceptors.request.use(logConfig('ours'));
  const aivvm = provider(server.url, ourAxios);
  const plain = axios.create();
  if (withConfigs) plain.interceptors.request.use(logConfig('axios'));
  const request = chatRequest(server.url);
  const peer = axiosPeer(plain);
  const ours = (): Promise<void> =>
    new Promise((resolve, reject) => {
      aivvm.createCompletion(MODEL, MESSAGES, true).subscribe({
        next: () => mark('first'),
        error: reject,
        complete: resolve,
      });
    });
  const theirs = async (): Promise<void> => {
    const stream = (
      await plain.post<NodeJS.ReadableStream>(request.url, request.body, {
        headers: request.headers,
        responseType: 'stream',
      })
    ).data;
    for await (const _ of stream) mark('first');
  };
  void peer;
  const samples: Record<'ours' | 'axios', Record<Mark, number[]>> = {
    ours: Object.fromEntries(MARKS.map((m) => [m, []])) as unknown as Record<Mark, number[]>,
    axios: Object.fromEntries(MARKS.map((m) => [m, []])) as unknown as Record<Mark, number[]>,
  };
  for (let i = 0; i < requests; i++) {
    for (const [side, run] of [
      ['ours', ours],
      ['axios', theirs],
    ] as const) {
      current = {};
      started = process.hrtime.bigint();
      await run();
      if (i >= requests / 4)
        for (const m of MARKS) {
          const at = current[m];
          if (at !== undefined) samples[side][m].push(Number(at - started) / 1000);
        }
    }
  }
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  };
  console.log(`median µs from the call (${requests} interleaved requests each, last 3/4):`);
  console.log(`${'mark'.padEnd(11)} ${'ours'.padStart(8)} ${'axios'.padStart(8)} ${'diff'.padStart(8)}`);
  for (const m of MARKS) {
    const o = median(samples.ours[m]);
    const a = median(samples.axios[m]);
    console.log(
      `${m.padEnd(11)} ${o.toFixed(1).padStart(8)} ${a.toFixed(1).padStart(8)} ${(o - a).toFixed(1).padStart(8)}`,
    );
  }
  if (withConfigs) console.dir(configs, { depth: 3 });
  await server.close();
}

void main();
