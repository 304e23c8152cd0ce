/**
 * Our own SSE bodies, one per server quirk, shaped like what each server family sends (field names, where usage
 * and finish reasons go, extra keys), with our own texts and ids; and the events each must give.
 */
import type { CompletionEvent } from '../../../../src';

/** One recorded-like body and the events it must give through `createCompletionEvents`. */
export interface Fixture {
  /** The SSE body, exactly as the server sends it. */
  readonly body: string;
  /** The events, in order. */
  readonly events: readonly CompletionEvent[];
}

type Json = Record<string, unknown>;

/** `data: <json>` events separated by blank lines, then `data: [DONE]` unless `done` is false. */
export function sse(
  chunks: readonly (Json | string)[],
  options: { eol?: string; done?: boolean } = {},
): string {
  const eol = options.eol ?? '\n';
  const datas = chunks.map((c) => (typeof c === 'string' ? c : JSON.stringify(c)));
  if (options.done !== false) datas.push('[DONE]');
  return datas.map((d) => `data: ${d}${eol}${eol}`).join('');
}

const head = (id: string, model: string) => ({
  id,
  object: 'chat.completion.chunk',
  created: 1767225600,
  model,
});
/** A chunk with one choice of `index` 0. */
const choice = (base: Json, delta: Json | null, finish: string | null = null, extra: Json = {}): Json => ({
  ...base,
  choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  ...extra,
});
const usage = (prompt: number, completion: number, extra: Json = {}) => ({
  prompt_tokens: prompt,
  completion_tokens: completion,
  total_tokens: prompt + completion,
  ...extra,
});

const deepseek = head('6f1c0b2e-reasoning', 'deepseek-reasoner');
const groq = { ...head('chatcmpl-groq-1', 'qwen-qwq-32b'), system_fingerprint: 'fp_local' };
const vllm = head('chatcmpl-vllm-1', 'Qwen/Qwen3-8B');
const mistral = head('mistral-1', 'magistral-small-2509');
const openai = {
  ...head('chatcmpl-openai-1', 'gpt-4o-2024-08-06'),
  system_fingerprint: 'fp_x',
  service_tier: 'default',
};
const ollama = { ...head('chatcmpl-ollama-1', 'qwen3:8b'), system_fingerprint: 'fp_ollama' };
const anthropic = head('msg_local', 'claude-sonnet-4-5');
const azure = head('chatcmpl-azure-1', 'gpt-4o');
const nim = head('chatcmpl-nim-1', 'meta/llama-3.1-70b-instruct');
const gemini = head('gemini-1', 'gemini-2.5-flash');

