/**
 * A bad option of `aivvm-rx serve` / `npm run server`: a value that cannot be used (`--chunk-size 0`,
 * `--port 99999`, `--static <missing dir>`, a port already in use). The commands exit with code 2 (usage) on it,
 * and its message names the option.
 *
 * @example
 * ```ts
 * throw new ServeOptionError('--port', '--port expects an integer from 0 to 65535, got "99999"');
 * ```
 */
export class ServeOptionError extends Error {
  override readonly name = 'ServeOptionError';
  /** The option at fault, e.g. `--port`; `undefined` when the arguments as a whole are wrong. */
  readonly option: string | undefined;

  /**
   * @param option - the option at fault, e.g. `--port`
   * @param message - what is wrong and what is expected, naming the option
   */
  constructor(option: string | undefined, message: string) {
    super(message);
    this.option = option;
  }
}
