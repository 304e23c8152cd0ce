import { either as E } from 'fp-ts';
import { validateConfig, type ResolvedConfig } from '../../config';
import { InvalidRequestError, renderValue, type ValidationIssue } from '../../errors';

/** A checked OpenAI-compatible configuration: the shared part, resolved, and the API key. */
export interface ResolvedOpenAIConfig {
  readonly config: ResolvedConfig;
  readonly apiKey: string | undefined;
}

// CR, LF and NUL in a header value would let it inject headers.
const BAD_HEADER_VALUE = /[\r\n\0]/;

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
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return E.left(
      new InvalidRequestError([{ path: 'config', expected: 'an object', actual: renderValue(config) }]),
    );
  }
  const { apiKey, ...shared } = config as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  if (shared['baseURL'] === undefined) {
    issues.push({
      path: 'config.baseURL',
      expected: 'an http(s) URL with the API prefix, such as "http://127.0.0.1:11434/v1"',
      actual: 'undefined',
    });
  }
  if (
    apiKey !== undefined &&
    (typeof apiKey !== 'string' || apiKey === '' || BAD_HEADER_VALUE.test(apiKey))
  ) {
    // Say what is wrong without echoing the key.
    const actual =
      typeof apiKey !== 'string'
        ? renderValue(apiKey)
        : apiKey === ''
          ? '""'
          : 'a string containing CR, LF or NUL';
    issues.push({ path: 'config.apiKey', expected: 'a non-empty string without CR, LF or NUL', actual });
  }
  const checked = validateConfig(shared);
  if (E.isLeft(checked)) issues.push(...checked.left.issues);
  if (issues.length > 0 || E.isLeft(checked)) return E.left(new InvalidRequestError(issues));
  return E.right({ config: checked.right, apiKey: apiKey as string | undefined });
}
