import type * as t from 'io-ts';
import { pathStep } from '../core/toIssues';
import { codecAtPath } from './codecAtPath';

/** An array whose elements are emitted as items: the path as the caller wrote it, and the element codec. */
export interface ItemTarget {
  /** The dotted path, as given in `items`. */
  readonly path: string;
  /** The path as shown in issues, e.g. `data.rows` (`''` for a root array). */
  readonly shown: string;
  /** The codec of each element. */
  readonly codec: t.Mixed;
}

/** One step of the tree of item paths: the fields below it, and the item array ending here, if any. */
export interface ItemNode {
  /** Deeper nodes by field name. */
  readonly children: Map<string, ItemNode>;
  /** Set when an item path ends here. */
  item: ItemTarget | undefined;
}

/**
 * Compiles the `items` option into a tree keyed by field name (so the parser finds a container's node in one
 * lookup when it opens), each end holding the element codec found in `codec`. Throws a `RangeError` naming the
 * path and why it does not lead to an array codec.
 */
export function compileItemPaths(codec: t.Mixed, paths: unknown): ItemNode | undefined {
  if (paths === undefined) return undefined;
  if (!Array.isArray(paths))
    throw new RangeError(`streamJson: options.items must be an array of dotted paths, got ${typeof paths}.`);
  if (paths.length === 0) return undefined;
  const root: ItemNode = { children: new Map(), item: undefined };
  paths.forEach((path: unknown, index) => {
    if (typeof path !== 'string')
      throw new RangeError(
        `streamJson: options.items[${index}] must be a string (a dotted path), got ${typeof path}.`,
      );
    const found = codecAtPath(codec, path);
    if (!found.ok)
      throw new RangeError(
        `streamJson: options.items[${index}] = ${JSON.stringify(path)} does not lead to an array in ${codec.name}: ` +
          `${found.reason}.`,
      );
    let node = root;
    let shown = '';
    for (const segment of path === '' ? [] : path.split('.')) {
      shown += pathStep(segment, shown === '');
      let child = node.children.get(segment);
      if (child === undefined) {
        child = { children: new Map(), item: undefined };
        node.children.set(segment, child);
      }
      node = child;
    }
    node.item ??= { path, shown, codec: found.element };
  });
  return root;
}
