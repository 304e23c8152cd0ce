import type { IncompleteResponseError, InvalidResponseError } from '../errors';
import { incompleteJson, invalidJson } from './jsonErrors';
import type { JsonTree } from './JsonTree';

// Where the scanner is. Between tokens:
const VALUE = 0; // a value must come: at the root, after ':' or after ',' in an array
const VALUE_OR_CLOSE = 1; // after '[': a value or ']'
const KEY_OR_CLOSE = 2; // after '{': a key or '}'
const KEY = 3; // after ',' in an object
const COLON = 4; // after a key
const COMMA_OR_CLOSE = 5; // after a value in a container
const AFTER = 6; // the root value is complete: only whitespace may follow
// Inside a token:
const STRING = 7;
const ESCAPE = 8; // after '\'
const UNICODE = 9; // after '\u', reading 4 hex digits
const NUMBER = 10;
const LITERAL = 11; // true, false, null
// Lenient mode:
const PROSE = 12; // before the JSON: looking for '{', '[' or a ``` fence
const FENCE = 13; // on the fence line (```json): the JSON starts on the next line
const IGNORE = 14; // after the JSON: everything is skipped
const FAILED = 15;

// Number grammar (RFC 8259): -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
const N_START = 0;
const N_MINUS = 1;
const N_ZERO = 2; // complete
const N_INT = 3; // complete
const N_DOT = 4;
const N_FRAC = 5; // complete
const N_EXP = 6;
const N_EXP_SIGN = 7;
const N_EXP_DIGITS = 8; // complete

const ESCAPES: Readonly<Record<number, string>> = {
  34: '"',
  92: '\\',
  47: '/',
  98: '\b',
  102: '\f',
  110: '\n',
  114: '\r',
  116: '\t',
};

/**
 * An incremental JSON parser over text chunks, with `JSON.parse`'s grammar and values: each character is looked
 * at once, whatever the chunking (a token split across chunks resumes where it stopped), and values are built
 * into a {@link JsonTree}. Works on UTF-16 text directly: offsets are character offsets, and lone surrogates stay
 * as they are, as `JSON.parse` keeps them.
 *
 * A string value being read is kept to show in partials, without a trailing high surrogate (held back until its
 * pair arrives, so a partial never ends in half an emoji).
 */
export class JsonScanner {
  private state: number;
  /** Characters of the chunks before the current one. */
  private consumed = 0;
  /**
   * The string being read: `text` up to the end of the previous chunk (without `held`, a final high surrogate
   * whose pair may follow), then the pieces of this chunk (raw runs and unescaped characters, joined once: a
   * concatenation per escape costs more in garbage than the rest of the parse).
   */
  private text = '';
  private held = '';
  private readonly pieces: string[] = [];
  private inKey = false;
  /** Length of the string value when last shown (a partial is due when it grew). */
  private shown = 0;
  private hex = 0;
  private hexDigits = 0;
  /** The number's characters from earlier chunks, and where the grammar is. */
  private number = '';
  private numberState = N_START;
  private literal = '';
  private literalAt = 0;
  /** Backticks in a row (lenient mode, before the JSON). */
  private ticks = 0;
  /** The state the scanner failed in. */
  private failedIn = FAILED;
  /** The error that stopped the scanner. */
  failure: InvalidResponseError | undefined;

  constructor(
    private readonly tree: JsonTree,
    private readonly lenient: boolean,
  ) {
    this.state = lenient ? PROSE : VALUE;
  }

  /** The string value being read, as far as it arrived (for partials); `undefined` when not in one. */
  get pendingString(): string | undefined {
    // After a failure, the string it cut is still shown in the last partial.
    const state = this.state === FAILED ? this.failedIn : this.state;
    return (state === STRING || state === ESCAPE || state === UNICODE) && !this.inKey ? this.text : undefined;
  }

