/**
 * Import first in every spec/angular spec (they run in jsdom): Node globals that jsdom leaves out but the library
 * needs (one streaming TextDecoder per completion).
 */
import { TextDecoder, TextEncoder } from 'node:util';

const globals = globalThis as { TextDecoder?: unknown; TextEncoder?: unknown };
globals.TextDecoder ??= TextDecoder;
globals.TextEncoder ??= TextEncoder;
