export { decodeText } from './decodeText';
export type { DecodeFallback, DecodeTextOptions } from './decodeText';
export { bufferText, BUFFER_TEXT_MAX_CHARS, BUFFER_TEXT_MAX_DELAY_MS } from './bufferText';
export type { BufferTextOptions, TextBoundary } from './bufferText';
export { accumulateText } from './accumulateText';
export { toText } from './toText';
export { shareText } from './shareText';
export type { ShareTextOptions } from './shareText';
