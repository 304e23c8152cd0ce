/**
 * The client of a relay (`createRelay` in `aivvm-rx/server`): a provider that reads answers from it and resumes
 * them after a network drop.
 *
 * @packageDocumentation
 */
export { createRelayProvider } from './createRelayProvider';
export type { RelayConfig, RelayProvider } from './types';
export { resumeEvents, DEFAULT_RECONNECT } from './resumeEvents';
export type { ReconnectOptions, ResumeOptions, Numbered } from './resumeEvents';
export { toRelayFrames } from './toRelayFrames';
export type { RelayFrame } from './toRelayFrames';
export { CompletionEventCodec, RelayErrorData, UsageCodec } from './codecs';
export { validateRelayConfig } from './validateRelayConfig';
export type { ResolvedRelayConfig } from './validateRelayConfig';
export { relayBody } from './relayBody';
export type { RelayBody } from './relayBody';
export { RelayError, RelayStreamError } from '../errors';
