/**
 * The relay examples run as real processes (node --import tsx, decorators from examples/tsconfig.json) against
 * the local server: an answer cut after two events resumes whole from one upstream request, and DELETE stops one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { multilingualText, openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { BODY, chatRequests, textOf } from './relayFixture';
import { eventsOf, openStream, resume, startAnswer, streamOf } from './relayHttp';

const root = resolve(__dirname, '..', '..');
const upstream = useAivvmServer();
const TEXT = multilingualText(400);

/** Starts an example on a free port and resolves with its relay URL once it prints that it listens. */
function runExample(file: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        UPSTREAM_URL: `${upstream.current.url}/v1`,
        TSX_TSCONFIG_PATH: 'examples/tsconfig.json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const match = /relay listening on (\S+)\n/.exec(stdout);
      if (match?.[1] !== undefined) done({ url: match[1], child });
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`${file} exited (${code}) before listening: ${stderr}`)));
  });
}

describe.each(['examples/relay-node.ts', 'examples/relay-express.ts', 'examples/relay-nest.ts'])(
  '%s',
  (file) => {
    it('streams, resumes after a cut from one upstream request, and stops on DELETE', async () => {
      upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 4, chunkSize: 120, chunkDelayMs: 5 }));
      const { url, child } = await runExample(file);
      try {
        const answer = await startAnswer(url, BODY);
        expect(answer.status).toBe(200);
        const seen = (await answer.waitFor(2)).slice(0, 2);
        answer.abort();
        const { id, token } = streamOf(answer);
        const rest = await resume(url, id, token, 2);
        const all = [...seen, ...eventsOf(await rest.done)];
        expect(all.map((frame) => frame.id)).toEqual(all.map((_, i) => i + 1));
        expect(textOf(all)).toBe(TEXT);
        expect(chatRequests(upstream.current)).toHaveLength(1);

        const second = await startAnswer(url, BODY);
        await second.waitFor(1);
        const stop = await openStream(`${url}/${second.headers.get('x-stream-id')}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${second.headers.get('x-stream-token')}` },
        });
        expect(stop.status).toBe(204);
        const last = eventsOf(await second.done).at(-1);
        expect(JSON.parse(last?.data ?? '{}')._tag).toBe('StoppedError');
        expect((await resume(url, id, 'not-the-token')).status).toBe(403);
      } finally {
        child.kill();
      }
    }, 30_000);
  },
);