  /** Reads one chunk. Returns `false` when the text is not JSON (see {@link failure}); later chunks are ignored. */
  write(chunk: string): boolean {
    if (this.state === FAILED) return false;
    const tree = this.tree;
    const n = chunk.length;
    let state = this.state;
    let i = 0;
    scan: while (i < n) {
      let c = chunk.charCodeAt(i);
      switch (state) {
        case STRING: {
          let j = i;
          while (j < n) {
            c = chunk.charCodeAt(j);
            if (c === 34 || c === 92 || c < 32) break;
            j++;
          }
          if (j === n) {
            this.pieces.push(chunk.slice(i, n));
            i = n;
          } else if (c === 34) {
            const value = this.closeString(chunk.slice(i, j));
            i = j + 1;
            if (this.inKey) {
              tree.key = value;
              state = COLON;
            } else {
              tree.value(value);
              state = tree.top < 0 ? this.afterRoot() : COMMA_OR_CLOSE;
            }
          } else if (c === 92) {
            if (j > i) this.pieces.push(chunk.slice(i, j));
            i = j + 1;
            state = ESCAPE;
          } else {
            if (j > i) this.pieces.push(chunk.slice(i, j)); // the string up to there is shown in the last partial
            this.state = state;
            return this.fail(
              chunk,
              j,
              'a character other than a control character (escape it: \\n, \\t, \\u0000 …)',
            );
          }
          continue;
        }
        case ESCAPE: {
          if (c === 117) {
            this.hex = 0;
            this.hexDigits = 0;
            state = UNICODE;
          } else {
            const escaped = ESCAPES[c];
            if (escaped === undefined) {
              this.state = state;
              return this.fail(chunk, i, 'an escape: one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX');
            }
            this.pieces.push(escaped);
            state = STRING;
          }
          i++;
          continue;
        }
        case UNICODE: {
          const digit = hexValue(c);
          if (digit < 0) {
            this.state = state;
            return this.fail(chunk, i, 'a hexadecimal digit (\\u takes four)');
          }
          this.hex = this.hex * 16 + digit;
          if (++this.hexDigits === 4) {
            this.pieces.push(String.fromCharCode(this.hex));
            state = STRING;
          }
          i++;
          continue;
        }
        case NUMBER: {
          let ns = this.numberState;
          let j = i;
          for (; j < n; j++) {
            c = chunk.charCodeAt(j);
            if (c >= 48 && c <= 57) {
              if (ns === N_START || ns === N_MINUS) ns = c === 48 ? N_ZERO : N_INT;
              else if (ns === N_ZERO)
                break; // no leading zeros: the number ends, and the digit is unexpected
              else if (ns === N_DOT) ns = N_FRAC;
              else if (ns === N_EXP || ns === N_EXP_SIGN) ns = N_EXP_DIGITS;
            } else if (c === 45 && ns === N_START) ns = N_MINUS;
            else if (c === 46 && (ns === N_ZERO || ns === N_INT)) ns = N_DOT;
            else if ((c === 101 || c === 69) && (ns === N_ZERO || ns === N_INT || ns === N_FRAC)) ns = N_EXP;
            else if ((c === 43 || c === 45) && ns === N_EXP) ns = N_EXP_SIGN;
            else break;
          }
          this.numberState = ns;
          if (j === n) {
            this.number += chunk.slice(i, n);
            i = n;
            continue;
          }
          if (!numberComplete(ns)) {
            this.state = state;
            return this.fail(chunk, j, 'a digit');
          }
          const text = this.number === '' ? chunk.slice(i, j) : this.number + chunk.slice(i, j);
          this.number = '';
          tree.value(Number(text));
          state = tree.top < 0 ? this.afterRoot() : COMMA_OR_CLOSE;
          i = j; // the character after the number is read in the new state
          continue;
        }
        case LITERAL: {
          const literal = this.literal;
          let at = this.literalAt;
          while (i < n && at < literal.length) {
            if (chunk.charCodeAt(i) !== literal.charCodeAt(at)) {
              this.state = state;
              return this.fail(chunk, i, `${JSON.stringify(literal[at])} (of ${literal})`);
            }
            i++;
            at++;
          }
          this.literalAt = at;
          if (at === literal.length) {
            tree.value(literal === 'true' ? true : literal === 'false' ? false : null);
            state = tree.top < 0 ? this.afterRoot() : COMMA_OR_CLOSE;
          }
          continue;
        }
        case PROSE: {
          for (; i < n; i++) {
            c = chunk.charCodeAt(i);
            if (c === 123 || c === 91) {
              state = VALUE;
              continue scan;
            }
            if (c !== 96) this.ticks = 0;
            else if (++this.ticks === 3) {
              state = FENCE;
              i++;
              continue scan;
            }
          }
          continue;
        }
        case FENCE: {
          const end = chunk.indexOf('\n', i);
          if (end < 0) i = n;
          else {
            i = end + 1;
            state = VALUE;
          }
          continue;
        }
        case IGNORE:
          i = n;
          continue;
      }
      // Between tokens.
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
        continue;
      }
      switch (state) {
        case VALUE:
        case VALUE_OR_CLOSE:
          if (c === 34) {
            this.inKey = false;
            this.shown = 0;
            tree.touch(); // the key (or array slot) appears now, with ''
            state = STRING;
          } else if (c === 123) {
            tree.open(false);
            state = KEY_OR_CLOSE;
          } else if (c === 91) {
            tree.open(true);
            state = VALUE_OR_CLOSE;
          } else if (c === 45 || (c >= 48 && c <= 57)) {
            this.numberState = N_START;
            state = NUMBER;
            continue; // read by the number's own loop
          } else if (c === 116 || c === 102 || c === 110) {
            this.literal = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
            this.literalAt = 1;
            state = LITERAL;
          } else if (c === 93 && state === VALUE_OR_CLOSE) {
            tree.close();
            state = tree.top < 0 ? this.afterRoot() : COMMA_OR_CLOSE;
          } else {
            this.state = state;
            return this.fail(chunk, i, state === VALUE_OR_CLOSE ? 'a JSON value or "]"' : 'a JSON value');
          }
          break;
        case KEY_OR_CLOSE:
        case KEY:
          if (c === 34) {
            this.inKey = true;
            state = STRING;
          } else if (c === 125 && state === KEY_OR_CLOSE) {
            tree.close();
            state = tree.top < 0 ? this.afterRoot() : COMMA_OR_CLOSE;
          } else {
            this.state = state;
            return this.fail(
              chunk,
              i,
              state === KEY_OR_CLOSE
                ? 'a key (a string in double quotes) or "}"'
                : 'a key (a string in double quotes)',
            );
          }
          break;
        case COLON:
          if (c !== 58) {
            this.state = state;
            return this.fail(chunk, i, '":"');
          }
          state = VALUE;
          break;
        case COMMA_OR_CLOSE: {
          const inArray = tree.inArray;
          if (c === 44) state = inArray ? VALUE : KEY;
          else if (c === (inArray ? 93 : 125)) {
            tree.close();
            state = tree.top < 0 ? this.afterRoot() : COMMA_OR_CLOSE;
          } else {
            this.state = state;
            return this.fail(chunk, i, inArray ? '"," or "]"' : '"," or "}"');
          }
          break;
        }
        case AFTER:
          this.state = state;
          return this.fail(chunk, i, 'the end of the text: only whitespace may follow the JSON value');
      }
      i++;
    }
    this.state = state;
    this.consumed += n;
    this.noteStringGrowth();
    return true;
  }

  /** A string value that grew is due in the next partial. */
  private noteStringGrowth(): void {
    const state = this.state === FAILED ? this.failedIn : this.state;
    if (state === STRING || state === ESCAPE || state === UNICODE) this.foldString();
    if (this.pendingString !== undefined && this.text.length !== this.shown) {
      this.shown = this.text.length;
      this.tree.touch();
    }
  }

  /**
   * The text has ended: completes a number at the very end, or says what is missing. Returns the error, if any.
   */
  end(): IncompleteResponseError | InvalidResponseError | undefined {
    if (this.state === FAILED) return this.failure;
    // Only a number at the root ends with the text; inside a container the text was cut, and so maybe the number.
    if (this.state === NUMBER && numberComplete(this.numberState) && this.tree.top < 0) {
      this.tree.value(Number(this.number));
      this.number = '';
      this.state = this.tree.top < 0 ? this.afterRoot() : COMMA_OR_CLOSE;
    }
    if (this.state === AFTER || this.state === IGNORE) return undefined;
    return incompleteJson(this.consumed, this.whereIncomplete());
  }

  private afterRoot(): number {
    return this.lenient ? IGNORE : AFTER;
  }

  /** The whole string, once its closing quote arrived (`last`: its run in this chunk). */
  private closeString(last: string): string {
    const pieces = this.pieces;
    if (pieces.length === 0 && this.text === '' && this.held === '') return last;
    const value = this.text + this.held + pieces.join('') + last;
    pieces.length = 0;
    this.text = '';
    this.held = '';
    return value;
  }

  /** At the end of a chunk inside a string: its pieces join `text`, a final high surrogate held back. */
  private foldString(): void {
    const pieces = this.pieces;
    if (pieces.length === 0) return;
    const piece = this.held + (pieces.length === 1 ? (pieces[0] as string) : pieces.join(''));
    pieces.length = 0;
    const last = piece.length - 1;
    if (isHighSurrogate(piece.charCodeAt(last))) {
      this.text += piece.slice(0, last);
      this.held = piece.charAt(last);
    } else {
      this.text += piece;
      this.held = '';
    }
  }

  private fail(chunk: string, at: number, expected: string): false {
    const code = chunk.charCodeAt(at);
    // Show a whole surrogate pair when the unexpected character is one.
    const next = chunk.charCodeAt(at + 1);
    const found =
      isHighSurrogate(code) && next >= 0xdc00 && next <= 0xdfff ? chunk.slice(at, at + 2) : chunk.charAt(at);
    // The path names the value being read (a field, an index), or the container when between its members.
    const state = this.state;
    const inString = state === STRING || state === ESCAPE || state === UNICODE;
    const inside = inString
      ? !this.inKey
      : state === VALUE ||
        state === VALUE_OR_CLOSE ||
        state === COLON ||
        state === NUMBER ||
        state === LITERAL;
    this.failure = invalidJson(this.consumed + at, found, expected, this.tree.path(inside));
    this.failedIn = this.state;
    this.state = FAILED;
    this.noteStringGrowth();
    return false;
  }

  private whereIncomplete(): string {
    const tree = this.tree;
    const at = (inside: boolean): string => (tree.top < 0 && !inside ? '' : ` at ${tree.path(inside)}`);
    switch (this.state) {
      case PROSE:
      case FENCE:
        return 'before a JSON value started (lenient: looked for "{", "[" or a ``` fence)';
      case STRING:
      case ESCAPE:
      case UNICODE:
        return this.inKey ? `inside a key of the object${at(false)}` : `inside a string${at(true)}`;
      case NUMBER:
        return `inside a number${at(true)}`;
      case LITERAL:
        return `inside the literal ${this.literal}${at(true)}`;
      case COLON:
        return `after the key ${JSON.stringify(tree.key)}${at(false)}`;
      default:
        if (tree.top < 0) return 'before a JSON value started';
        return `inside ${tree.inArray ? 'an array' : 'an object'} at ${tree.path(false)} (${tree.top + 1} still open)`;
    }
  }
}

function numberComplete(state: number): boolean {
  return state === N_ZERO || state === N_INT || state === N_FRAC || state === N_EXP_DIGITS;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}
