/**
 * The relay's limits: it is a public endpoint that spends the key owner's money. Each one, when hit, gets its
 * own status and a message that names it (`413` for sizes, `429` for `maxStreams`); `maxBytesPerStream` ends a
 * live answer with a `ResponseTooLargeError` event.
 *
 * @example
 * ```ts
 * createRelay({ complete, limits: { maxStreams: 20, maxMessages: 50, maxChars: 20_000 } });
 * ```
 */
export interface RelayLimits {
  /** Answers generating at once in this process; one more start gets `429`. Default 100. */
  readonly maxStreams?: number;
  /** Bytes of stored events per answer (their JSON); past it the answer ends with an error event. Default 8 MiB. */
  readonly maxBytesPerStream?: number;
  /** Bytes of a `POST` body; more gets `413`, and the rest of the body is not parsed. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Messages of one request; more gets `413` before any message is checked. Default 500. */
  readonly maxMessages?: number;
  /**
   * Characters of message content of one request: the strings, and those inside content parts (a text part's text,
   * an image URL), not the parts' `type`. More gets `413`. Default 200 000.
   */
  readonly maxChars?: number;
}

/** Every limit, with the defaults filled in. */
export type ResolvedLimits = Required<RelayLimits>;

/**
 * The default {@link RelayLimits}.
 *
 * @example
 * ```ts
 * createRelay({ complete, limits: { ...DEFAULT_RELAY_LIMITS, maxStreams: 10 } });
 * ```
 */
export const DEFAULT_RELAY_LIMITS: ResolvedLimits = {
  maxStreams: 100,
  maxBytesPerStream: 8 * 1024 * 1024,
  maxBodyBytes: 1024 * 1024,
  maxMessages: 500,
  maxChars: 200_000,
};
