/**
 * Gate outcomes as result.json carries them (`gates`, present when the scenario has gates;
 * versioned on its own). Each check keeps its metric and threshold as written, so
 * `guichet gate result.json` can judge the file again without the scenario.
 */
import type { Interval } from './result-types.js';

export const GATES_SCHEMA = 'guichet.gates/v1' as const;

export interface GateCheck {
  metric: string;
  /** the threshold as written, e.g. "mean>=0.8" */
  expression: string;
  /** the statistic the threshold reads; null when the run did not measure it (a live metric of a simulated run, a crew that did not run) */
  observed: number | null;
  /** the metric's 95 % interval over the replications (catalogue metrics), or of the live figure per replication */
  interval?: Interval;
  pass: boolean;
}

export interface PolicyGateChecks {
  policy: string;
  checks: GateCheck[];
}

export interface GatesResult {
  schema: typeof GATES_SCHEMA;
  /** every check of every policy holds */
  pass: boolean;
  policies: PolicyGateChecks[];
}

/** The grammar, for the readers of result.json (reports/ imports result types only). */
export { GATE_GRAMMAR, holds, parseGate } from '../../scenarios/gates/grammar.js';
export type { GateOperator, GateSpec, GateTarget } from '../../scenarios/gates/grammar.js';
