/**
 * `10 000`: digits in groups of three, as every count in messages is written.
 *
 * @internal
 */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * `3 items`, `1 item`: a count with its digits grouped, and its unit in the plural unless it is 1.
 *
 * @internal
 */
export function plural(n: number, unit: string): string {
  return `${groupDigits(n)} ${unit}${n === 1 ? '' : 's'}`;
}
