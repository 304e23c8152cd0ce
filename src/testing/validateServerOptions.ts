import { showValue } from './replyIssue';
import type { AivvmServerOptions } from './types';

const OPTIONS: Readonly<Record<keyof AivvmServerOptions, true>> = {
  host: true,
  port: true,
  reply: true,
  replies: true,
  models: true,
  staticDir: true,
  cors: true,
};

/**
 * Checks the shape of {@link AivvmServerOptions} before the server starts: known option names, a port in
 * 0…65535, a non-empty host, `replies` an array, `reply` an object or a function, `staticDir` a string. The
 * replies themselves are checked by `validateReply`, CORS by `validateCors`. Throws a `TypeError` or
 * `RangeError` naming the option.
 *
 * @example
 * ```ts
 * validateServerOptions({ port: 99_999 }); // throws RangeError: options.port must be an integer from 0 to 65535, got 99999
 * ```
 */
export function validateServerOptions(options: AivvmServerOptions): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new TypeError(`options must be an object, got ${showValue(options)}`);
  for (const key of Object.keys(options)) {
    if (!Object.prototype.hasOwnProperty.call(OPTIONS, key))
      throw new RangeError(
        `options.${key} is not an option of startAivvmServer (${Object.keys(OPTIONS).join(', ')})`,
      );
  }
  const { host, port, reply, replies, staticDir } = options;
  if (host !== undefined && (typeof host !== 'string' || host.trim() === ''))
    throw new TypeError(`options.host must be a host name or an IP address, got ${showValue(host)}`);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535))
    throw new RangeError(`options.port must be an integer from 0 to 65535, got ${showValue(port)}`);
  if (replies !== undefined && !Array.isArray(replies))
    throw new TypeError(`options.replies must be an array of replies, got ${showValue(replies)}`);
  if (reply !== undefined && typeof reply !== 'function' && (typeof reply !== 'object' || reply === null))
    throw new TypeError(
      `options.reply must be a reply object or a function (request, index) => reply, got ${showValue(reply)}`,
    );
  if (staticDir !== undefined && typeof staticDir !== 'string')
    throw new TypeError(`options.staticDir must be a directory path, got ${showValue(staticDir)}`);
}
