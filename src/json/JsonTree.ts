import { pathStep } from '../core/toIssues';
import type { ItemNode, ItemTarget } from './itemPaths';

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

type Container = JsonValue[] | Record<string, JsonValue>;

/** Called when an element of an items array closes (`value` is frozen). */
export type OnItem = (target: ItemTarget, index: number, value: JsonValue) => void;

/**
 * The value being parsed, built in place as a plain tree (`JSON.parse`'s shapes): the containers still open form a
 * stack, root first. A container is never touched again once closed; with partials it is frozen then, and shared as
 * it is by every later partial, by items and by the final value.
 *
 * A partial ({@link JsonTree.snapshot}) copies only the open containers that changed since the previous one: a
 * change at depth d changes the references of every open container above it, so the copies are the open stack
 * from the root down to the deepest change (`dirtyDepth`); deeper open containers reuse their previous copy.
 */
export class JsonTree {
  /** The open containers, root first. */
  private readonly containers: Container[] = [];
  /** Whether each open container is an array. */
  private readonly arrays: boolean[] = [];
  /** The key (or index) of each open container in its parent (unused for the root). */
  private readonly keys: (string | number)[] = [];
  /** Where each open container is in the tree of `items` paths (`undefined`: no item path goes through it). */
  private readonly nodes: (ItemNode | undefined)[] = [];
  /** The frozen copy of each open container made for the last partial. */
  private readonly copies: JsonValue[] = [];
  /** Index of the innermost open container; -1 when none is open. */
  top = -1;
  /** The key of the next value of the innermost open object. */
  key = '';
  /** The root value once complete (`hasRoot`). */
  root: JsonValue = null;
  hasRoot = false;
  /** Something changed since the last partial. */
  changed = false;
  /** The deepest open container changed since the last partial (-1: none). */
  private dirtyDepth = -1;
  /** The string being read that the last partial showed, and the depth it was shown at. */
  private shownPending: string | undefined = undefined;
  private shownPendingTop = -2;

  /**
   * @param freeze - freeze each container as it closes (for partials, which share closed parts). Without partials
   *   nothing is shared and values stay plain, as `JSON.parse` makes them: freezing costs as much as the parse.
   */
  constructor(
    private readonly itemRoot: ItemNode | undefined,
    private readonly onItem: OnItem,
    private readonly freeze: boolean,
  ) {}

  /** Whether the innermost open container is an array. */
  get inArray(): boolean {
    return this.arrays[this.top] === true;
  }

  /** A complete primitive value (string, number, boolean, null) at the current position. */
  value(value: JsonValue): void {
    const top = this.top;
    if (top < 0) {
      this.root = value;
      this.hasRoot = true;
      this.changed = true;
      return;
    }
    const container = this.containers[top] as Container;
    // A string that ends as the last partial showed it, nothing else having changed: the next partial would equal
    // that one. Its container is rebuilt at the next change (dirty), but nothing is due now.
    const quiet = this.freeze && !this.changed && value === this.shownPending && top === this.shownPendingTop;
    this.shownPending = undefined;
    if (this.arrays[top] === true) {
      const array = container as JsonValue[];
      array.push(value);
      const item = this.nodes[top]?.item;
      if (item !== undefined) this.onItem(item, array.length - 1, value);
    } else setOwn(container as Record<string, JsonValue>, this.key, value);
    if (quiet) this.markDirty();
    else this.touch();
  }

  /** A container opens at the current position. */
  open(isArray: boolean): void {
    const container: Container = isArray ? [] : {};
    const parent = this.top;
    let node: ItemNode | undefined;
    let key: string | number = '';
    if (parent < 0) {
      this.root = container;
      node = this.itemRoot;
    } else if (this.arrays[parent] === true) {
      const array = this.containers[parent] as JsonValue[];
      key = array.length;
      array.push(container);
    } else {
      key = this.key;
      setOwn(this.containers[parent] as Record<string, JsonValue>, key, container);
      node = this.nodes[parent]?.children.get(key);
    }
    const top = parent + 1;
    this.top = top;
    this.containers[top] = container;
    this.arrays[top] = isArray;
    this.keys[top] = key;
    this.nodes[top] = node;
    this.touch();
  }

