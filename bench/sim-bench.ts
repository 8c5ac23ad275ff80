/**
 * Simulation benchmarks (issue: performance), each a ratio to a reference or a budget measured
 * or fixed for this run:
 *  (a) kernel events/s against a SimPy model of the same workload (kernel-bench.ts, aim ≥ 10);
 *  (b) one replication of the full-scale Hérault year: ≥ 15,000 legitimate users, 50 bots
 *      polling every second, against a budget of 1 s;
 *  (c) the same with bots polling every 0.1 s, as a ratio to (b) (poll elision: aim within ±20 %);
 *  (d) matrix.yaml with 20 replications on every core, against a budget of 45 s (so that
 *      `npm start` finishes within a minute);
 *  (e), (f) cost and memory against size, each size in its own process (scale-bench.ts).
 */
import { runScenario } from '../engine/run/run-scenario.js';
import { simulateReplication } from '../engine/run/replication.js';
import { loadScenario } from '../scenarios/load.js';
import { effectivePolicies, type Scenario } from '../scenarios/schema.js';
import type { BenchLine } from './bench-line.js';
import { fullScaleHerault } from './herault-shapes.js';
import { benchKernel } from './kernel-bench.js';
import { repoFile } from './repo-file.js';
import { benchScale } from './scale-bench.js';

export const YEAR_BUDGET_S = 1;
export const MATRIX_BUDGET_S = 45;

function timeReplication(s: Scenario): number {
  const [baseline] = effectivePolicies(s);
  const t0 = performance.now();
  simulateReplication(s, { name: baseline!.name, policy: baseline!.policy }, 0);
  return (performance.now() - t0) / 1000;
}

export async function benchSimulation(): Promise<BenchLine[]> {
  const lines: BenchLine[] = benchKernel();

  process.stderr.write('bench: full-scale Hérault year…\n');
  const every1s = fullScaleHerault(1);
  const every100ms = fullScaleHerault(0.1);
  timeReplication(every1s); // warm-up (JIT, faker)
  const b = Math.min(timeReplication(every1s), timeReplication(every1s));
  const c = Math.min(timeReplication(every100ms), timeReplication(every100ms));
  lines.push({ name: '(b) Hérault year, full scale, 50 bots @1 s', value: b, unit: 's', reference: 'budget', referenceValue: YEAR_BUDGET_S, ratio: b / YEAR_BUDGET_S, aim: '< 1 (under 1 s)' });
  lines.push({ name: '(c) same, bots @0.1 s', value: c, unit: 's', reference: '(b)', referenceValue: b, ratio: c / b, aim: '0.8–1.2' });

  const matrix = loadScenario(repoFile('scenarios/matrix.yaml'));
  const t0 = performance.now();
  await runScenario(matrix, {
    file: 'scenarios/matrix.yaml',
    replications: 20,
    onProgress: (done, total) => { if (done % 20 === 0 || done === total) process.stderr.write(`bench: matrix ${done}/${total}\n`); },
  });
  const d = (performance.now() - t0) / 1000;
  lines.push({ name: '(d) matrix.yaml × 20 replications', value: d, unit: 's', reference: 'budget', referenceValue: MATRIX_BUDGET_S, ratio: d / MATRIX_BUDGET_S, aim: '< 1 (under 45 s)' });

  lines.push(...benchScale());
  return lines;
}
