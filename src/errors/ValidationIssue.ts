/** One problem found while validating a value: where it is, what was expected and what was there. */
export interface ValidationIssue {
  /** Path of the bad value, e.g. `messages[1].role`. */
  readonly path: string;
  /** What was expected, e.g. `"system" | "user" | "assistant"`. */
  readonly expected: string;
  /** The value found, rendered short and safe for a message (strings quoted and truncated). */
  readonly actual: string;
}
