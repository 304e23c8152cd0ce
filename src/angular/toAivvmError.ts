import { fromTransportFailure, isAivvmError, type AnyAivvmError } from '..';

/**
 * A failure of a completion as an {@link AnyAivvmError}: an Aivvm error as is, anything else (a transport
 * failure) as the matching error, with how many bytes of text had arrived.
 *
 * @example
 * ```ts
 * error: (failure) => errorSignal.set(toAivvmError(failure, provider.url, received)),
 * ```
 */
export function toAivvmError(failure: unknown, url: string, received: string): AnyAivvmError {
  if (isAivvmError(failure)) return failure;
  const receivedBytes = new TextEncoder().encode(received).byteLength;
  return fromTransportFailure(failure, { url, receivedBytes }) as AnyAivvmError;
}
