/**
 * The node flags every timed run of the bench starts with.
 *
 * - `--expose-gc`: the harness collects garbage before each run, so that no run pays for the garbage of the one
 *   before.
 * - `--no-concurrent-sweeping`: after a full collection V8 sweeps the freed pages on helper threads, and
 *   `process.cpuUsage` counts those threads: 6–14 ms of CPU landed in the run after each forced `gc()` (measured
 *   idle for 100 ms after it; 0.5 ms with this flag). That constant went to both sides of a ratio and pulled every
 *   ratio of short runs towards 1 (`paceTextBurst`: ~25 ms runs). Sweeping on the main thread finishes inside the
 *   collection that caused it, so each run is charged for its own.
 */
export const BENCH_NODE_FLAGS: readonly string[] = ['--expose-gc', '--no-concurrent-sweeping'];
