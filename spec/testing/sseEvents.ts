/**
 * A minimal server-sent-events reader for the specs (independent of the library's own parser): splits a body
 * into events as the SSE spec says (lines end in CRLF, LF or CR; a blank line ends an event; `data:` values,
 * one leading space dropped, joined by LF; comments and other fields ignored).
 */
export function sseData(body: string): string[] {
  const events: string[] = [];
  let data: string[] = [];
  for (const line of body.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0) events.push(data.join('\n'));
      data = [];
    } else if (line.startsWith('data:')) {
      data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    }
  }
  return events;
}

/** A chat-completion chunk as the specs read it: any JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Chunk = Record<string, any>;

/** The JSON chunks of a body and whether it ended with `data: [DONE]`. */
export function sseChunks(body: string): { chunks: Chunk[]; done: boolean } {
  const events = sseData(body);
  const done = events.at(-1) === '[DONE]';
  return { chunks: (done ? events.slice(0, -1) : events).map((e) => JSON.parse(e) as Chunk), done };
}

/** The deltas of choice 0, in order, leaving out chunks without choices. */
export function deltas(chunks: readonly Chunk[]): Chunk[] {
  return chunks
    .filter((c) => c['choices']?.[0]?.delta !== undefined)
    .map((c) => c['choices'][0].delta as Chunk);
}