/** The quirks, by the name their spec uses. */
export const FIXTURES = {
  /** DeepSeek: `reasoning_content` deltas, then `content`; usage on the finish chunk with cache details. */
  reasoningContent: {
    body: sse([
      choice(deepseek, { role: 'assistant', content: null, reasoning_content: '' }),
      choice(deepseek, { content: null, reasoning_content: 'Считаю: ' }),
      choice(deepseek, { content: null, reasoning_content: 'три «r» 🍓.' }),
      choice(deepseek, { content: 'В слове ', reasoning_content: null }),
      choice(deepseek, { content: 'три «r».', reasoning_content: null }),
      choice(deepseek, { content: '', reasoning_content: null }, 'stop', {
        usage: usage(11, 40, {
          prompt_tokens_details: { cached_tokens: 8 },
          completion_tokens_details: { reasoning_tokens: 31 },
          prompt_cache_hit_tokens: 8,
          prompt_cache_miss_tokens: 3,
        }),
      }),
    ]),
    events: [
      { type: 'reasoning', text: 'Считаю: ' },
      { type: 'reasoning', text: 'три «r» 🍓.' },
      { type: 'text', text: 'В слове ' },
      { type: 'text', text: 'три «r».' },
      {
        type: 'finish',
        reason: 'stop',
        usage: {
          promptTokens: 11,
          completionTokens: 40,
          totalTokens: 51,
          cachedTokens: 8,
          reasoningTokens: 31,
          details: {
            prompt_tokens_details: { cached_tokens: 8 },
            completion_tokens_details: { reasoning_tokens: 31 },
            prompt_cache_hit_tokens: 8,
            prompt_cache_miss_tokens: 3,
          },
        },
      },
    ],
  },
  /** Groq / Ollama: `reasoning` deltas; Groq's usage (with timings) on the finish chunk and in `x_groq`. */
  reasoningField: {
    body: sse([
      choice(groq, { role: 'assistant', content: '' }, null, { x_groq: { id: 'req_local' } }),
      choice(groq, { reasoning: 'Hmm, 2+2' }),
      choice(groq, { reasoning: ' is 4.' }),
      choice(groq, { content: '4' }),
      choice(groq, {}, 'stop', {
        x_groq: { id: 'req_local', usage: usage(5, 9, { queue_time: 0.01, total_time: 0.02 }) },
        usage: usage(5, 9, { queue_time: 0.01, total_time: 0.02 }),
      }),
    ]),
    events: [
      { type: 'reasoning', text: 'Hmm, 2+2' },
      { type: 'reasoning', text: ' is 4.' },
      { type: 'text', text: '4' },
      {
        type: 'finish',
        reason: 'stop',
        usage: {
          promptTokens: 5,
          completionTokens: 9,
          totalTokens: 14,
          details: { queue_time: 0.01, total_time: 0.02 },
        },
      },
    ],
  },
  /** Older Groq: usage only in `x_groq.usage`. */
  groqUsageOnly: {
    body: sse([
      choice(groq, { content: 'ok' }),
      choice(groq, {}, 'stop', { x_groq: { usage: usage(3, 1) } }),
    ]),
    events: [
      { type: 'text', text: 'ok' },
      { type: 'finish', reason: 'stop', usage: { promptTokens: 3, completionTokens: 1, totalTokens: 4 } },
    ],
  },
  /** vLLM while renaming: `reasoning` and `reasoning_content` both, with the same text: read once. */
  reasoningBothFields: {
    body: sse([
      choice(vllm, { reasoning: 'Think.', reasoning_content: 'Think.' }),
      choice(vllm, { content: 'Done.' }, 'stop'),
    ]),
    events: [
      { type: 'reasoning', text: 'Think.' },
      { type: 'text', text: 'Done.' },
      { type: 'finish', reason: 'stop' },
    ],
  },
  /** Mistral magistral: `content` as an array of `thinking` and `text` parts; the finish chunk has `content: ""`. */
  contentParts: {
    body: sse([
      choice(mistral, {
        role: 'assistant',
        content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'Сначала ' }] }],
      }),
      choice(mistral, { content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'подумаю.' }] }] }),
      choice(mistral, {
        content: [
          { type: 'text', text: 'Ответ: ' },
          { type: 'text', text: '42 ✓' },
        ],
      }),
      choice(mistral, { content: [{ type: 'reference', reference_ids: [1] }] }),
      choice(mistral, { content: '' }, 'stop', { usage: usage(6, 12) }),
    ]),
    events: [
      { type: 'reasoning', text: 'Сначала ' },
      { type: 'reasoning', text: 'подумаю.' },
      { type: 'text', text: 'Ответ: ' },
      { type: 'text', text: '42 ✓' },
      { type: 'finish', reason: 'stop', usage: { promptTokens: 6, completionTokens: 12, totalTokens: 18 } },
    ],
  },
  /** OpenAI: a refusal (`content: null`, `refusal` deltas, logprobs), usage in a last chunk with empty choices. */
  refusal: {
    body: sse([
      choice(openai, { role: 'assistant', content: null, refusal: '' }),
      choice(openai, { refusal: "I'm sorry, " }),
      choice(openai, { refusal: "I can't help with that." }),
      choice(openai, {}, 'stop'),
      { ...openai, choices: [], usage: usage(17, 9, { completion_tokens_details: { reasoning_tokens: 0 } }) },
    ]),
    events: [
      { type: 'refusal', text: "I'm sorry, " },
      { type: 'refusal', text: "I can't help with that." },
      {
        type: 'finish',
        reason: 'stop',
        usage: {
          promptTokens: 17,
          completionTokens: 9,
          totalTokens: 26,
          reasoningTokens: 0,
          details: { completion_tokens_details: { reasoning_tokens: 0 } },
        },
      },
    ],
  },
  /** OpenAI / DeepSeek: the id and name in the first delta only, arguments in pieces (cut inside "Zürich"). */
  toolCallPieces: {
    body: sse(
      [
        choice(openai, {
          role: 'assistant',
          content: null,
          tool_calls: [
            { index: 0, id: 'call_zrh', type: 'function', function: { name: 'weather', arguments: '' } },
          ],
        }),
        choice(openai, { tool_calls: [{ index: 0, function: { arguments: '{"city":"Zü' } }] }),
        choice(openai, { tool_calls: [{ index: 0, function: { arguments: 'rich"}' } }] }),
        choice(openai, {}, 'tool_calls'),
      ],
      { eol: '\r\n' },
    ),
    events: [
      { type: 'tool-call-delta', index: 0, id: 'call_zrh', name: 'weather', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":"Zü' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: 'rich"}' },
      { type: 'tool-call', index: 0, id: 'call_zrh', name: 'weather', arguments: '{"city":"Zürich"}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  /** Ollama: no `index`, whole calls (two in one delta), and the answer ends with `stop`. */
  toolCallsWithoutIndex: {
    body: sse([
      choice(ollama, {
        role: 'assistant',
        content: '',
        tool_calls: [
          { id: 'call_a1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
          { id: 'call_b2', type: 'function', function: { name: 'time', arguments: '{"tz":"Europe/Oslo"}' } },
        ],
      }),
      choice(ollama, { role: 'assistant', content: '' }, 'stop'),
    ]),
    events: [
      {
        type: 'tool-call-delta',
        index: 0,
        id: 'call_a1',
        name: 'weather',
        argumentsDelta: '{"city":"Oslo"}',
      },
      {
        type: 'tool-call-delta',
        index: 1,
        id: 'call_b2',
        name: 'time',
        argumentsDelta: '{"tz":"Europe/Oslo"}',
      },
      { type: 'tool-call', index: 0, id: 'call_a1', name: 'weather', arguments: '{"city":"Oslo"}' },
      { type: 'tool-call', index: 1, id: 'call_b2', name: 'time', arguments: '{"tz":"Europe/Oslo"}' },
      { type: 'finish', reason: 'stop' },
    ],
  },
  /** Anthropic's compatible endpoint: text first, then a call whose `index` starts at 1; no usage. */
  toolCallIndexFromOne: {
    body: sse([
      choice(anthropic, { role: 'assistant', content: 'Let me look.' }),
      choice(anthropic, {
        tool_calls: [
          { index: 1, id: 'toolu_01', type: 'function', function: { name: 'read_file', arguments: '' } },
        ],
      }),
      choice(anthropic, { tool_calls: [{ index: 1, function: { arguments: '' } }] }),
      choice(anthropic, { tool_calls: [{ index: 1, function: { arguments: '{"path":' } }] }),
      choice(anthropic, { tool_calls: [{ index: 1, function: { arguments: ' "a.md"}' } }] }),
      choice(anthropic, {}, 'tool_calls'),
    ]),
    events: [
      { type: 'text', text: 'Let me look.' },
      { type: 'tool-call-delta', index: 0, id: 'toolu_01', name: 'read_file', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"path":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: ' "a.md"}' },
      { type: 'tool-call', index: 0, id: 'toolu_01', name: 'read_file', arguments: '{"path": "a.md"}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  /** Mistral: a whole call in one delta, without `index` or `type`; usage on the finish chunk. */
  wholeToolCall: {
    body: sse([
      choice(mistral, { role: 'assistant', content: '' }),
      choice(mistral, {
        tool_calls: [{ id: 'Xy12AbCdE', function: { name: 'search', arguments: '{"q": "café"}' } }],
      }),
      choice(mistral, { content: '' }, 'tool_calls', { usage: usage(40, 12) }),
    ]),
    events: [
      { type: 'tool-call-delta', index: 0, id: 'Xy12AbCdE', name: 'search', argumentsDelta: '{"q": "café"}' },
      { type: 'tool-call', index: 0, id: 'Xy12AbCdE', name: 'search', arguments: '{"q": "café"}' },
      {
        type: 'finish',
        reason: 'tool_calls',
        usage: { promptTokens: 40, completionTokens: 12, totalTokens: 52 },
      },
    ],
  },
  /** Alibaba: `id: ""` repeated after the first piece; a vLLM-style `name: ""` later; an empty closing piece. */
  toolCallEmptyIds: {
    body: sse([
      choice(vllm, {
        tool_calls: [
          { index: 0, id: 'call_q1', type: 'function', function: { name: 'weather', arguments: '' } },
        ],
      }),
      choice(vllm, {
        tool_calls: [
          { index: 0, id: '', type: 'function', function: { name: '', arguments: '{"city": "Köln' } },
        ],
      }),
      choice(vllm, { tool_calls: [{ index: 0, id: '', type: 'function', function: { arguments: '"}' } }] }),
      choice(vllm, { tool_calls: [{ index: 0, id: '', type: 'function', function: { arguments: '' } }] }),
      choice(vllm, {}, 'tool_calls'),
    ]),
    events: [
      { type: 'tool-call-delta', index: 0, id: 'call_q1', name: 'weather', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city": "Köln' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"}' },
      { type: 'tool-call', index: 0, id: 'call_q1', name: 'weather', arguments: '{"city": "Köln"}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  /** A Gemini gateway: calls without `index` or `id`: ids are made up, unique within the answer. */
  toolCallsWithoutIds: {
    body: sse([
      choice(gemini, {
        role: 'assistant',
        tool_calls: [{ type: 'function', function: { name: 'a', arguments: '{}' } }],
      }),
      choice(gemini, {
        tool_calls: [{ id: '', type: 'function', function: { name: 'b', arguments: '{"n":1}' } }],
      }),
      choice(gemini, {}, 'tool_calls'),
    ]),
    events: [
      { type: 'tool-call-delta', index: 0, name: 'a', argumentsDelta: '{}' },
      { type: 'tool-call-delta', index: 1, name: 'b', argumentsDelta: '{"n":1}' },
      { type: 'tool-call', index: 0, id: 'call_0', name: 'a', arguments: '{}', generatedId: true },
      { type: 'tool-call', index: 1, id: 'call_1', name: 'b', arguments: '{"n":1}', generatedId: true },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  /** A gateway that numbers every parallel call 0: a new id under the same index is a new call. */
  parallelCallsSameIndex: {
    body: sse([
      choice(gemini, {
        tool_calls: [{ index: 0, id: 'c-1', function: { name: 'weather', arguments: '{"city":"Rome"}' } }],
      }),
      choice(gemini, {
        tool_calls: [{ index: 0, id: 'c-2', function: { name: 'weather', arguments: '{"city":"Nice"}' } }],
      }),
      choice(gemini, {}, 'tool_calls'),
    ]),
    events: [
      { type: 'tool-call-delta', index: 0, id: 'c-1', name: 'weather', argumentsDelta: '{"city":"Rome"}' },
      { type: 'tool-call-delta', index: 1, id: 'c-2', name: 'weather', argumentsDelta: '{"city":"Nice"}' },
      { type: 'tool-call', index: 0, id: 'c-1', name: 'weather', arguments: '{"city":"Rome"}' },
      { type: 'tool-call', index: 1, id: 'c-2', name: 'weather', arguments: '{"city":"Nice"}' },
      { type: 'finish', reason: 'tool_calls' },
    ],
  },
  /** The legacy `function_call` delta: one call, no id. */
  functionCall: {
    body: sse([
      choice(openai, { role: 'assistant', content: null, function_call: { name: 'lookup', arguments: '' } }),
      choice(openai, { function_call: { arguments: '{"id":7}' } }),
      choice(openai, {}, 'function_call'),
    ]),
    events: [
      { type: 'tool-call-delta', index: 0, name: 'lookup', argumentsDelta: '' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"id":7}' },
      { type: 'tool-call', index: 0, id: 'call_0', name: 'lookup', arguments: '{"id":7}', generatedId: true },
      { type: 'finish', reason: 'function_call' },
    ],
  },
  /** Azure: a first chunk with empty `choices` and `prompt_filter_results`; a content-filter-only chunk after the finish. */
  azureFilterResults: {
    body: sse([
      {
        choices: [],
        created: 0,
        id: '',
        model: '',
        object: '',
        prompt_filter_results: [
          { prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } },
        ],
      },
      choice(azure, { role: 'assistant', content: '' }),
      {
        ...azure,
        choices: [
          {
            index: 0,
            delta: { content: 'Hej' },
            content_filter_results: { hate: { filtered: false } },
            finish_reason: null,
          },
        ],
      },
      choice(azure, {}, 'stop'),
      {
        choices: [
          {
            content_filter_offsets: { start_offset: 0 },
            content_filter_results: {},
            finish_reason: null,
            index: 0,
          },
        ],
        created: 0,
        id: '',
        model: '',
        object: '',
      },
    ]),
    events: [
      { type: 'text', text: 'Hej' },
      { type: 'finish', reason: 'stop' },
    ],
  },
  /** NIM / vLLM with continuous usage: usage on every chunk, the last one counts (also one after the finish). */
  usageOnEveryChunk: {
    body: sse([
      {
        ...head('chatcmpl-nim-0', 'meta/llama'),
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
        usage: usage(20, 0),
      },
      { ...nim, choices: [{ index: 0, delta: { content: 'a' }, finish_reason: null }], usage: usage(20, 1) },
      {
        ...nim,
        choices: [{ index: 0, delta: { content: 'b' }, finish_reason: 'stop' }],
        usage: usage(20, 2),
      },
      { ...nim, choices: [], usage: usage(20, 3) },
    ]),
    events: [
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b' },
      { type: 'finish', reason: 'stop', usage: { promptTokens: 20, completionTokens: 3, totalTokens: 23 } },
    ],
  },
} satisfies Record<string, Fixture>;

/** The name of a fixture. */
export type FixtureName = keyof typeof FIXTURES;
