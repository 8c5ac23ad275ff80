/**
 * Lines (e) and (f): how the cost of a replication grows with its size, each size in a process
 * of its own (bench/sim-child.ts) so that the peak memory reported is that replication's.
 *  (e) Hérault ×1, ×4, ×16 (people, desks and bots): wall time per person against ×1's (aim:
 *      within 1.2×); wall time per request simulated (polls elided are not), which separates the
 *      engine's cost from the work the model makes (lost booking races grow faster than the
 *      population when more agents compete for each release); and the peak memory per
 *      process, whose growth per person from ×4 to ×16 is set against its growth from ×1 to
 *      ×4 (linear: a ratio near 1);
 *  (f) peak memory of the process that simulates one full-scale Hérault year (aim < 200 MB).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchLine } from './bench-line.js';
import type { ChildFigures } from './sim-child.js';
import { SCALE_WEEKS } from './herault-shapes.js';

const SCALES = [1, 4, 16] as const;
export const YEAR_RSS_BUDGET_MB = 200;

function child(args: string[]): ChildFigures {
  const script = fileURLToPath(new URL('./sim-child.js', import.meta.url));
  const out = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as ChildFigures;
}

export function benchScale(): BenchLine[] {
  const lines: BenchLine[] = [];
  const runs = SCALES.map((k) => {
    process.stderr.write(`bench: Hérault ×${k}, ${SCALE_WEEKS} weeks, in a process of its own…\n`);
    const r = child(['scale', String(k), '--warm']);
    process.stderr.write(`bench:   ${r.people} people, ${r.requests} requests, ${r.seconds.toFixed(2)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB\n`);
    return { k, ...r };
  });
  const [one, four, sixteen] = runs as [typeof runs[number], typeof runs[number], typeof runs[number]];
  const perPerson = (r: typeof one) => (r.seconds / r.people) * 1e6;
  for (const r of [four, sixteen]) {
    lines.push({
      name: `(e) wall time per person, Hérault ×${r.k}`, value: perPerson(r), unit: 'µs/person',
      reference: '×1', referenceValue: perPerson(one), ratio: perPerson(r) / perPerson(one), aim: '≤ 1.2',
    });
  }
  const perRequest = (r: typeof one) => (r.seconds / r.requests) * 1e6;
  for (const r of [four, sixteen]) {
    lines.push({
      name: `(e) wall time per request, Hérault ×${r.k} (${(r.requests / r.people).toFixed(0)} requests/person)`, value: perRequest(r), unit: 'µs/request',
      reference: `×1 (${(one.requests / one.people).toFixed(0)} requests/person)`, referenceValue: perRequest(one), ratio: perRequest(r) / perRequest(one), aim: '≤ 1.2',
    });
  }
  for (const r of runs) {
    lines.push({
      name: `(e) peak RSS of the process, Hérault ×${r.k} (${r.people} people)`, value: r.peakRssMb, unit: 'MB',
      reference: '×1', referenceValue: one.peakRssMb, ratio: r.peakRssMb / one.peakRssMb, aim: 'informative',
    });
  }
  // memory a person adds, at the large end against the small end: 1 when memory is linear in size
  const kbPerPerson = (a: typeof one, b: typeof one) => ((b.peakRssMb - a.peakRssMb) * 1024) / (b.people - a.people);
  const small = kbPerPerson(one, four);
  const large = kbPerPerson(four, sixteen);
  lines.push({
    name: '(e) peak RSS added per person, ×4 → ×16', value: large, unit: 'kB/person',
    reference: '×1 → ×4', referenceValue: small, ratio: large / small, aim: '≤ 1.2 (linear)',
  });

  process.stderr.write('bench: one full-scale Hérault year in a process of its own…\n');
  const year = child(['year']);
  lines.push({
    name: `(f) peak RSS, one full-scale Hérault year (${year.people} people)`, value: year.peakRssMb, unit: 'MB',
    reference: 'budget', referenceValue: YEAR_RSS_BUDGET_MB, ratio: year.peakRssMb / YEAR_RSS_BUDGET_MB, aim: '< 1 (under 200 MB)',
  });
  return lines;
}
