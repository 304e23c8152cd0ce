import { models } from '../../src';
import { serverModels } from '../../src/testing/serverModels';
import { startAivvmServer } from '../../src/testing';

describe("the local server's default model list", () => {
  it("is the client's model table, in its order (a copy: the server imports nothing of the client)", () => {
    expect(serverModels).toEqual(Object.values(models));
  });

  it('is what POST /api/models answers when the server is not told otherwise', async () => {
    const server = await startAivvmServer();
    try {
      const response = await fetch(`${server.url}/api/models`, {
        method: 'POST',
        body: JSON.stringify({ key: '' }),
      });
      expect(await response.json()).toEqual(Object.values(models));
    } finally {
      await server.close();
    }
  });
});
