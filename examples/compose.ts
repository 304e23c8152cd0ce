/**
 * Composition with plain RxJS:
 *  1. typing-driven completions: `switchMap` cancels the previous request when a new prompt arrives;
 *  2. two models raced: the first to answer wins, the loser's request is aborted;
 *  3. text re-chunked at word boundaries, then accumulated for a UI.
 * Run: npx tsx examples/compose.ts
 */
import {
  concatMap,
  debounceTime,
  delay,
  from,
  lastValueFrom,
  map,
  of,
  race,
  scan,
  switchMap,
  tap,
} from 'rxjs';
import { accumulateText, bufferText, createAivvm, type Message } from '../src';
import { startAivvmServer } from '../src/testing';

async function main(): Promise<void> {
  // Echo server: the answer is the prompt, streamed slowly byte by byte.
  const server = await startAivvmServer({ reply: { echo: true, chunkSize: 1, chunkDelayMs: 15 } });
  const fast = { echo: true, chunkSize: 3, chunkDelayMs: 1 } as const;
  const aivvm = createAivvm({ baseURL: server.url });
  const ask = (content: string, model: string | null = null) =>
    aivvm.createCompletion(model, [{ role: 'user', content } satisfies Message], true);

  // 1. Keystrokes: only the settled prompt is answered; a newer prompt cancels an answer in flight.
  // The pause after "What" lets it settle and start a request; the next keystrokes cancel it.
  const keystrokes: [prompt: string, pauseBeforeMs: number][] = [
    ['W', 0],
    ['Wh', 5],
    ['What', 5],
    ['What is', 40],
    ['What is RxJS?', 5],
  ];
  const typed = from(keystrokes).pipe(
    concatMap(([prompt, pause]) => of(prompt).pipe(delay(pause))),
    debounceTime(20),
    switchMap((prompt) => ask(prompt).pipe(bufferText({ boundary: 'word' }), accumulateText())),
  );
  const answer = await lastValueFrom(typed);
  const cancelled = await Promise.all(server.requests.map(async (r) => !(await r.closed).finished));
  console.log(
    `1. typed → "${answer}" (requests: ${server.requests.length}, cancelled: ${cancelled.filter(Boolean).length})`,
  );

  server.setReply(fast);

  // 2. Race two models: the first to emit wins; race() unsubscribes from (and so aborts) the other.
  const tagged = (model: string) =>
    ask(`answer from ${model}`, model).pipe(map((chunk) => ({ model, chunk })));
  const winner = await lastValueFrom(
    race(tagged('gpt-4'), tagged('gpt-3.5-turbo')).pipe(
      scan((line, { model, chunk }) => (line === '' ? `${model}: ${chunk}` : line + chunk), ''),
    ),
  );
  console.log(`2. race → ${winner}`);

  // 3. Word-by-word UI updates, even for Chinese, which has no spaces.
  const frames: string[] = [];
  await lastValueFrom(
    ask('我们今天去公园散步，然后回家吃饭。').pipe(
      bufferText({ boundary: 'word' }),
      accumulateText(),
      tap((soFar) => frames.push(soFar)),
    ),
  );
  console.log(`3. frames → ${frames.map((f) => JSON.stringify(f)).join(' → ')}`);

  await server.close();
}

void main();