  /** The innermost open container closes: it is frozen, and is an item when its parent is an items array. */
  close(): void {
    const top = this.top;
    // Nothing changed since the last partial: it showed this container whole (as a copy), so closing it shows nothing new.
    const quiet = this.freeze && !this.changed;
    const open = this.containers[top] as Container;
    const container = this.freeze ? Object.freeze(open) : open;
    // Drop the references: the stack may have been 10 000 deep once, and the tree holds what it needs.
    this.containers[top] = EMPTY;
    this.nodes[top] = undefined;
    this.top = top - 1;
    if (top === 0) {
      this.hasRoot = true;
      if (!quiet) this.changed = true;
      return;
    }
    const item = this.arrays[top - 1] === true ? this.nodes[top - 1]?.item : undefined;
    if (item !== undefined) this.onItem(item, this.keys[top] as number, container);
    if (quiet) this.markDirty();
    else this.touch();
  }

  /** The innermost open container changed (a value was added, or the string being read grew). */
  touch(): void {
    this.changed = true;
    this.markDirty();
  }

  /** The innermost open container is to be copied again at the next partial. */
  private markDirty(): void {
    if (this.top > this.dirtyDepth) this.dirtyDepth = this.top;
  }

  /**
   * The value so far as a frozen tree that shares every unchanged part with the previous snapshot; `pending` is a
   * string value being read at the current position (shown as far as it arrived). `undefined` before anything
   * showable (e.g. inside a root number). Call only when {@link changed}.
   */
  snapshot(pending: string | undefined): JsonValue | undefined {
    this.changed = false;
    const top = this.top;
    this.shownPending = pending;
    this.shownPendingTop = top;
    if (top < 0) {
      this.dirtyDepth = -1;
      return this.hasRoot ? this.root : pending;
    }
    for (let depth = Math.min(this.dirtyDepth, top); depth >= 0; depth--) {
      const container = this.containers[depth] as Container;
      // The open child, if any, is replaced by its own copy; the string being read is added where it goes.
      const child = depth < top ? this.copies[depth + 1] : pending;
      let copy: Container;
      if (this.arrays[depth] === true) {
        copy = (container as JsonValue[]).slice();
        if (depth < top) copy[copy.length - 1] = child as JsonValue;
        else if (child !== undefined) copy.push(child);
      } else {
        copy = { ...(container as Record<string, JsonValue>) };
        const key = depth < top ? (this.keys[depth + 1] as string) : this.key;
        if (child !== undefined) setOwn(copy, key, child);
      }
      this.copies[depth] = Object.freeze(copy);
    }
    this.dirtyDepth = -1;
    return this.copies[0];
  }

  /**
   * Where the parser is, as a path like `rows[3].name`: the innermost open container, and with `inside` the value
   * being read in it (the key just read, or the next index). `(root)` at the top.
   */
  path(inside: boolean): string {
    let path = '';
    for (let depth = 1; depth <= this.top; depth++) path += step(this.keys[depth] as string | number, path);
    if (inside && this.top >= 0) {
      path +=
        this.arrays[this.top] === true
          ? step((this.containers[this.top] as JsonValue[]).length, path)
          : step(this.key, path);
    }
    // Deep values make long paths: the innermost part says most.
    if (path.length > MAX_PATH_CHARS) path = `…${path.slice(-(MAX_PATH_CHARS - 1))}`;
    return path === '' ? '(root)' : path;
  }
}

/** How much of a path {@link JsonTree.path} shows. */
const MAX_PATH_CHARS = 100;

const EMPTY: Container = /*#__PURE__*/ Object.freeze([]) as unknown as Container;

function step(key: string | number, path: string): string {
  return pathStep(String(key), path === '');
}

/** `object[key] = value`, also for `__proto__`, which plain assignment would take as the prototype. */
function setOwn(object: Record<string, JsonValue>, key: string, value: JsonValue): void {
  if (key === '__proto__')
    Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}
