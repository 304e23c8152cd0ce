import type * as t from 'io-ts';

/** The parts of an io-ts codec {@link typeInWords} reads (every io-ts class has `_tag`; ours may lack it). */
interface Described {
  readonly name: string;
  readonly _tag?: string;
  readonly type?: Described;
  readonly types?: readonly Described[];
  readonly props?: Readonly<Record<string, Described>>;
  readonly value?: unknown;
  readonly keys?: Readonly<Record<string, unknown>>;
}

/**
 * What a codec expects, in words for an error message. A codec named in words (`'a finite number in [0, 2]'`) says
 * so itself; a name that io-ts made up (`ReadonlyArray<{ id: string }>`, `(string | <function1>)`,
 * `Partial<{ … }>`, `({ … } & …)`) or a bare type name (`ChatCompletion`) is replaced by a description of the
 * codec's structure: `an array, each item an object { id }`, `a string or null`, `an object { id, object? }`.
 *
 * @example
 * ```ts
 * typeInWords(t.union([t.string, t.null])); // 'a string or null'
 * typeInWords(t.type({ id: t.string }));    // 'an object { id }'
 * ```
 */
export function typeInWords(codec: t.Decoder<unknown, unknown> | Described): string {
  // Codecs are immutable: each is described once (100 000 bad messages ask the same question 100 000 times).
  let words = described.get(codec);
  if (words === undefined) described.set(codec, (words = describe(codec as Described, 0)));
  return words;
}

const described = /*#__PURE__*/ new WeakMap<object, string>();

/** True for io-ts-made or bare type names: `string`, `Message`, `{ a: string }`, `ReadonlyArray<…>`, `(a | b)`. */
export function isMachineName(name: string): boolean {
  return (
    /^[A-Za-z][A-Za-z0-9]*$/.test(name) ||
    /^[({]|^(Readonly|ReadonlyArray|Array|Partial|Exact|Strict|Record)</.test(name) ||
    name.includes('<function')
  );
}

function describe(codec: Described, depth: number): string {
  if (!isMachineName(codec.name)) return codec.name;
  if (depth > 3) return 'a value of the right shape';
  switch (codec._tag) {
    case 'StringType':
      return 'a string';
    case 'NumberType':
      return 'a number';
    case 'BigIntType':
      return 'a bigint';
    case 'BooleanType':
      return 'a boolean';
    case 'NullType':
      return 'null';
    case 'UndefinedType':
    case 'VoidType':
      return 'undefined';
    case 'UnknownRecordType':
    case 'AnyDictionaryType':
      return 'an object';
    case 'UnknownArrayType':
    case 'AnyArrayType':
      return 'an array';
    case 'FunctionType':
      return 'a function';
    case 'LiteralType':
      return JSON.stringify(codec.value) ?? String(codec.value);
    case 'KeyofType':
      return Object.keys(codec.keys ?? {})
        .map((key) => JSON.stringify(key))
        .join(' | ');
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return codec.type === undefined ? 'an array' : `an array, each item ${describe(codec.type, depth + 1)}`;
    case 'InterfaceType':
    case 'StrictType':
    case 'PartialType':
    case 'IntersectionType': {
      const keys = objectKeys(codec);
      if (keys !== undefined) return keys.length === 0 ? 'an object' : `an object { ${keys.join(', ')} }`;
      return (codec.types ?? []).map((member) => describe(member, depth + 1)).join(' and ');
    }
    case 'ExactType':
    case 'ReadonlyType':
      return codec.type === undefined ? 'a value of the right shape' : describe(codec.type, depth);
    case 'UnionType':
      return unionInWords(codec.types ?? [], depth);
    case 'RefinementType':
    case 'BrandType':
      return codec.type === undefined
        ? 'a value of the right shape'
        : `${describe(codec.type, depth)} within its limits`;
    default:
      return 'a value of the right shape';
  }
}

/** `a string or null`: members in words, each once; `undefined` left out when other members exist (absent is fine). */
function unionInWords(members: readonly Described[], depth: number): string {
  const words = [...new Set(members.map((member) => describe(member, depth + 1)))];
  const shown = words.length > 1 ? words.filter((w) => w !== 'undefined') : words;
  if (shown.length <= 1) return shown[0] ?? 'a value of the right shape';
  return `${shown.slice(0, -1).join(', ')} or ${shown[shown.length - 1] ?? ''}`;
}

/** The keys of an object codec (`k?` for optional ones), or `undefined` when it is not made of objects only. */
function objectKeys(codec: Described): string[] | undefined {
  switch (codec._tag) {
    case 'InterfaceType':
    case 'StrictType':
      return Object.keys(codec.props ?? {});
    case 'PartialType':
      return Object.keys(codec.props ?? {}).map((key) => `${key}?`);
    case 'ExactType':
    case 'ReadonlyType':
      return codec.type === undefined ? undefined : objectKeys(codec.type);
    case 'IntersectionType': {
      const keys: string[] = [];
      for (const member of codec.types ?? []) {
        const more = objectKeys(member);
        if (more === undefined) return undefined;
        keys.push(...more);
      }
      return keys;
    }
    default:
      return undefined;
  }
}
