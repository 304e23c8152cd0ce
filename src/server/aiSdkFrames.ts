import type { StoredEvent } from './RelayStore';
import type { Framer } from './sse';

/** The response header that tells the AI SDK's `useChat` / `Chat` this is a UI message stream. */
export const UI_MESSAGE_STREAM_HEADER = { 'x-vercel-ai-ui-message-stream': 'v1' } as const;

const FINISH_REASONS: Readonly<Record<string, string>> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content-filter',
  tool_calls: 'tool-calls',
};

/**
 * Renders the stored events as the AI SDK's UI message stream: `start` and `start-step` first; `text-start`,
 * `text-delta`…, `text-end` (refusals too), and the same for `reasoning-*`; `finish-step`, `finish` with the finish
 * reason, then `data: [DONE]`; or an `error` chunk with the relay's message, then `[DONE]`. Each frame keeps the `id` of the
 * stored event it comes from, so `Last-Event-ID` still resumes. Tool-call events are not rendered (the relay does
 * not run tools). State carries over between events, so a resumed reader is fed the earlier ones silently.
 */
export function aiSdkFramer(messageId: string): Framer {
  let open: { kind: 'text' | 'reasoning'; id: string } | undefined;
  let parts = 0;
  let started = false;
  const render = (position: number, chunks: readonly unknown[]) =>
    chunks
      .map(
        (chunk) => `id: ${position}\ndata: ${typeof chunk === 'string' ? chunk : JSON.stringify(chunk)}\n\n`,
      )
      .join('');
  const close = (chunks: unknown[]) => {
    if (open !== undefined) chunks.push({ type: `${open.kind}-end`, id: open.id });
    open = undefined;
  };
  const step = (position: number, stored: StoredEvent): string => {
    const chunks: unknown[] = [];
    if (!started) {
      started = true;
      chunks.push({ type: 'start', messageId }, { type: 'start-step' });
    }
    const event = JSON.parse(stored.data) as {
      type?: string;
      text?: string;
      reason?: string;
      message?: string;
    };
    if (stored.event === 'error') {
      close(chunks);
      chunks.push({ type: 'error', errorText: event.message ?? 'The answer failed.' }, '[DONE]');
      return render(position, chunks);
    }
    switch (event.type) {
      case 'text':
      case 'refusal':
      case 'reasoning': {
        const kind = event.type === 'reasoning' ? 'reasoning' : 'text';
        if (open?.kind !== kind) {
          close(chunks);
          open = { kind, id: `${kind}-${parts++}` };
          chunks.push({ type: `${kind}-start`, id: open.id });
        }
        chunks.push({ type: `${kind}-delta`, id: open.id, delta: event.text ?? '' });
        break;
      }
      case 'finish':
        close(chunks);
        chunks.push(
          { type: 'finish-step' },
          { type: 'finish', finishReason: FINISH_REASONS[event.reason ?? ''] ?? 'other' },
          '[DONE]',
        );
        break;
      default:
        break;
    }
    return render(position, chunks);
  };
  return { frame: step, skip: (position, stored) => void step(position, stored) };
}
