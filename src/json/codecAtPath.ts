import * as t from 'io-ts';

/** The codec kinds {@link codecAtPath} can look inside, named for messages. */
const SUPPORTED_CODECS =
  't.type, t.partial, t.strict / t.exact, t.intersection, t.union (when one member has the field), t.readonly, ' +
  't.record, t.refinement / t.brand, t.recursion, t.unknown; and at the end t.array or t.readonlyArray (or an ' +
  'intersection of them, or t.unknown)';

/** What {@link codecAtPath} found: the element codec, or why there is none. */
export type CodecLookup =
  { readonly ok: true; readonly element: t.Mixed } | { readonly ok: false; readonly reason: string };

/**
 * The codec of the elements of the array at a dotted path inside `codec` (`''` is the root), found by walking
 * io-ts codecs: object-like codecs by field, wrappers (refinements, brands, readonly, exact, recursion) by their
 * inner codec, and at the end an array codec. A refinement met on the way applies to its whole value, so it is
 * checked by the `done` decode, not per element.
 */
export function codecAtPath(codec: t.Mixed, path: string): CodecLookup {
  const segments = path === '' ? [] : path.split('.');
  if (segments.includes(''))
    return { ok: false, reason: 'a path names fields between dots: no empty segment' };
  let current: t.Mixed = codec;
  let where = '(root)';
  for (const segment of segments) {
    const field = fieldOf(current, segment, 0);
    if (!field.ok) return { ok: false, reason: `at ${where}: ${field.reason}` };
    current = field.element;
    where = where === '(root)' ? segment : `${where}.${segment}`;
  }
  const element = elementOf(current, 0);
  return element.ok ? element : { ok: false, reason: `at ${where}: ${element.reason}` };
}

/** Past this depth of wrappers a codec is taken as unsupported (a recursion that never reaches a field). */
const MAX_WRAPPERS = 64;

interface Tagged {
  readonly _tag?: string;
  readonly name: string;
  readonly type?: t.Mixed;
  readonly types?: readonly t.Mixed[];
  readonly props?: Readonly<Record<string, t.Mixed>>;
  readonly codomain?: t.Mixed;
}

function fieldOf(codec: t.Mixed, key: string, depth: number): CodecLookup {
  const c = codec as unknown as Tagged;
  if (depth > MAX_WRAPPERS) return unsupported(codec);
  switch (c._tag) {
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType': {
      const props = c.props ?? {};
      return Object.prototype.hasOwnProperty.call(props, key) && props[key] !== undefined
        ? { ok: true, element: props[key] }
        : { ok: false, reason: `${c.name} has no field ${JSON.stringify(key)}` };
    }
    case 'DictionaryType':
      return c.codomain !== undefined ? { ok: true, element: c.codomain } : unsupported(codec);
    case 'UnknownType':
    case 'AnyType':
      // Inside a value that is not checked, nothing is.
      return { ok: true, element: codec };
    case 'ExactType':
    case 'ReadonlyType':
    case 'RefinementType':
    case 'RecursiveType':
      return c.type !== undefined ? fieldOf(c.type, key, depth + 1) : unsupported(codec);
    case 'IntersectionType':
    case 'UnionType': {
      const found = (c.types ?? [])
        .map((member) => fieldOf(member, key, depth + 1))
        .filter((lookup): lookup is Extract<CodecLookup, { ok: true }> => lookup.ok);
      const [first, ...others] = found;
      if (first === undefined) return { ok: false, reason: `${c.name} has no field ${JSON.stringify(key)}` };
      if (others.length === 0) return first;
      // Two members of an intersection naming the same field: the element must satisfy both. A union whose
      // members disagree cannot say which one applies before the value is known.
      if (c._tag === 'IntersectionType')
        return { ok: true, element: intersectionOf(found.map((f) => f.element)) };
      return {
        ok: false,
        reason: `${found.length} members of ${c.name} have a field ${JSON.stringify(key)}: which applies is unknown`,
      };
    }
    default:
      return unsupported(codec);
  }
}

function elementOf(codec: t.Mixed, depth: number): CodecLookup {
  const c = codec as unknown as Tagged;
  if (depth > MAX_WRAPPERS) return unsupported(codec);
  switch (c._tag) {
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return c.type !== undefined ? { ok: true, element: c.type } : unsupported(codec);
    case 'UnknownType':
    case 'AnyType':
      return { ok: true, element: codec };
    case 'ReadonlyType':
    case 'RefinementType':
    case 'RecursiveType':
      return c.type !== undefined ? elementOf(c.type, depth + 1) : unsupported(codec);
    case 'IntersectionType': {
      // An intersection of arrays: each element must satisfy every member's element codec.
      const found = (c.types ?? []).map((member) => elementOf(member, depth + 1));
      const elements = found.flatMap((lookup) => (lookup.ok ? [lookup.element] : []));
      if (elements.length !== found.length || elements.length === 0)
        return { ok: false, reason: `${c.name} is not an intersection of array codecs` };
      return {
        ok: true,
        element: elements.length === 1 ? (elements[0] as t.Mixed) : intersectionOf(elements),
      };
    }
    default:
      return { ok: false, reason: `${c.name} is not an array codec (t.array or t.readonlyArray)` };
  }
}

function unsupported(codec: t.Mixed): CodecLookup {
  const c = codec as unknown as Tagged;
  return {
    ok: false,
    reason: `cannot look inside ${c.name}${c._tag !== undefined ? ` (${c._tag})` : ''}; supported: ${SUPPORTED_CODECS}`,
  };
}

/** A codec that checks every one of `codecs` (at least two). */
function intersectionOf(codecs: readonly t.Mixed[]): t.Mixed {
  return codecs.reduce((all, codec) => t.intersection([all, codec]));
}
