import { nextScanAt, type Cutter } from './cutter';
import { lastComplex, SentenceScanner, simpleSentenceBreaks } from './sentenceScanner';
import { continuesCluster } from './unicode';
import { settledLength, type View } from './view';

// Characters after which a sentence may end (ASCII and the common non-ASCII terminators and separators).
const SENTENCE_END =
  /[.!?\n\r\v\f\u0085\u2028\u2029\u037e\u0589\u061f\u06d4\u0964\u0965\u1362\u1367\u1368\u203c\u203d\u2047-\u2049\u3002\ufe52\ufe56\ufe57\uff01\uff0e\uff1f\uff61]/;
const LETTER = /\p{L}/u;

/**
 * Cuts at the last sentence break later text cannot remove.
 *
 * Simple text (Latin letters, digits, ASCII punctuation, common quotes and dashes) goes through
 * {@link SentenceScanner}, which applies the UAX #29 rules in JavaScript, one pass over each chunk. While the
 * held text holds any other character, the segmenter decides: whether `Sentence.`, then `  `, then `Next` is a
 * boundary depends on the next letter (lower case continues the sentence), so a boundary counts once the
 * segment after it holds a letter; otherwise the one before is used. The segmenter runs only while the held
 * text holds a possible terminator.
 *
 * The scanner is used only when it agrees with this segmenter on a probe text: a locale may change the rules
 * (in Greek `;` ends a question).
 */
export function sentenceCutter(sentences: Intl.Segmenter): () => Cutter {
  const fast = scannerAgrees(sentences);
  return () => newSentenceCutter(sentences, fast);
}

function newSentenceCutter(sentences: Intl.Segmenter, fast: boolean): Cutter {
  const scanner = fast ? new SentenceScanner() : null;
  // Stream offset just past the last character the scanner does not handle: until the held text starts there,
  // the segmenter decides.
  let complexUntil = 0;
  let terminated = false;
  let scanAt = 0;

  /** Back to the scanner once the held text (from stream offset `offset`) is simple again. */
  const resume = (held: string, offset: number): number => {
    scanner!.reset(offset);
    scanner!.scan(held, 0, held.length, offset);
    return scanner!.lastBreak - offset;
  };

  const segmenterCut = (view: View): number => {
    const { text } = view;
    const length = text.length;
    if (!terminated) terminated = SENTENCE_END.test(view.chunk);
    if (!terminated || length < scanAt) return 0;
    const end = settledLength(view);
    const segments = sentences.segment(end === length ? text : text.slice(0, end));
    const last = end === 0 ? undefined : segments.containing(end - 1);
    let cut = 0;
    if (last !== undefined && last.index !== 0) {
      cut = LETTER.test(last.segment) ? last.index : (segments.containing(last.index - 1)?.index ?? 0);
      if (cut !== 0 && continuesCluster(text, cut)) cut = 0;
    }
    if (cut !== 0) terminated = SENTENCE_END.test(text.slice(cut));
    scanAt = nextScanAt(length - cut, 1);
    return cut;
  };

  return {
    cut(view) {
      if (scanner === null) return segmenterCut(view);
      const { chunk, newStart, offset } = view;
      const chunkAt = offset + newStart;
      if (offset >= complexUntil) {
        if (scanner.scan(chunk, 0, chunk.length, chunkAt)) return Math.max(0, scanner.lastBreak - offset);
        // The segmenter takes over from the start of the held text.
        terminated = SENTENCE_END.test(view.text);
        scanAt = 0;
      }
      const complex = lastComplex(chunk);
      if (complex !== -1) complexUntil = chunkAt + complex + 1;
      const cut = segmenterCut(view);
      if (offset + cut < complexUntil) return cut;
      return cut + Math.max(0, resume(view.text.slice(cut), offset + cut));
    },
    reset(held, offset) {
      terminated = SENTENCE_END.test(held);
      scanAt = 0;
      if (scanner === null) return;
      const complex = lastComplex(held);
      complexUntil = complex === -1 ? 0 : offset + complex + 1;
      if (complex === -1) resume(held, offset);
    },
  };
}

const PROBE =
  'Mr. Smith went; yes. Why? 3.14 is pi. e.g. this. U.S. Army. “Quoted.” (A) a. 1. 2. Ok!\nNext\r\nLine: x. Y';

// Per resolved locale: the probe costs tens of microseconds.
const agreement = /*#__PURE__*/ new Map<string, boolean>();

/** Whether the scanner finds the same breaks as `sentences` (same locale) on a probe text. */
function scannerAgrees(sentences: Intl.Segmenter): boolean {
  const locale = sentences.resolvedOptions().locale;
  let agrees = agreement.get(locale);
  if (agrees === undefined) {
    const expected = [0, ...[...sentences.segment(PROBE)].slice(1).map(({ index }) => index), PROBE.length];
    agrees = simpleSentenceBreaks(PROBE).join() === expected.join();
    agreement.set(locale, agrees);
  }
  return agrees;
}
