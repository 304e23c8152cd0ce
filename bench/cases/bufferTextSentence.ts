/**
 * `bufferText({ boundary: 'sentence' })` on the pathological "1. 2. 3. …" (every few characters a sentence
 * boundary that only the next terminator confirms), against `'word'` on the same text and chunks: the ratio of
 * their median times. Issue 13 sets the floor at 3 (aim 1.5).
 */
import { from } from 'rxjs';
import { bufferText, type TextBoundary } from '../../src';
import { entry, interleave, median, type Case } from '../harness';

/** "1. 2. 3. …" up to `length` characters, in chunks of 1 to 8 characters (a fixed pseudo-random pattern). */
export function numberedText(length: number): string[] {
  let text = '';
  for (let n = 1; text.length < length; n++) text += `${n}. `;
  const chunks: string[] = [];
  let seed = 7;
  for (let at = 0; at < text.length;) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const size = 1 + ((seed >>> 16) % 8);
    chunks.push(text.slice(at, at + size));
    at += size;
  }
  return chunks;
}

export const bufferTextSentence: Case = async ({ quick, log }) => {
  const chunks = numberedText(quick ? 200_000 : 2_000_000);
  const characters = chunks.reduce((total, chunk) => total + chunk.length, 0);
  const run = (boundary: TextBoundary) => () => {
    let emitted = 0;
    from(chunks)
      .pipe(bufferText({ boundary, maxDelayMs: Infinity }))
      .subscribe((text) => (emitted += text.length));
    if (emitted !== characters) throw new Error(`bufferTextSentence: ${boundary} lost text`);
  };
  const repeats = 5;
  const { time } = await interleave({ sentence: run('sentence'), word: run('word') }, { repeats, warmup: 1 });
  const sentence = median(time.sentence);
  const word = median(time.word);
  log(
    `bufferTextSentence: sentence ${sentence.toFixed(0)} ms, word ${word.toFixed(0)} ms for ${characters} chars`,
  );
  return {
    bufferTextSentence: entry({
      value: sentence / word,
      unit: 'ratio',
      ours: sentence,
      baseline: word,
      detailUnit: 'ms sentence / word',
      floor: 3,
      note: `"1. 2. 3. …", ${characters} chars in ${chunks.length} chunks, median of ${repeats}`,
    }),
  };
};
