/**
 * Issue 19, point 3: every invalid shape of the new OpenAI request fields is an `InvalidRequestError` with the same
 * clear issues as the rest: the path of the bad field, what was expected in words, and what was there (described,
 * never shown, when it may be content, a URL, tool arguments or an `extraBody` value). Validation stays bounded
 * with exact counts (issue 22, point 4) for the new fields too.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { performance } from 'node:perf_hooks';
import { InvalidRequestError, MAX_KEPT_ISSUES, validateOpenAIRequest } from '../../../src';

function invalid(messages: unknown, options?: unknown): InvalidRequestError {
  const result = validateOpenAIRequest('m', messages, true, options);
  if (E.isRight(result)) throw new Error('expected a Left');
  expect(result.left).toBeInstanceOf(InvalidRequestError);
  return result.left;
}

const u = (content: unknown) => [{ role: 'user', content }];
const weather = { type: 'function', function: { name: 'weather' } };
const deep = (n: number): unknown => (n === 0 ? 1 : { a: deep(n - 1) });
const CASES: [string, unknown, unknown][] = [
  ['role robot', [{ role: 'robot', content: 'x' }], undefined],
  ['user parts empty', u([]), undefined],
  ['part type video', u([{ type: 'video', url: 'x' }]), undefined],
  ['part no type', u([{ text: 'x' }]), undefined],
  ['text part text 5', u([{ type: 'text', text: 5 }]), undefined],
  ['text part extra', u([{ type: 'text', text: 'x', cache: 1 }]), undefined],
  ['image url ftp', u([{ type: 'image_url', image_url: { url: 'ftp://secret-token@x' } }]), undefined],
  ['image url string', u([{ type: 'image_url', image_url: 'https://x' }]), undefined],
  ['image detail', u([{ type: 'image_url', image_url: { url: 'https://x', detail: 'ultra' } }]), undefined],
  [
    'system image',
    [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] }],
    undefined,
  ],
  ['assistant null no calls', [{ role: 'assistant', content: null }], undefined],
  ['assistant absent no calls', [{ role: 'assistant' }], undefined],
  ['tool_calls empty', [{ role: 'assistant', content: null, tool_calls: [] }], undefined],
  [
    'tool call no id',
    [{ role: 'assistant', tool_calls: [{ type: 'function', function: { name: 'w', arguments: '{}' } }] }],
    undefined,
  ],
  [
    'tool call type',
    [{ role: 'assistant', tool_calls: [{ id: 'c', type: 'fn', function: { name: 'w', arguments: '{}' } }] }],
    undefined,
  ],
  [
    'tool call args 5',
    [
      {
        role: 'assistant',
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'w', arguments: 5 } }],
      },
    ],
    undefined,
  ],
  ['tool no id', [{ role: 'tool', content: 'x' }], undefined],
  ['user with tool_calls', [{ role: 'user', content: 'x', tool_calls: [] }], undefined],
  ['assistant with tool_call_id', [{ role: 'assistant', content: 'x', tool_call_id: 'c' }], undefined],
  ['tools 5', u('x'), { tools: 5 }],
  [
    'tools 129',
    u('x'),
    { tools: Array.from({ length: 129 }, (_, i) => ({ type: 'function', function: { name: 'f' + i } })) },
  ],
  ['tool type', u('x'), { tools: [{ type: 'retrieval' }] }],
  ['tool name', u('x'), { tools: [{ type: 'function', function: { name: 'get weather' } }] }],
  ['tool params array', u('x'), { tools: [{ type: 'function', function: { name: 'w', parameters: [] } }] }],
  [
    'tool params NaN',
    u('x'),
    { tools: [{ type: 'function', function: { name: 'w', parameters: { a: NaN } } }] },
  ],
  ['tool unknown key', u('x'), { tools: [{ type: 'function', function: { name: 'w', paramters: {} } }] }],
  ['tool dup', u('x'), { tools: [weather, weather] }],
  ['toolChoice word', u('x'), { toolChoice: 'sometimes' }],
  [
    'toolChoice unknown name',
    u('x'),
    { tools: [weather], toolChoice: { type: 'function', function: { name: 'nope' } } },
  ],
  ['toolChoice required no tools', u('x'), { toolChoice: 'required' }],
  ['rf xml', u('x'), { responseFormat: { type: 'xml' } }],
  ['rf string', u('x'), { responseFormat: 'json' }],
  ['rf schema missing', u('x'), { responseFormat: { type: 'json_schema' } }],
  ['rf schema name', u('x'), { responseFormat: { type: 'json_schema', json_schema: { name: 'a b' } } }],
  [
    'rf schema strict',
    u('x'),
    { responseFormat: { type: 'json_schema', json_schema: { name: 'a', strict: 'yes' } } },
  ],
  [
    'rf schema schema',
    u('x'),
    { responseFormat: { type: 'json_schema', json_schema: { name: 'a', schema: 'x' } } },
  ],
  ['effort', u('x'), { reasoningEffort: 'max' }],
  ['mct', u('x'), { maxCompletionTokens: 0 }],
  ['seed', u('x'), { seed: 1.5 }],
  ['extra 5', u('x'), { extraBody: 5 }],
  ['extra model', u('x'), { extraBody: { model: 'other' } }],
  ['extra stream_options', u('x'), { extraBody: { stream_options: { include_usage: false } } }],
  ['extra n', u('x'), { extraBody: { n: 2 } }],
  ['extra undefined item', u('x'), { extraBody: { a: [1, undefined] } }],
  ['extra fn', u('x'), { extraBody: { f: () => 1 } }],
  ['extra date', u('x'), { extraBody: { d: new Date(0) } }],
  ['extra bigint', u('x'), { extraBody: { n: 10n } }],
  ['extra deep', u('x'), { extraBody: deep(70) }],
  ['extra temp', u('x'), { temperature: 1, extraBody: { temperature: 0.5 } }],
  ['extra secret', u('x'), { extraBody: { api_key: 'sk-secret-0123456789', bad: Infinity } }],
];

/** [label, [path, expected, actual] of each issue], in the order of CASES. */
const EXPECTED: [string, [string, string, string][]][] = [
  ['role robot', [['messages[0].role', '"system" | "user" | "assistant" | "tool"', '"robot"']]],
  [
    'user parts empty',
    [
      [
        'messages[0].content',
        'a string of at most 1000000 characters, or an array of 1 to 10000 text and image_url parts',
        'an array of 0 items',
      ],
    ],
  ],
  ['part type video', [['messages[0].content[0].type', '"text" | "image_url"', '"video"']]],
  ['part no type', [['messages[0].content[0].type', '"text" | "image_url"', 'undefined']]],
  ['text part text 5', [['messages[0].content[0].text', 'string of at most 1000000 characters', '5']]],
  ['text part extra', [['messages[0].content[0].cache', 'no such field (known: type, text)', '1']]],
  [
    'image url ftp',
    [
      [
        'messages[0].content[0].image_url.url',
        'an http(s) or data: URL of at most 20000000 characters',
        'a string of 20 characters',
      ],
    ],
  ],
  [
    'image url string',
    [['messages[0].content[0].image_url', 'an object { url, detail? }', 'a string of 9 characters']],
  ],
  ['image detail', [['messages[0].content[0].image_url.detail', '"auto" | "low" | "high"', '"ultra"']]],
  [
    'system image',
    [['messages[0].content[0].type', '"text" (image parts only in user messages)', '"image_url"']],
  ],
  [
    'assistant null no calls',
    [
      [
        'messages[0].content',
        'a string of at most 1000000 characters, or an array of 1 to 10000 text parts (null or left out only with tool_calls)',
        'null',
      ],
    ],
  ],
  [
    'assistant absent no calls',
    [
      [
        'messages[0].content',
        'a string of at most 1000000 characters, or an array of 1 to 10000 text parts (null or left out only with tool_calls)',
        'undefined',
      ],
    ],
  ],
  [
    'tool_calls empty',
    [['messages[0].tool_calls', 'an array of 1 to 1000 tool calls', 'an array of 0 items']],
  ],
  [
    'tool call no id',
    [['messages[0].tool_calls[0].id', 'a non-empty string of at most 1000 characters', 'undefined']],
  ],
  ['tool call type', [['messages[0].tool_calls[0].type', '"function"', '"fn"']]],
  ['tool call args 5', [['messages[0].tool_calls[0].function.arguments', 'a string', '5']]],
  [
    'tool no id',
    [['messages[0].tool_call_id', 'a non-empty string of at most 1000 characters', 'undefined']],
  ],
  [
    'user with tool_calls',
    [
      [
        'messages[0].tool_calls',
        'no tool_calls on a user message (only assistant messages make tool calls)',
        'an array of 0 items',
      ],
    ],
  ],
  [
    'assistant with tool_call_id',
    [
      [
        'messages[0].tool_call_id',
        'no tool_call_id on an assistant message (only tool messages answer a tool call)',
        'a string of 1 character',
      ],
    ],
  ],
  ['tools 5', [['options.tools', 'an array of 1 to 128 tools', '5']]],
  ['tools 129', [['options.tools', 'an array of 1 to 128 tools', 'an array of 129 items']]],
  ['tool type', [['options.tools[0].type', '"function"', '"retrieval"']]],
  [
    'tool name',
    [
      [
        'options.tools[0].function.name',
        'a name of 1 to 64 letters, digits, _ or -',
        'a string of 11 characters',
      ],
    ],
  ],
  [
    'tool params array',
    [
      [
        'options.tools[0].function.parameters',
        'a JSON Schema object, e.g. { "type": "object", "properties": { … } }',
        'an array of 0 items',
      ],
    ],
  ],
  [
    'tool params NaN',
    [['options.tools[0].function.parameters.a', 'a finite number (JSON has no NaN or Infinity)', 'NaN']],
  ],
  [
    'tool unknown key',
    [
      [
        'options.tools[0].function.paramters',
        'no such field (known: name, description, parameters, strict)',
        'an object',
      ],
    ],
  ],
  [
    'tool dup',
    [
      [
        'options.tools[1].function.name',
        'a name no other tool has (options.tools[0] has it too)',
        '"weather"',
      ],
    ],
  ],
  [
    'toolChoice word',
    [
      [
        'options.toolChoice',
        '"none" | "auto" | "required", or { type: "function", function: { name } }',
        '"sometimes"',
      ],
    ],
  ],
  [
    'toolChoice unknown name',
    [['options.toolChoice.function.name', 'the name of one of options.tools: "weather"', '"nope"']],
  ],
  [
    'toolChoice required no tools',
    [
      [
        'options.toolChoice',
        '"none" or "auto" without options.tools ("required" needs tools to call)',
        '"required"',
      ],
    ],
  ],
  ['rf xml', [['options.responseFormat.type', '"text" | "json_object" | "json_schema"', '"xml"']]],
  [
    'rf string',
    [
      [
        'options.responseFormat',
        'a response format { type: "text" | "json_object" | "json_schema", … }',
        'a string of 4 characters',
      ],
    ],
  ],
  [
    'rf schema missing',
    [
      [
        'options.responseFormat.json_schema',
        'an object { name, description?, schema?, strict? }',
        'undefined',
      ],
    ],
  ],
  [
    'rf schema name',
    [
      [
        'options.responseFormat.json_schema.name',
        'a name of 1 to 64 letters, digits, _ or -',
        'a string of 3 characters',
      ],
    ],
  ],
  [
    'rf schema strict',
    [['options.responseFormat.json_schema.strict', 'a boolean', 'a string of 3 characters']],
  ],
  [
    'rf schema schema',
    [
      [
        'options.responseFormat.json_schema.schema',
        'a JSON Schema object, e.g. { "type": "object", "properties": { … } }',
        'a string of 1 character',
      ],
    ],
  ],
  ['effort', [['options.reasoningEffort', '"none" | "minimal" | "low" | "medium" | "high"', '"max"']]],
  ['mct', [['options.maxCompletionTokens', 'a whole number of tokens > 0', '0']]],
  ['seed', [['options.seed', 'a whole number (a safe integer)', '1.5']]],
  [
    'extra 5',
    [
      [
        'options.extraBody',
        'an object of server-specific fields with JSON values, e.g. { "top_k": 40 }',
        '5',
      ],
    ],
  ],
  [
    'extra model',
    [
      [
        'options.extraBody.model',
        'a field other than model, messages, stream and stream_options: aivvm-rx sets them from the arguments',
        'a string of 5 characters',
      ],
    ],
  ],
  [
    'extra stream_options',
    [
      [
        'options.extraBody.stream_options',
        'a field other than model, messages, stream and stream_options: aivvm-rx sets them from the arguments',
        'an object',
      ],
    ],
  ],
  [
    'extra n',
    [
      [
        'options.extraBody.n',
        '1 or nothing: aivvm-rx reads one choice (index 0) of an answer, so more would be dropped; send one request per answer',
        '2',
      ],
    ],
  ],
  [
    'extra undefined item',
    [
      [
        'options.extraBody.a[1]',
        'JSON data (null, a boolean, a finite number, a string, an array or a plain object); an array item cannot be undefined',
        'undefined',
      ],
    ],
  ],
  [
    'extra fn',
    [
      [
        'options.extraBody.f',
        'JSON data (null, a boolean, a finite number, a string, an array or a plain object)',
        'a function',
      ],
    ],
  ],
  [
    'extra date',
    [
      [
        'options.extraBody.d',
        'JSON data (null, a boolean, a finite number, a string, an array or a plain object)',
        'a Date',
      ],
    ],
  ],
  [
    'extra bigint',
    [
      [
        'options.extraBody.n',
        'JSON data (null, a boolean, a finite number, a string, an array or a plain object)',
        '10n',
      ],
    ],
  ],
  [
    'extra deep',
    [
      [
        'options.extraBody.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a',
        'JSON data nested at most 64 levels deep',
        'an object',
      ],
    ],
  ],
  [
    'extra temp',
    [
      [
        'options.extraBody.temperature',
        'no temperature: options.temperature sets it in this call (give it once)',
        'a value',
      ],
    ],
  ],
  ['extra secret', [['options.extraBody.bad', 'a finite number (JSON has no NaN or Infinity)', 'Infinity']]],
];

