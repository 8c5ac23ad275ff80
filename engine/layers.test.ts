/**
 * The house rules of engine/ (engine/README.md), checked on the sources: each folder imports only
 * the folders before it in LAYERS, nothing imports reports/ or cli/, and no file imports itself
 * through a cycle. Tests and test-support are exempt (they may run whole replications).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ENGINE = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(ENGINE);
/** lowest first; `.` is engine/'s own leaf modules (rng.ts) */
const LAYERS = ['.', 'kernel', 'drivers', 'agents', 'polls', 'measure', 'market', 'run', 'live'];
/** engine/result.ts re-exports measure/ for reports/ and cli/: nothing inside engine/ may use it */
const OUTWARD = new Set(['result.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return n === 'test-support' ? [] : sources(p);
    return n.endsWith('.ts') && !n.endsWith('.test.ts') ? [p] : [];
  });
}

/** Relative imports of a file, as paths from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((m) => relative(ROOT, resolve(dirname(file), `${m[1]}.ts`)));
}

/** The layer of an engine file: its first folder under engine/, or '.' for engine/x.ts. */
function layerOf(path: string): string {
  const parts = relative('engine', path).split('/');
  return parts.length === 1 ? '.' : (parts[0] as string);
}

const files = sources(ENGINE).map((f) => relative(ROOT, f));
const graph = new Map(files.map((f) => [f, importsOf(join(ROOT, f))]));

describe('engine/ layers', () => {
  it('finds the folders it checks', () => {
    for (const layer of LAYERS.slice(1)) expect(files.some((f) => layerOf(f) === layer)).toBe(true);
    expect(files.every((f) => LAYERS.includes(layerOf(f)) || OUTWARD.has(relative('engine', f)))).toBe(true);
  });

  it('imports only downwards, and nothing of reports/ or cli/', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      if (OUTWARD.has(relative('engine', file))) continue;
      const mine = LAYERS.indexOf(layerOf(file));
      for (const dep of deps) {
        if (dep.startsWith('reports/') || dep.startsWith('cli/')) wrong.push(`${file} → ${dep}`);
        if (!dep.startsWith('engine/')) continue;
        if (OUTWARD.has(relative('engine', dep))) wrong.push(`${file} → ${dep} (use measure/result-types.ts)`);
        else if (LAYERS.indexOf(layerOf(dep)) > mine) wrong.push(`${file} → ${dep}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no circular imports', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string): void => {
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open') cycles.push([...stack.slice(stack.indexOf(d)), d].join(' → '));
        else if (!state.has(d) && graph.has(d)) visit(d);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
