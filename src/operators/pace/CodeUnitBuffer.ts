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
 * lone surrogate (a pair cut by the piece's end, or by the source) is rebuilt code unit by code unit instead.
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
    if (this.length + count > CAPACITY) {
      this.drain();
      if (count > CAPACITY >> 2) return this.flush(chunk);
    }
    const units = this.units;
    let at = this.length;
    for (let i = 0; i < count; i++) units[at++] = chunk.charCodeAt(i);
    this.length = at;
  }

  /** Passes what is held to `flush`. */
  drain(): void {
    const length = this.length;
    this.length = 0;
    if (length !== 0) this.flush(decode(this.units.subarray(0, length)));
  }
}

/** Code units per piece (16 KiB: allocated and kept in the young generation). */
const CAPACITY = 8192;

let decoder: TextDecoder | undefined; // made on first use (tree-shaking)

/** The bytes of a Uint16Array are in the platform's order; `ignoreBOM`: a leading U+FEFF is text here. */
function newDecoder(): TextDecoder {
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  return new TextDecoder(littleEndian ? 'utf-16le' : 'utf-16be', { fatal: true, ignoreBOM: true });
}

/** The string of `units`, exactly (lone surrogates included). */
export function decode(units: Uint16Array): string {
  if (units.length === 0) return '';
  try {
    return (decoder ??= newDecoder()).decode(units);
  } catch {
    return String.fromCharCode.apply(null, units as unknown as number[]);
  }
}
