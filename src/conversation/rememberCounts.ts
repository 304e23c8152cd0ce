/**
 * Wraps a text counter so that recent texts are counted once. A conversation counts its whole history before
 * every request: without this, each request would count again what the previous ones already counted. At most
 * `maxChars` characters of text are kept (the oldest go first); a longer text is counted and not kept.
 *
 * @example
 * ```ts
 * const count = rememberCounts((text) => slowCount(text), 2_000_000);
 * count(history); count(history); // the second call is a Map lookup
 * ```
 */
export function rememberCounts(count: (text: string) => number, maxChars: number): (text: string) => number {
  const recent = new Map<string, number>();
  let recentChars = 0;
  return (text) => {
    const known = recent.get(text);
    if (known !== undefined) return known;
    const counted = count(text);
    if (text.length > maxChars) return counted;
    for (const old of recent.keys()) {
      if (recentChars + text.length <= maxChars) break;
      recent.delete(old);
      recentChars -= old.length;
    }
    recent.set(text, counted);
    recentChars += text.length;
    return counted;
  };
}