describe('every invalid shape names its path, what was expected and what was there', () => {
  it.each(
    CASES.map(([label, messages, options], i) => [label, messages, options, EXPECTED[i]?.[1] ?? []] as const),
  )('%s', (label, messages, options, issues) => {
    expect(EXPECTED.find(([l]) => l === label)).toBeDefined();
    expect(invalid(messages, options).issues.map((i) => [i.path, i.expected, i.actual])).toEqual(issues);
  });

  it('the valid shapes pass', () => {
    const result = validateOpenAIRequest(
      'm',
      [
        { role: 'system', content: [{ type: 'text', text: 'terse' }] },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'function', function: { name: 'w', arguments: '' } }],
        },
        { role: 'tool', tool_call_id: 'c', content: [{ type: 'text', text: '7' }] },
      ],
      false,
      {
        tools: [weather],
        toolChoice: { type: 'function', function: { name: 'weather' } },
        responseFormat: { type: 'json_schema', json_schema: { name: 'x', schema: {}, strict: false } },
        reasoningEffort: 'none',
        maxCompletionTokens: 1,
        seed: -1,
        extraBody: { top_k: 1, nested: { list: [1, 'a', null, true, { b: [] }] } },
      },
    );
    expect(E.isRight(result)).toBe(true);
  });
});

