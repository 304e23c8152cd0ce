/**
 * One stored event of an answer: its JSON text, and `event: 'error'` for the error event that ends a failed or
 * stopped answer. Its position (the SSE `id`) is its 1-based index in the answer.
 *
 * @example
 * ```ts
 * const text: StoredEvent = { data: '{"type":"text","text":"Hel"}' };
 * const stopped: StoredEvent = { event: 'error', data: '{"_tag":"StoppedError","message":"…"}' };
 * ```
 */
export interface StoredEvent {
  /** The event as JSON text (one line). */
  readonly data: string;
  /** `'error'` for the error event; absent for the completion's own events. */
  readonly event?: 'error';
}

/**
 * What the store knows of one answer, as {@link RelayStore.lookup} returns it.
 *
 * @example
 * ```ts
 * const record = await store.lookup(id); // { tokenHash: '…', length: 12, ended: false }
 * ```
 */
export interface StreamRecord {
  /** SHA-256 (base64url) of the owner token; the token itself is never stored. */
  readonly tokenHash: string;
  /** How many events were appended so far (the last position). */
  readonly length: number;
  /** True once the answer ended (finish, error or stop): no event will be appended any more. */
  readonly ended: boolean;
}

/**
 * What a reader of {@link RelayStore.subscribe} is told: each event after its offset, in order, then the end.
 *
 * @example
 * ```ts
 * store.subscribe(id, 3, { event: (position, e) => write(position, e), end: () => res.end() });
 * ```
 */
export interface StoreListener {
  /** The event at `position` (1-based), in order, without gaps or repeats. */
  event(position: number, event: StoredEvent): void;
  /** The answer ended and every event was given; nothing follows. */
  end(): void;
}

/**
 * Where a relay keeps its answers: the events in order, readable from any offset and then live, until some time
 * after the end. The in-memory store ({@link createMemoryStore}) is the default; a store shared by several relay
 * instances (Redis streams, for instance) must give the same guarantees: appends of one answer kept in order,
 * `subscribe` replaying from the offset and then following live with no gap and no repeat, `end` removing the
 * answer after `ttlMs`. `lookup` may answer with a promise; the other calls are fire-and-forget.
 *
 * @example
 * ```ts
 * const relay = createRelay({ complete, store: createMemoryStore() });
 * ```
 */
export interface RelayStore {
  /** Registers a new answer with no events yet. */
  create(id: string, tokenHash: string): void;
  /** The answer's record, or `undefined` when the id is unknown or expired. */
  lookup(id: string): StreamRecord | undefined | Promise<StreamRecord | undefined>;
  /** Appends the next event of a live answer (position = previous length + 1). */
  append(id: string, event: StoredEvent): void;
  /**
   * Gives `listener` the events after position `after`, then the live ones, then the end; returns the function
   * that stops it. An unknown id ends at once.
   */
  subscribe(id: string, after: number, listener: StoreListener): () => void;
  /** Marks the answer ended (its readers get `end`) and removes it `ttlMs` later. */
  end(id: string, ttlMs: number): void;
  /** How many answers are kept, live or ended (for limits, metrics and leak checks). */
  readonly size: number;
  /** Removes every answer and cancels every timer (a server shutting down). */
  clear(): void;
}
