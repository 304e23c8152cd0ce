import { isHighSurrogate } from '../text/unicode';

/**
 * Gathers the many small chunks of a synchronous burst that {@link paceText} keeps uncut into a few strings of
 * up to 8 192 code units: their code units are copied into one small `Uint16Array`, which `TextDecoder` makes a
 * string each time it is full (and at the end of the burst). Each such string goes to `flush`.
 *
 * Why: a rope (`text += chunk`) allocates a cons cell per chunk, and flattening 400 000 of them cost about as much
 * as the `map` a burst is measured against; one big string or one big buffer costs page faults (touching 4 MiB
 * of fresh memory took 11 ms on a small VM). Copying into one small, reused, cache-hot buffer allocates nothing
 * per chunk.
 *
 * Exact: `TextDecoder` would replace a lone surrogate by U+FFFD, so it runs in `fatal` mode, and a piece with a
 * lone surrogate (rare: chunks cut inside a pair) is rebuilt code unit by code unit instead. A pair is never
 * split between two pieces.
 *
 * Internal to the operators folder (not exported from the package).
 */
export class CodeUnitBuffer {
  private readonly units = new Uint16Array(CAPACITY);
  /** Code units held. */
  private length = 0;

  /** @param flush Takes each piece of text, in order. */
  constructor(private readonly flush: (text: string) => void) {}

  /** Appends the code units of `chunk` (a long chunk goes to `flush` as it is, after what is held). */
  append(chunk: string): void {
    const count = chunk.length;
    let at = this.length;
    if (at + count > CAPACITY) {
      this.drain(true);
      if (count > CAPACITY >> 2) {
        this.drain(false);
        this.flush(chunk);
        return;
      }
      at = this.length;
    }
    const units = this.units;
    for (let i = 0; i < count; i++) units[at++] = chunk.charCodeAt(i);
    this.length = at;
  }

  /**
   * Passes what is held to `flush`. With `keepHalf`, a trailing high surrogate stays (its pair may come next);
   * without, everything goes.
   */
  drain(keepHalf = false): void {
    const length = this.length;
    if (length === 0) return;
    const units = this.units;
    const last = units[length - 1] ?? 0;
    if (isHighSurrogate(last)) {
      if (length > 1) this.flush(decode(units.subarray(0, length - 1)));
      units[0] = last;
      this.length = 1;
      if (keepHalf) return;
      this.length = 0;
      this.flush(String.fromCharCode(last));
      return;
    }
    this.length = 0;
    this.flush(decode(units.subarray(0, length)));
  }
}

/** Code units per piece (16 KiB: allocated and kept in the young generation). */
const CAPACITY = 8192;

let decoder: TextDecoder | undefined; // made on first use (tree-shaking)

/** The string of `units`, exactly (lone surrogates included). */
export function decode(units: Uint16Array): string {
  if (units.length === 0) return '';
  try {
    // The bytes of a Uint16Array are in the platform's order; `ignoreBOM`: a leading U+FEFF is text here.
    decoder ??= new TextDecoder(littleEndian() ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true });
    return decoder.decode(units);
  } catch {
    return String.fromCharCode.apply(null, units as unknown as number[]);
  }
}

function littleEndian(): boolean {
  return new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
}