describe('what may be secret is never shown', () => {
  it.each([
    [
      'an image URL',
      u([{ type: 'image_url', image_url: { url: 'ftp://sk-secret-0123456789@host' } }]),
      undefined,
    ],
    [
      'tool arguments',
      [
        {
          role: 'assistant',
          tool_calls: [{ id: 'c', type: 'fn', function: { name: 'w', arguments: 'sk-secret-0123456789' } }],
        },
      ],
      undefined,
    ],
    ['an extraBody value', u('x'), { extraBody: { api_key: 'sk-secret-0123456789', bad: Infinity } }],
    ['a reserved extraBody field', u('x'), { extraBody: { model: 'sk-secret-0123456789' } }],
    ['text of a part', u([{ type: 'text', text: 'sk-secret-0123456789', extra: 1 }]), undefined],
    [
      'a part type that is not a word (words, like roles, are shown)',
      u([{ type: 'sk-secret 0123456789' }]),
      undefined,
    ],
  ])('%s', (_, messages, options) => {
    const error = invalid(messages, options);
    expect(JSON.stringify([error.message, error.issues])).not.toContain('sk-secret');
  });
});

describe('bounded, with exact counts, for the new fields too', () => {
  it('1 000 messages with a bad content part each: 100 kept, 900 counted', () => {
    const messages = Array.from({ length: 1_000 }, () => ({
      role: 'user',
      content: [{ type: 'text', text: 5 }],
    }));
    const error = invalid(messages);
    expect(error.issues).toHaveLength(MAX_KEPT_ISSUES);
    expect(error.omittedIssues).toBe(900);
  });

  it('one message with 10 000 bad parts: 100 kept, 9 900 counted', () => {
    const error = invalid(u(Array.from({ length: 10_000 }, () => ({ type: 'text' }))));
    expect(error.issues.length + error.omittedIssues).toBe(10_000);
    expect(error.issues.length).toBe(MAX_KEPT_ISSUES);
  });

  it('hostile sizes are refused by their length, at once: parts, tools, tool calls, extraBody arrays', () => {
    const huge = new Array<unknown>(1e9);
    const started = performance.now();
    expect(invalid(u(huge)).issues[0]?.path).toBe('messages[0].content');
    expect(invalid(u('x'), { tools: huge }).issues[0]?.path).toBe('options.tools');
    expect(invalid([{ role: 'assistant', tool_calls: huge }]).issues[0]?.path).toBe('messages[0].tool_calls');
    expect(invalid(u('x'), { extraBody: { list: huge } }).issues[0]).toEqual({
      path: 'options.extraBody.list',
      expected: 'an array of at most 100000 items',
      actual: 'an array of 1 000 000 000 items',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('property: any number of bad tools, parts and extraBody values: kept <= 100, kept + omitted exact', () => {
    fc.assert(
      fc.property(fc.nat(300), fc.nat(128), fc.nat(300), (badMessages, badTools, badExtra) => {
        const messages = [
          ...Array.from({ length: badMessages }, () => ({
            role: 'user',
            content: [{ type: 'text', text: 1 }],
          })),
          { role: 'user', content: 'ok' },
        ];
        const tools = Array.from({ length: Math.max(badTools, 1) }, (_, i) =>
          i < badTools ? { type: 'function', function: { name: `bad name ${i}` } } : weather,
        );
        const extraBody = Object.fromEntries(Array.from({ length: badExtra }, (_, i) => [`k${i}`, NaN]));
        const expected = badMessages + badTools + badExtra;
        const result = validateOpenAIRequest('m', messages, true, { tools, extraBody });
        if (expected === 0) return E.isRight(result);
        if (E.isRight(result)) return false;
        expect(result.left.issues.length).toBeLessThanOrEqual(MAX_KEPT_ISSUES);
        expect(result.left.issues.length + result.left.omittedIssues).toBe(expected);
        return true;
      }),
      { numRuns: 100 },
    );
  });
});

describe('hostile values anywhere in the new fields: always an Either, never a throw', () => {
  const thrower = (): never => {
    throw new Error('trap');
  };
  const hostile = fc.constantFrom<unknown>(
    Object.defineProperty({}, 'x', { enumerable: true, get: thrower }),
    new Proxy({}, { ownKeys: thrower }),
    new Proxy([], { get: (target, key) => (typeof key === 'symbol' ? Reflect.get(target, key) : thrower()) }),
    new Proxy({}, { getPrototypeOf: thrower }),
    Object.create(null) as unknown,
    new Date(Number.NaN),
    10n,
    () => 'fn',
  );
  const value = fc.oneof(hostile, fc.anything({ withBigInt: true, withDate: true, withSparseArray: true }));

  it('in content parts, tool calls, tools, schemas, toolChoice, responseFormat and extraBody', () => {
    fc.assert(
      fc.property(value, value, value, value, (a, b, c, d) => {
        const messages = [
          { role: 'user', content: [{ type: 'text', text: a }, b] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: c }] },
          { role: 'tool', tool_call_id: d, content: 'x' },
        ];
        const options = {
          tools: [{ type: 'function', function: { name: 'w', parameters: { a, b } } }, c],
          toolChoice: d,
          responseFormat: { type: 'json_schema', json_schema: { name: 'n', schema: a } },
          extraBody: { a, nested: [b, { c }] },
        };
        const result = validateOpenAIRequest('m', messages, true, options);
        expect(E.isLeft(result) || E.isRight(result)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
