/**
 * Chunks of at most this many bytes are decoded by {@link decodeShortChunk} rather than a streaming
 * `TextDecoder`: LLM tokens are 1–16 bytes, and in Node 20 a streaming `decode` call costs ~145 ns for 8 bytes
 * (it goes through ICU) where this loop takes ~40 ns; still 2.3× faster at 128 bytes. Kept small so that a
 * chunk's string is at most a few short concatenations (bigger reads go to the native decoder).
 */
export const SHORT_CHUNK = 32;

/** The code units of the chunk being decoded (at most 3 held bytes + SHORT_CHUNK bytes: ≤ 35 units). */
const units: number[] = new Array<number>(64).fill(0);

/**
 * The text of a short chunk of UTF-8, given the bytes still held from the chunks before (`held` of them, the
 * low bytes of `tail`, a valid but incomplete start of a character: see decodeText's `heldLength`). A trailing
 * incomplete character is left out (the caller's `tail` holds it). `null` when the bytes are not valid UTF-8:
 * the caller then decodes them again with its fallback.
 *
 * Exactly the WHATWG decoder's output for valid input (its byte ranges rule out overlongs, surrogates and code
 * points past U+10FFFF).
 */
export function decodeShortChunk(chunk: Uint8Array, tail: number, held: number): string | null {
  // The state of a character in progress: continuation bytes still needed, the bits so far, and the range the
  // next byte must be in (narrower after E0, ED, F0 and F4).
  let needed = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  if (held !== 0) {
    const lead = (tail >> (8 * (held - 1))) & 0xff;
    if (lead >= 0xf0) {
      needed = 3;
      codePoint = lead & 0x7;
      if (lead === 0xf0) lower = 0x90;
      else if (lead === 0xf4) upper = 0x8f;
    } else if (lead >= 0xe0) {
      needed = 2;
      codePoint = lead & 0xf;
      if (lead === 0xe0) lower = 0xa0;
      else if (lead === 0xed) upper = 0x9f;
    } else {
      needed = 1;
      codePoint = lead & 0x1f;
    }
    // The held continuation bytes were checked when they came (held ≥ 2 means the range check is behind us).
    for (let h = held - 2; h >= 0; h--) {
      codePoint = (codePoint << 6) | ((tail >> (8 * h)) & 0x3f);
      needed--;
      lower = 0x80;
      upper = 0xbf;
    }
  }
  let count = 0;
  const n = chunk.length;
  for (let i = 0; i < n; i++) {
    const byte = chunk[i]!;
    if (needed === 0) {
      if (byte < 0x80) {
        units[count++] = byte;
        continue;
      }
      if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        else if (byte === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = byte & 0xf;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        else if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = byte & 0x7;
      } else {
        return null;
      }
      continue;
    }
    if (byte < lower || byte > upper) return null;
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    if (--needed === 0) {
      if (codePoint > 0xffff) {
        codePoint -= 0x10000;
        units[count++] = 0xd800 + (codePoint >> 10);
        units[count++] = 0xdc00 + (codePoint & 0x3ff);
      } else {
        units[count++] = codePoint;
      }
    }
  }
  return fromUnits(count);
}

/**
 * The string of `units[0, count)`. `String.fromCharCode` with the arguments written out: `apply` with an array,
 * or one call per code unit, cost 1.5–2× as much for a token's few characters.
 */
function fromUnits(count: number): string {
  if (count <= 8) return piece(0, count);
  let text = '';
  let i = 0;
  for (; count - i > 8; i += 8) text += piece(i, 8);
  return text + piece(i, count - i);
}

/** The string of `units[at, at + length)`, `length` ≤ 8. */
function piece(at: number, length: number): string {
  const u = units;
  switch (length) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(u[at]!);
    case 2:
      return String.fromCharCode(u[at]!, u[at + 1]!);
    case 3:
      return String.fromCharCode(u[at]!, u[at + 1]!, u[at + 2]!);
    case 4:
      return String.fromCharCode(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!);
    case 5:
      return String.fromCharCode(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!, u[at + 4]!);
    case 6:
      return String.fromCharCode(u[at]!, u[at + 1]!, u[at + 2]!, u[at + 3]!, u[at + 4]!, u[at + 5]!);
    case 7:
      return String.fromCharCode(
        u[at]!,
        u[at + 1]!,
        u[at + 2]!,
        u[at + 3]!,
        u[at + 4]!,
        u[at + 5]!,
        u[at + 6]!,
      );
    default:
      return String.fromCharCode(
        u[at]!,
        u[at + 1]!,
        u[at + 2]!,
        u[at + 3]!,
        u[at + 4]!,
        u[at + 5]!,
        u[at + 6]!,
        u[at + 7]!,
      );
  }
}
