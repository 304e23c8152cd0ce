import { either as E } from 'fp-ts';
import { HeaderValue } from '../../core/codecs';
import { validateConfig, type ResolvedConfig } from '../../core/config';
import { snapshotPlain, unreadable, type ReadingAt } from '../../core/snapshot';
import { isOpenAIRetryable } from './errors';
import { InvalidRequestError, renderValue } from '../../errors';
import { IssueList } from '../../core/toIssues';

/** A checked OpenAI-compatible configuration: the shared part, resolved, and the API key. */
export interface ResolvedOpenAIConfig {
  readonly config: ResolvedConfig;
  readonly apiKey: string | undefined;
}

/**
 * Checks an OpenAI-compatible configuration without throwing: `baseURL` is required, `apiKey` must be a
 * header-safe string (it is never echoed, even when wrong), and the shared keys are checked by `validateConfig`.
 *
 * @example
 * ```ts
 * validateOpenAIConfig({ baseURL: 'http://127.0.0.1:11434/v1' }); // Right({ config, apiKey: undefined })
 * validateOpenAIConfig({}); // Left(InvalidRequestError: config.baseURL: expected an http(s) URL …)
 * ```
 */
export function validateOpenAIConfig(config: unknown): E.Either<InvalidRequestError, ResolvedOpenAIConfig> {
  const at: ReadingAt = { path: 'config' };
  let copy: unknown;
  try {
    // Read once (a getter or Proxy trap that throws is a Left, like createAivvm's): what is checked is what is used.
    copy = snapshotPlain(config, 3, 'config', at);
  } catch {
    return E.left(unreadable(at));
  }
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    return E.left(
      new InvalidRequestError([{ path: 'config', expected: 'an object', actual: renderValue(copy) }]),
    );
  }
  let apiKey: unknown;
  let shared: Record<string, unknown>;
  try {
    // A class instance is not copied by the snapshot: its getters are read here.
    ({ apiKey, ...shared } = copy as Record<string, unknown>);
    // The snapshot copies enumerable keys; a key defined non-enumerable (to keep it out of logs) is still the key.
    if (
      !Object.prototype.hasOwnProperty.call(copy, 'apiKey') &&
      typeof config === 'object' &&
      config !== null
    )
      apiKey = Reflect.get(config, 'apiKey');
  } catch {
    return E.left(unreadable(at));
  }
  const issues = new IssueList();
  if (shared['baseURL'] === undefined) {
    issues.add({
      path: 'config.baseURL',
      expected: 'an http(s) URL with the API prefix, such as "http://127.0.0.1:11434/v1"',
      actual: 'undefined',
    });
  }
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '' || !HeaderValue.is(apiKey))) {
    // Say what is wrong without echoing the key.
    const actual =
      typeof apiKey !== 'string'
        ? renderValue(apiKey)
        : apiKey === ''
          ? '""'
          : 'a string with a character HTTP headers cannot carry (CR, LF, NUL, a control, or outside Latin-1)';
    issues.add({
      path: 'config.apiKey',
      expected: 'a non-empty string of Latin-1 characters without control characters',
      actual,
    });
  }
  const checked = validateConfig(shared);
  if (E.isLeft(checked)) {
    // The shared config's issues (already capped) and its count of the others: nothing lost, nothing spread.
    for (const issue of checked.left.issues) issues.add(issue);
    issues.addOmitted(checked.left.omittedIssues);
  }
  if (issues.size > 0 || E.isLeft(checked)) return E.left(issues.toError());
  // This protocol's own retry decision, unless the caller chose one (theirs then stays in the policy).
  const ownWhen = (shared['retry'] as { when?: unknown } | undefined)?.when !== undefined;
  const policy = checked.right.policy;
  const resolved = ownWhen
    ? checked.right
    : { ...checked.right, policy: { ...policy, retry: { ...policy.retry, when: isOpenAIRetryable } } };
  return E.right({ config: resolved, apiKey: apiKey as string | undefined });
}
