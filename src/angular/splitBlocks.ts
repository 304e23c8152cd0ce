/**
 * A finished block of {@link splitBlocks}: its text, and where the text after it (and after the blank lines
 * that closed it) starts.
 *
 * @example
 * ```ts
 * splitBlocks('# Title\n\nOne').done[0]; // { text: '# Title\n', end: 9 }
 * ```
 */
export interface TextBlock {
  /** The block's markdown, up to and including its last line's `\n`. */
  readonly text: string;
  /** The index in the whole text where the next block starts, after the blank lines that closed this one. */
  readonly end: number;
}

const OPENING_FENCE = /^ {0,3}(`{3,}|~{3,})/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * Cuts a growing markdown text into the blocks that are finished (closed by a complete blank line outside a
 * code fence) and the open rest, which may still grow. Finished blocks never change as text is appended, so a
 * renderer can render each once. A block is what markdown renders on its own: a paragraph, a heading with its
 * lines, a fenced code block (blank lines inside are kept), a list without blank lines. Cut points are blank
 * lines only, so a loose list becomes several lists, and reference-style link definitions apply within their
 * block.
 *
 * @example
 * ```ts
 * splitBlocks('Hello\n\n```\na\n\nb\n```\n\nWor');
 * // { done: [{ text: 'Hello\n', end: 7 }, { text: '```\na\n\nb\n```\n', end: 21 }], open: 'Wor' }
 * ```
 */
export function splitBlocks(text: string): {
  /** The finished blocks, in order; appending text never changes them. */
  readonly done: readonly TextBlock[];
  /** The text after the last finished block, which may still grow (empty when all is finished). */
  readonly open: string;
} {
  const done: TextBlock[] = [];
  let start = 0;
  let lineStart = 0;
  let fence: string | undefined;
  for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', lineStart)) {
    // Only complete lines count: the last one, without its '\n', may still grow.
    const from = lineStart;
    const line = text.slice(from, end);
    lineStart = end + 1;
    if (fence !== undefined) {
      const closing = CLOSING_FENCE.exec(line)?.[1];
      if (closing !== undefined && closing[0] === fence[0] && closing.length >= fence.length)
        fence = undefined;
    } else if (line.trim() === '') {
      if (text.slice(start, from).trim() !== '') done.push({ text: text.slice(start, from), end: lineStart });
      start = lineStart;
    } else {
      fence = OPENING_FENCE.exec(line)?.[1];
    }
  }
  return { done, open: text.slice(start) };
}
