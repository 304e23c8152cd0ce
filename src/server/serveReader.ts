import type { ServerResponse } from 'node:http';
import type { RelayStore } from './RelayStore';
import { SSE_PING, writeNow, type Framer } from './sse';

/**
 * Writes an answer's events after `after` to an SSE response (the stored ones, then the live ones), a ping while
 * nothing comes for `heartbeatMs`, and ends the response with the answer. `onClose` runs once, when the response
 * closes for any reason (the answer ended, or the client went away). The headers must already be sent.
 */
export function serveReader(
  res: ServerResponse,
  store: RelayStore,
  id: string,
  after: number,
  heartbeatMs: number,
  framer: Framer,
  onClose: () => void,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let unsubscribe: () => void = () => undefined;
  const ping = () => {
    writeNow(res, SSE_PING);
    arm();
  };
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = closed ? undefined : setTimeout(ping, heartbeatMs);
  };
  const close = () => {
    if (closed) return;
    closed = true;
    if (timer !== undefined) clearTimeout(timer);
    unsubscribe();
    onClose();
  };
  res.once('close', close);
  // A framer with state reads from the first event and is fed, silently, those the reader already has.
  const skip = framer.skip;
  unsubscribe = store.subscribe(id, skip === undefined ? after : 0, {
    event: (position, event) => {
      if (closed) return;
      if (position <= after && skip !== undefined) return skip.call(framer, position, event);
      writeNow(res, framer.frame(position, event));
      arm();
    },
    end: () => {
      close();
      res.end();
    },
  });
  // The client may have gone while the body was read: its 'close' was emitted before we listened.
  if (closed || res.destroyed || res.closed) close();
  else arm();
}
