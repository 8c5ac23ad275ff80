/**
 * Maps a path in the parsed data (["population", "legit", 0, "counter"]) back to a line and
 * column of the source, through the YAML document's node ranges. JSON files go through the
 * same parser (JSON is YAML), so both get the same precision.
 */
import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';

/** where the problem sits: the key itself (unknown key) or its value (a missing value points at its mapping) */
export type Anchor = 'key' | 'value';

export interface Position { line: number; col: number }

export class Locator {
  constructor(private readonly doc: Document | undefined, private readonly lines: LineCounter) {}

  at(offset: number): Position {
    return this.lines.linePos(offset);
  }

  locate(path: readonly PropertyKey[], anchor: Anchor): Position {
    const walked = this.walk(path);
    if (walked.complete) {
      if (anchor === 'key' && walked.keyNode) return this.at(start(walked.keyNode));
      // an empty value (`counter:` with nothing after it) has no text of its own: point at the key
      if (walked.node && !isEmpty(walked.node)) return this.at(start(walked.node));
      if (walked.keyNode) return this.at(start(walked.keyNode));
    }
    // a missing field: point at the mapping that lacks it
    return this.at(start(walked.deepest));
  }

  /** follows the path as far as the document goes */
  private walk(path: readonly PropertyKey[]): { complete: boolean; node: unknown; keyNode: unknown; deepest: unknown } {
    let node: unknown = this.doc?.contents;
    let keyNode: unknown;
    let deepest: unknown = node;
    for (const seg of path) {
      const container = this.resolve(node);
      if (isMap(container)) {
        const pair = container.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
        if (!pair) return { complete: false, node, keyNode, deepest };
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(container) && typeof seg === 'number' && seg < container.items.length) {
        keyNode = undefined;
        node = container.items[seg];
      } else {
        return { complete: false, node, keyNode, deepest };
      }
      deepest = node && !isEmpty(node) ? node : (keyNode ?? deepest);
    }
    return { complete: true, node, keyNode, deepest };
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) && this.doc ? node.resolve(this.doc) : node;
  }
}

function isEmpty(node: unknown): boolean {
  const range = (node as Node | null | undefined)?.range;
  return !range || range[0] === range[1];
}

function start(node: unknown): number {
  return (node as Node | null | undefined)?.range?.[0] ?? 0;
}
