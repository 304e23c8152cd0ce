/** Inputs shared by the cases: multilingual bodies and token-like chunk sizes, all deterministic. */
import { multilingualText } from '../src/testing';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** A multilingual text of about `bytes` UTF-8 bytes (never more), cut at a code point boundary. */
export function textOfBytes(bytes: number, seed = 1): { text: string; bytes: Buffer } {
  // The generator's mix averages a little over 2 bytes per UTF-16 unit: ask for enough, then trim.
  let text = multilingualText(Math.ceil(bytes / 1.5) + 64, seed);
  let encoded = Buffer.from(text, 'utf8');
  if (encoded.length > bytes) {
    let cut = bytes;
    while (cut > 0 && ((encoded[cut] ?? 0) & 0xc0) === 0x80) cut--; // back to the start of a code point
    encoded = encoded.subarray(0, cut);
    text = encoded.toString('utf8');
  }
  return { text, bytes: encoded };
}

/** `base` repeated to about `bytes` bytes (a big body without building a huge string). */
export function repeatedBody(
  base: { text: string; bytes: Buffer },
  bytes: number,
): { body: Buffer; text: string } {
  const times = Math.max(1, Math.round(bytes / base.bytes.length));
  return {
    body: Buffer.concat(Array.from({ length: times }, () => base.bytes)),
    text: base.text.repeat(times),
  };
}

/** `count` chunk sizes in 1…`max`, like tokens of a chat answer (seeded, so every run is the same). */
export function tokenSizes(count: number, max = 12, seed = 7): number[] {
  let state = seed >>> 0;
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    sizes.push(1 + (state % max));
  }
  return sizes;
}

/**
 * A multilingual body cut into exactly the given chunk sizes (the last chunk may be shorter): the text, its
 * bytes, and the chunks as views into the bytes.
 */
export function tokenStream(
  sizes: readonly number[],
  seed = 3,
): { text: string; bytes: Buffer; chunks: Buffer[] } {
  const total = sizes.reduce((a, b) => a + b, 0);
  const { text, bytes } = textOfBytes(total, seed);
  const chunks: Buffer[] = [];
  let offset = 0;
  for (const size of sizes) {
    if (offset >= bytes.length) break;
    chunks.push(bytes.subarray(offset, Math.min(bytes.length, offset + size)));
    offset += size;
  }
  return { text, bytes, chunks };
}
