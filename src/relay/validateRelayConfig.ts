import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { strictPartial, withName } from '../core/codecs';
import { validateConfig, type ResolvedConfig } from '../core/config';
import { isPlainObject, snapshotPlain, unreadable, type ReadingAt } from '../core/snapshot';
import { IssueList } from '../core/toIssues';
import { describeValue, InvalidRequestError } from '../errors';
import { DEFAULT_RECONNECT, type ReconnectOptions } from './resumeEvents';

/** A whole number in [0, 1000]. */
const Attempts = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.number, (n) => Number.isInteger(n) && n >= 0 && n <= 1000),
  'a whole number in [0, 1000]',
);
/** A finite delay ≥ 0. */
const DelayMs = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.number, (n) => Number.isFinite(n) && n >= 0),
  'a finite number of milliseconds ≥ 0',
);
const Reconnect = /*#__PURE__*/ strictPartial({
  attempts: Attempts,
  initialDelayMs: DelayMs,
  maxDelayMs: DelayMs,
});
const ModelIds = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.readonlyArray(
    /*#__PURE__*/ withName(
      /*#__PURE__*/ t.refinement(t.string, (s) => s.length > 0),
      'a non-empty string',
    ),
  ),
  'an array of model names',
);

/** A checked relay configuration: the shared part resolved, the reconnect policy complete, the model names. */
export interface ResolvedRelayConfig {
  /** Transport, headers, reliability and scheduler, as every provider has them. */
  readonly config: ResolvedConfig;
  /** The reconnect policy, defaults filled in. */
  readonly reconnect: Required<ReconnectOptions>;
  /** What `listModels` answers. */
  readonly models: readonly string[];
}

/**
 * Checks a relay client's configuration without throwing: `baseURL` is required (the URL where the relay is
 * mounted), `reconnect` and `models` are checked here, the shared keys by `validateConfig`. Errors name the field.
 *
 * @example
 * ```ts
 * validateRelayConfig({ baseURL: 'http://127.0.0.1:3000/relay' }); // Right({ config, reconnect, models: [] })
 * validateRelayConfig({ baseURL: 'http://x', reconnect: { attempts: -1 } });
 * // Left(InvalidRequestError: config.reconnect.attempts: expected a whole number in [0, 1000], got -1)
 * ```
 */
export function validateRelayConfig(input: unknown): E.Either<InvalidRequestError, ResolvedRelayConfig> {
  const at: ReadingAt = { path: 'config' };
  let config: unknown;
  try {
    // Read once (a getter or Proxy trap that throws is a Left): what is checked is what is used.
    config = snapshotPlain(input, 3, 'config', at);
  } catch {
    return E.left(unreadable(at));
  }
  if (!isPlainObject(config))
    return E.left(
      new InvalidRequestError([
        {
          path: 'config',
          expected: 'an object { baseURL, headers?, reconnect?, models?, … }',
          actual: describeValue(config),
        },
      ]),
    );
  const { reconnect, models, ...shared } = config;
  const issues = new IssueList((_path, value) => (typeof value === 'number' ? String(value) : undefined));
  if (shared['baseURL'] === undefined)
    issues.add({
      path: 'config.baseURL',
      expected: 'the URL where the relay is mounted, such as "https://example.com/api/relay"',
      actual: 'undefined',
    });
  const checkedReconnect = Reconnect.validate(reconnect ?? {}, [
    { key: 'config.reconnect', type: Reconnect, actual: reconnect },
  ]);
  if (E.isLeft(checkedReconnect)) issues.addErrors(checkedReconnect.left);
  const checkedModels = ModelIds.validate(models ?? [], [
    { key: 'config.models', type: ModelIds, actual: models },
  ]);
  if (E.isLeft(checkedModels)) issues.addErrors(checkedModels.left);
  const checked = validateConfig(shared);
  if (E.isLeft(checked)) {
    for (const issue of checked.left.issues) issues.add(issue);
    issues.addOmitted(checked.left.omittedIssues);
  }
  if (issues.size > 0 || E.isLeft(checked) || E.isLeft(checkedReconnect) || E.isLeft(checkedModels))
    return E.left(issues.toError());
  return E.right({
    config: checked.right,
    reconnect: { ...DEFAULT_RECONNECT, ...withoutUndefined(checkedReconnect.right) },
    models: [...checkedModels.right],
  });
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
