import type { WireMessage } from '../codecs';
import type { CompletionEvent } from '../types';
import type { ToolCallAssembler } from './toolCallAssembler';

/**
 * The legacy `function_call` has no index: its pieces are keyed apart from every `tool_calls` index (which is
 * never negative).
 */
const FUNCTION_CALL_INDEX = -1;

/**
 * Emits the events of one delta (or of a whole `stream: false` message), in reading order. Where each server
 * family puts what:
 *
 * | field | servers | event |
 * | --- | --- | --- |
 * | `content: "…"` | all | `text` |
 * | `content: [{ type: 'text', text }]` | Mistral (magistral) | `text` |
 * | `content: [{ type: 'thinking', thinking: [{ type: 'text', text }] }]` | Mistral (magistral) | `reasoning` |
 * | `reasoning_content` | DeepSeek, Qwen/Alibaba, Moonshot, Azure DeepSeek, xAI | `reasoning` |
 * | `reasoning` | Groq, Ollama, vLLM ≥ 0.10, Cerebras, OpenRouter | `reasoning` (only when `reasoning_content` is empty: vLLM sent both for a while) |
 * | `refusal` | OpenAI | `refusal` |
 * | `tool_calls` | all | `tool-call-delta` (see {@link createToolCallAssembler}) |
 * | `function_call` | legacy OpenAI functions | `tool-call-delta` |
 *
 * Empty strings emit nothing.
 *
 * @example
 * ```ts
 * deltaEvents({ reasoning: 'Hm.', content: 'Hi' }, tools, (e) => events.push(e));
 * // { type: 'reasoning', text: 'Hm.' }, { type: 'text', text: 'Hi' }
 * ```
 */
export function deltaEvents(
  delta: WireMessage,
  tools: ToolCallAssembler,
  emit: (event: CompletionEvent) => void,
): void {
  const reasoning = delta.reasoning_content || delta.reasoning;
  if (reasoning) emit({ type: 'reasoning', text: reasoning });
  const content = delta.content;
  if (typeof content === 'string') {
    if (content !== '') emit({ type: 'text', text: content });
  } else if (content != null) {
    partEvents(content, emit);
  }
  if (delta.refusal) emit({ type: 'refusal', text: delta.refusal });
  const calls = delta.tool_calls;
  if (calls != null) {
    for (const piece of calls) {
      const event = tools.push(piece);
      if (event !== undefined) emit(event);
    }
  }
  if (delta.function_call != null) {
    const event = tools.push({ index: FUNCTION_CALL_INDEX, function: delta.function_call });
    if (event !== undefined) emit(event);
  }
}

/** `text` parts are text, `thinking` parts reasoning (their `text` sub-parts, or a string); other parts are skipped. */
function partEvents(
  parts: NonNullable<Exclude<WireMessage['content'], string>>,
  emit: (e: CompletionEvent) => void,
) {
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text) emit({ type: 'text', text: part.text });
    } else if (part.type === 'thinking') {
      const thinking = part.thinking;
      if (typeof thinking === 'string') {
        if (thinking !== '') emit({ type: 'reasoning', text: thinking });
      } else if (thinking != null) {
        for (const piece of thinking) {
          if ((piece.type == null || piece.type === 'text') && piece.text)
            emit({ type: 'reasoning', text: piece.text });
        }
      }
    }
  }
}
