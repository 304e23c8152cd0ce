import type { RelayStore, StoreListener, StoredEvent, StreamRecord } from './RelayStore';

interface Entry {
  readonly tokenHash: string;
  readonly events: StoredEvent[];
  readonly listeners: Set<StoreListener>;
  ended: boolean;
  expiry: ReturnType<typeof setTimeout> | undefined;
}

/**
 * The default {@link RelayStore}: answers in this process's memory. Each answer keeps its events (their JSON
 * text) until `ttlMs` after it ends; the expiry timers are `unref`'d, so they never keep a process alive.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * const relay = createRelay({ complete, store });
 * // later: store.size === 0 once every answer ended and its TTL passed
 * ```
 */
export function createMemoryStore(): RelayStore {
  const entries = new Map<string, Entry>();
  return {
    create(id, tokenHash) {
      entries.set(id, { tokenHash, events: [], listeners: new Set(), ended: false, expiry: undefined });
    },
    lookup(id): StreamRecord | undefined {
      const entry = entries.get(id);
      return entry && { tokenHash: entry.tokenHash, length: entry.events.length, ended: entry.ended };
    },
    append(id, event) {
      const entry = entries.get(id);
      if (entry === undefined || entry.ended) return;
      entry.events.push(event);
      const position = entry.events.length;
      for (const listener of [...entry.listeners]) listener.event(position, event);
    },
    subscribe(id, after, listener) {
      const entry = entries.get(id);
      if (entry === undefined) {
        listener.end();
        return () => undefined;
      }
      // Replay and joining happen in one synchronous step: nothing can be appended in between.
      for (let i = after; i < entry.events.length; i++) listener.event(i + 1, entry.events[i] as StoredEvent);
      if (entry.ended) {
        listener.end();
        return () => undefined;
      }
      entry.listeners.add(listener);
      return () => entry.listeners.delete(listener);
    },
    end(id, ttlMs) {
      const entry = entries.get(id);
      if (entry === undefined || entry.ended) return;
      entry.ended = true;
      const listeners = [...entry.listeners];
      entry.listeners.clear();
      for (const listener of listeners) listener.end();
      entry.expiry = setTimeout(() => entries.delete(id), ttlMs);
      // Where timers are numbers (a jsdom test environment) there is nothing to unref.
      (entry.expiry as { unref?: () => void }).unref?.();
    },
    get size() {
      return entries.size;
    },
    clear() {
      for (const entry of entries.values()) {
        if (entry.expiry !== undefined) clearTimeout(entry.expiry);
        const listeners = [...entry.listeners];
        entry.listeners.clear();
        for (const listener of listeners) listener.end();
      }
      entries.clear();
    },
  };
}
