/**
 * The UAX #29 sentence rules in JavaScript for "simple" text (ASCII, Latin-1 and Latin Extended letters, and the
 * common quotes and dashes), fed incrementally: `Intl.Segmenter` costs microseconds per call, which on text like
 * "1. 2. 3. …" (a boundary every few characters) is paid on every chunk. Any other character (marks, format
 * characters, other scripts, surrogates) is not simple: the caller then uses the segmenter.
 */

// Sentence_Break classes; NONE marks a character the scanner does not handle.
const NONE = 0;
const OTHER = 1;
const CR = 2;
const LF = 3;
const SP = 4;
const LOWER = 5;
const UPPER = 6;
const OLETTER = 7;
const NUMERIC = 8;
const ATERM = 9;
const STERM = 10;
const CLOSE = 11;
const SCONTINUE = 12;

/** The class of each code unit below U+0250 (Latin up to Latin Extended-B). */
const LATIN = /*#__PURE__*/ buildLatinTable();

function buildLatinTable(): Uint8Array {
  const table = new Uint8Array(0x250).fill(OTHER);
  for (let c = 0; c < 0x250; c++) {
    const s = String.fromCharCode(c);
    if (/\p{Lowercase}/u.test(s)) table[c] = LOWER;
    else if (/\p{Uppercase}|\p{Lt}/u.test(s)) table[c] = UPPER;
    else if (/\p{Alphabetic}/u.test(s)) table[c] = OLETTER;
  }
  for (let c = 0x30; c <= 0x39; c++) table[c] = NUMERIC;
  // C0 and C1 controls other than these, and the soft hyphen (a format character), are left to the segmenter.
  for (let c = 0; c < 0x20; c++) table[c] = NONE;
  for (let c = 0x7f; c < 0xa0; c++) table[c] = NONE;
  table[0xad] = NONE;
  table[0x09] = table[0x0b] = table[0x0c] = table[0x20] = table[0xa0] = SP;
  table[0x0a] = LF;
  table[0x0d] = CR;
  table[0x2e] = ATERM;
  table[0x21] = table[0x3f] = STERM;
  for (const c of '"\'()[]{}\u00ab\u00bb') table[c.charCodeAt(0)] = CLOSE;
  for (const c of ',-:;') table[c.charCodeAt(0)] = SCONTINUE;
  return table;
}

/** The sentence class of code unit `c`, or `NONE` when the scanner leaves it to the segmenter. */
function classOf(c: number): number {
  if (c < 0x250) return LATIN[c]!;
  if (c >= 0x2018 && c <= 0x201f) return CLOSE; // curly quotes
  if (c === 0x2013 || c === 0x2014) return SCONTINUE; // en and em dash
  if (c === 0x2026 || c === 0x2022) return OTHER; // ellipsis, bullet
  return NONE;
}

/** Whether the scanner handles every code unit of `text`. */
export function isSimpleSentenceText(text: string): boolean {
  return lastComplex(text) === -1;
}

/** The index of the last code unit of `text` the scanner does not handle, or -1. */
export function lastComplex(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (classOf(text.charCodeAt(i)) === NONE) return i;
  return -1;
}

// Scanner states: where we are relative to the last sentence terminator.
const NORMAL = 0;
/** After SATerm Close*. */
const TERM = 1;
/** After SATerm Close* Sp+. */
const SPACE = 2;
/** After ATerm Close* Sp* and non-letters: a break at `candidate` unless a lower-case letter comes (SB8). */
const LOOK = 3;
/** After a CR: a break after it, or after the LF that follows. */
const AFTER_CR = 4;

/**
 * Finds sentence breaks incrementally. Positions are stream offsets. `lastBreak` is the last break that no
 * later text can remove (SB8 looks ahead past digits and punctuation to the next letter, so a break after `1. `
 * counts once a letter, terminator or line break follows).
 */
export class SentenceScanner {
  lastBreak = 0;
  /** When set, receives every break as it is found (for the specs). */
  breaks: number[] | null = null;
  private state = NORMAL;
  private aterm = false;
  /** The previous character was the terminator itself (SB6, SB7). */
  private adjacent = false;
  /** The ATerm followed an upper- or lower-case letter (SB7). */
  private afterLetter = false;
  private previousLetter = false;
  private candidate = 0;

