import type { Transport } from './types';
import { fetchTransport } from './web';
import { nodeTransport } from './node';

/** Which transport to use: `'node'` (axios `http` adapter) or `'fetch'` (axios `fetch` adapter, browsers). */
export type TransportName = 'node' | 'fetch';

/** The transport for a name; without one, `'node'` in Node.js and `'fetch'` everywhere else. */
export function selectTransport(name?: TransportName): Transport {
  return (name ?? defaultTransportName()) === 'node' ? nodeTransport : fetchTransport;
}

/** `'node'` when running in Node.js (where the `http` adapter streams without copies), else `'fetch'`. */
export function defaultTransportName(): TransportName {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string' ? 'node' : 'fetch';
}

export type { Transport } from './types';
