/**
 * How deep a YAML or JSON text nests its collections, measured before any parser sees it. The
 * YAML parser recurses once per level: thousands of levels overflow its stack, sometimes inside a
 * regular-expression compilation, where V8 ends the process instead of throwing. A scenario
 * needs a handful of levels, so anything past MAX_NESTING is refused with its position.
 *
 * The count errs on the high side (every indentation step and every "- " of a line is a level;
 * brackets in quoted text are skipped, comments dropped), which the wide margin allows.
 */

export const MAX_NESTING = 64;

export interface TooDeep { line: number; col: number; depth: number }

/**
 * The flow depth after a line (brackets opened minus closed, outside quotes and comments);
 * `stop(col, depth)` is asked at each opening bracket and ends the scan when it says so.
 */
function scanFlow(line: string, flow: number, stop: (col: number, flow: number) => boolean): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) break;
    else if (c === '[' || c === '{') { if (stop(i, ++flow)) return flow; }
    else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return flow;
}

/** The first place where `text` nests deeper than `max`, if any. */
export function tooDeep(text: string, max = MAX_NESTING): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    // indentation counts inside flow collections too (the YAML parser still reads "- " there), so
    // pretty-printed JSON counts each level twice: still far below the bound
    const m = /^( *)((?:- +)*)(.*)$/.exec(line);
    const [indent, dashes, rest] = [m?.[1]?.length ?? 0, m?.[2] ?? '', m?.[3] ?? ''];
    if (dashes !== '' || (rest.trim() !== '' && !rest.trimStart().startsWith('#'))) {
      while (indents.length > 0 && (indents.at(-1) as number) >= indent) indents.pop();
      indents.push(indent);
      const depth = indents.length + dashes.split('-').length - 1 + flow;
      if (depth > max) return { line: n + 1, col: indent + 1, depth };
    }
    let found: TooDeep | undefined;
    const block = indents.length;
    const next = scanFlow(line, flow, (col, f) => {
      if (block + f > max) found = { line: n + 1, col: col + 1, depth: block + f };
      return found !== undefined;
    });
    if (found) return found;
    flow = next;
  }
  return undefined;
}
