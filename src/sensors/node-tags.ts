import { Tags } from '@babylonjs/core/Misc/tags.js';
import type { Node } from '@babylonjs/core/node.js';

/** A tag that is a plain name (no `&&`, `||`, `!`, parentheses or spaces): matched without parsing. */
const PLAIN_TAG = /^[^\s&|!()]+$/u;

/**
 * True when `node` carries `tag`: as a Babylon tag (a plain name, or a {@link Tags.MatchesQuery} query such as
 * `'enemy && !dead'`), as `node.metadata.tag === tag`, or in the array `node.metadata.tags`.
 * Plain names are looked up without allocating; queries are parsed by Babylon on each call.
 */
export function nodeHasTag(node: Node, tag: string): boolean {
  if (PLAIN_TAG.test(tag)) {
    const own = Tags.GetTags(node, false) as Record<string, boolean> | null;
    if (own && own[tag] === true) return true;
  } else if (Tags.MatchesQuery(node, tag)) {
    return true;
  }
  const meta = node.metadata as { tag?: unknown; tags?: unknown } | null | undefined;
  return meta != null && (meta.tag === tag || (Array.isArray(meta.tags) && meta.tags.includes(tag)));
}

/**
 * Index in `tags` of the first tag matched by `node` or, failing that, by its nearest ancestor that matches any;
 * -1 when none does.
 */
export function tagIndexOf(node: Node, tags: readonly string[]): number {
  for (let n: Node | null = node; n; n = n.parent) {
    for (let t = 0; t < tags.length; t++) if (nodeHasTag(n, tags[t])) return t;
  }
  return -1;
}
