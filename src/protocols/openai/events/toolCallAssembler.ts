import type { WireToolCall } from '../codecs';
import type { ToolCallDeltaEvent, ToolCallEvent } from '../types';

/** Puts the pieces of an answer's tool calls together, whatever the server's way of numbering them. */
export interface ToolCallAssembler {
  /**
   * Adds one wire piece; returns its `tool-call-delta` event, or `undefined` when the piece carries nothing (no id,
   * no name, empty arguments: vLLM and NIM close a call with such a piece).
   */
  push(piece: WireToolCall): ToolCallDeltaEvent | undefined;
  /** The whole calls, in the order they first appeared, ids made up where the server sent none. */
  calls(): ToolCallEvent[];
  /** True once any call has started. */
  readonly started: boolean;
}

interface Call {
  readonly index: number;
  id: string | undefined;
  name: string | undefined;
  arguments: string;
}

/**
 * A fresh {@link ToolCallAssembler} for one answer. Which call a piece belongs to:
 *
 * | the piece has | it belongs to |
 * | --- | --- |
 * | an `index` (OpenAI, DeepSeek, Groq, Anthropic's endpoint from 1) | the call of that index, unless it names another id than that call's: then a new call (gateways that send every parallel call as index 0) |
 * | no `index`, an `id` (Ollama, Gemini gateways, Mistral) | the call with that id, else a new call |
 * | neither, but a `name` | a new call |
 * | neither, nor a name | the latest call (a continuation) |
 *
 * An empty `id` or `name` counts as none (Alibaba repeats `id: ""`, vLLM sends `name: ""` after the first piece),
 * the first id and name of a call are kept, and `arguments` is the exact concatenation of the pieces' text: never
 * parsed, never re-serialised.
 *
 * @example
 * ```ts
 * const tools = createToolCallAssembler();
 * tools.push({ index: 1, id: 'call_1', function: { name: 'weather', arguments: '{"ci' } });
 * tools.push({ index: 1, function: { arguments: 'ty":"Oslo"}' } });
 * tools.calls(); // [{ type: 'tool-call', index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' }]
 * ```
 */
export function createToolCallAssembler(): ToolCallAssembler {
  const calls: Call[] = [];
  const byIndex = new Map<number, Call>();
  const byId = new Map<string, Call>();
  return {
    get started() {
      return calls.length > 0;
    },
    push(piece) {
      const id = piece.id || undefined;
      const name = piece.function?.name || undefined;
      const argumentsDelta = piece.function?.arguments ?? '';
      const wireIndex = typeof piece.index === 'number' ? piece.index : undefined;
      let call: Call | undefined;
      if (wireIndex !== undefined) {
        call = byIndex.get(wireIndex);
        if (call?.id !== undefined && id !== undefined && call.id !== id) call = undefined;
      } else if (id !== undefined) {
        call = byId.get(id);
      } else if (name === undefined) {
        call = calls[calls.length - 1];
      }
      if (call === undefined) {
        if (id === undefined && name === undefined && argumentsDelta === '') return undefined;
        call = { index: calls.length, id: undefined, name: undefined, arguments: '' };
        calls.push(call);
      }
      if (wireIndex !== undefined) byIndex.set(wireIndex, call);
      if (id !== undefined) {
        call.id ??= id;
        byId.set(id, call);
      }
      call.name ??= name;
      call.arguments += argumentsDelta;
      if (id === undefined && name === undefined && argumentsDelta === '') return undefined;
      return {
        type: 'tool-call-delta',
        index: call.index,
        ...(id === undefined ? {} : { id }),
        ...(name === undefined ? {} : { name }),
        argumentsDelta,
      };
    },
    calls() {
      const taken = new Set<string>();
      for (const call of calls) if (call.id !== undefined) taken.add(call.id);
      return calls.map((call): ToolCallEvent => {
        const base = {
          type: 'tool-call',
          index: call.index,
          name: call.name ?? '',
          arguments: call.arguments,
        } as const;
        if (call.id !== undefined) return { ...base, id: call.id };
        let id = `call_${call.index}`;
        for (let n = 2; taken.has(id); n++) id = `call_${call.index}_${n}`;
        taken.add(id);
        return { ...base, id, generatedId: true };
      });
    },
  };
}