  /** Starts again at a sentence start (stream offset `at`). */
  reset(at: number): void {
    this.lastBreak = at;
    this.state = NORMAL;
    this.previousLetter = false;
  }

  /**
   * Scans `text[from, to)`, which starts at stream offset `offset + from`. Returns `false`, having scanned only
   * part, at the first code unit it does not handle.
   */
  scan(text: string, from: number, to: number, offset: number): boolean {
    for (let i = from; i < to; i++) {
      const k = classOf(text.charCodeAt(i));
      if (k === NONE) return false;
      this.step(k, offset + i);
    }
    return true;
  }

  private step(k: number, at: number): void {
    if (this.state === AFTER_CR) {
      this.state = NORMAL;
      if (k === LF) {
        this.found(at + 1);
        return;
      }
      this.found(at);
    }
    if (k === LF || k === CR) {
      // SB4: a break after every paragraph separator (SB3: CR LF together); SB8 stops at one.
      if (this.state === LOOK) this.found(this.candidate);
      if (k === LF) {
        this.found(at + 1);
        this.state = NORMAL;
      } else this.state = AFTER_CR;
      this.previousLetter = false;
      return;
    }
    switch (this.state) {
      case TERM:
        if (k === CLOSE) {
          this.adjacent = false; // SB9
          return;
        }
        if (k === SP) {
          this.state = SPACE; // SB9
          return;
        }
        this.decide(k, at);
        return;
      case SPACE:
        if (k === SP) return; // SB10
        this.adjacent = false;
        this.decide(k, at);
        return;
      case LOOK:
        if (k === LOWER) {
          this.state = NORMAL; // SB8: the sentence goes on
          this.previousLetter = true;
          return;
        }
        if (k === UPPER || k === OLETTER || k === ATERM || k === STERM) {
          this.found(this.candidate);
          this.state = NORMAL;
          this.normal(k);
        }
        return;
      default:
        this.normal(k);
    }
  }

  private found(at: number): void {
    this.lastBreak = at;
    this.breaks?.push(at);
  }

  /** The break SB8 would make if the text ended here (the candidate it is looking past), else `lastBreak`. */
  breakAtEnd(): number {
    return this.state === LOOK ? this.candidate : this.lastBreak;
  }

  /** The character right after SATerm Close* Sp*: a break before it, or not. */
  private decide(k: number, at: number): void {
    this.state = NORMAL;
    if (k === SCONTINUE || k === ATERM || k === STERM) {
      this.normal(k); // SB8a
      return;
    }
    if (this.aterm) {
      if (this.adjacent && (k === NUMERIC || (k === UPPER && this.afterLetter))) {
        this.normal(k); // SB6, SB7
        return;
      }
      if (k === LOWER) {
        this.normal(k); // SB8
        return;
      }
      if (k !== UPPER && k !== OLETTER) {
        this.state = LOOK; // SB8 looks further
        this.candidate = at;
        this.previousLetter = false;
        return;
      }
    }
    this.found(at); // SB11
    this.normal(k);
  }

  private normal(k: number): void {
    if (k === ATERM || k === STERM) {
      this.state = TERM;
      this.aterm = k === ATERM;
      this.adjacent = true;
      this.afterLetter = this.previousLetter;
      this.previousLetter = false;
      return;
    }
    this.previousLetter = k === UPPER || k === LOWER;
  }
}

/** Every sentence break the scanner finds in `text` (simple text only), for the probe and the specs. */
export function simpleSentenceBreaks(text: string): number[] {
  const scanner = new SentenceScanner();
  const breaks = [0];
  scanner.breaks = breaks;
  if (!scanner.scan(text, 0, text.length, 0)) throw new RangeError('simpleSentenceBreaks: not simple text');
  breaks.push(scanner.breakAtEnd(), text.length);
  return [...new Set(breaks)].filter((at) => at <= text.length);
}
