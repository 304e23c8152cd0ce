/**
 * examples/conversation.ts runs as a real process (node --import tsx) and its output is checked.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const root = resolve(__dirname, '../..');

it('examples/conversation.ts trims the history to the budget and reports the too-long message', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'examples/conversation.ts'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  expect(stdout).toMatch(/^history: 81 messages, 10704 tokens \(js-tiktoken\); gpt-3.5-turbo holds 4096/m);
  expect(stdout).toContain('answer (done): Short answer: yes. 👍');
  const sent =
    /sent: the system message and (\d+) of 81 messages; (\d+) tokens by js-tiktoken, (\d+) by the estimate, limit 3096/.exec(
      stdout,
    );
  expect(sent).not.toBeNull();
  expect(Number(sent?.[1])).toBeLessThan(81);
  expect(Number(sent?.[2])).toBeLessThanOrEqual(4096 - 1000 - 3); // prompt + chatbot-ui's max_tokens 1000 ≤ the window
  expect(stdout).toMatch(/too long: context budget exceeded by \d+ tokens/);
  expect(stdout).toContain('requests sent: 1');
}, 60_000);
