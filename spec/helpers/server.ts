import { startAivvmServer, type AivvmServer, type AivvmServerOptions } from '../../src/testing';

/**
 * Starts a fresh local Aivvm server before each test of the enclosing `describe` and closes it after.
 * Read `.current` inside tests.
 */
export function useAivvmServer(options?: AivvmServerOptions): { readonly current: AivvmServer } {
  let server: AivvmServer | undefined;
  beforeEach(async () => {
    server = await startAivvmServer(options);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  return {
    get current(): AivvmServer {
      if (server === undefined) throw new Error('useAivvmServer: the server is only available inside a test');
      return server;
    },
  };
}
