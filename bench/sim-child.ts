/**
 * One replication in a process of its own, so that its peak resident memory is its own: lines
 * (e) and (f) of the simulation bench. Arguments: `year` (the full-scale Hérault year) or
 * `scale <k>` (Hérault ×k, see herault-shapes.ts), then `--warm` to run a ×1 replication first
 * (compilation and JIT are then not counted in the time). Prints one line of JSON.
 */
import { effectivePolicies, type Scenario } from '../scenarios/schema.js';
import { simulateReplication } from '../engine/run/replication.js';
import { fullScaleHerault, scaledHerault } from './herault-shapes.js';

export interface ChildFigures {
  seconds: number;
  people: number;
  /** requests simulated one by one (people's and bots', after the warm-up; elided polls are not work) */
  requests: number;
  /** peak resident set size of the process, MB */
  peakRssMb: number;
}

function replicate(s: Scenario): { seconds: number; people: number; requests: number } {
  const [baseline] = effectivePolicies(s);
  const t0 = performance.now();
  const r = simulateReplication(s, { name: baseline!.name, policy: baseline!.policy }, 0);
  return { seconds: (performance.now() - t0) / 1000, people: r.counts.legitUsers, requests: r.counts.requests - r.counts.elidedPolls };
}

const args = process.argv.slice(2);
const [what, k] = args.filter((a) => !a.startsWith('--'));
const scenario = what === 'year' ? fullScaleHerault(1) : what === 'scale' && Number(k) > 0 ? scaledHerault(Number(k)) : undefined;
if (!scenario) {
  console.error('usage: sim-child.js year | scale <k> [--warm]');
  process.exit(2);
}
if (args.includes('--warm')) replicate(scaledHerault(1, 9));
const run = replicate(scenario);
const figures: ChildFigures = { ...run, peakRssMb: process.resourceUsage().maxRSS / 1024 };
console.log(JSON.stringify(figures));
