/**
 * The grammar of a gate, after k6's thresholds: `<statistic> <operator> <number>`, e.g.
 * "mean>=0.8" or "p(95)<500". A gate is read against one metric: a metric of the one catalogue
 * (scenarios/metrics.ts), whose statistics are taken over the replications, or a live metric
 * (`live.latencyMs.people`, `live.errorRate.<crew>`), whose statistics are the ones the live
 * recorder keeps per replication. Pure: the scenario schema, the CLI and the reports all parse
 * with it, so a gate means the same everywhere.
 */
import { isMetricName, type MetricName } from '../metrics.js';

export const GATE_OPERATORS = ['<=', '>=', '<', '>', '===', '==', '!='] as const;
export type GateOperator = (typeof GATE_OPERATORS)[number];

/** What a gate's metric name stands for. */
export type GateTarget =
  | { kind: 'catalogue'; metric: MetricName }
  /** `who`: 'people' or a crew id; `route`: one route of the live recorder, or every route */
  | { kind: 'latency' | 'errorRate'; who: string; route?: string };

export interface GateSpec {
  metric: string;
  expression: string;
  target: GateTarget;
  /** "mean", "low", "p(95)", … as written (avg is read as mean, med as p(50)) */
  stat: string;
  op: GateOperator;
  limit: number;
}

/** Statistics over a catalogue metric's replications: the interval's mean and bounds, or the replications' values. */
export const CATALOGUE_STATS = ['mean', 'avg', 'low', 'high', 'min', 'max', 'med', 'p(N)'] as const;
/** The figures a live replication keeps of a latency (LatencySummary). */
export const LATENCY_STATS = ['avg', 'mean', 'med', 'p(50)', 'p(90)', 'p(95)', 'p(99)', 'max'] as const;
export const ERROR_RATE_STATS = ['rate'] as const;

/** Shown in the JSON Schema and in error hints. */
export const GATE_GRAMMAR = 'k6 threshold grammar: "<statistic> <operator> <number>", operators < <= > >= == != ; '
  + `catalogue metrics (e.g. legit.servedBeforeDeadline): ${CATALOGUE_STATS.join(', ')} over the replications `
  + '(mean, low and high: the 95 % interval; min, max, med, p(N): the replications\' values); '
  + `live.latencyMs.<people|crew>[.<route>] (ms, live runs): ${LATENCY_STATS.join(', ')}; `
  + `live.errorRate.<people|crew>[.<route>] (share of answers with no status or a 5xx, live runs): rate`;

const LIVE_RE = /^live\.(latencyMs|errorRate)\.([a-z0-9][a-z0-9-]*)(?:\.([A-Za-z]+))?$/;
const EXPR_RE = /^\s*([a-z]+(?:\(\s*\d+(?:\.\d+)?\s*\))?)\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

/** What the metric name stands for, or why it stands for nothing. */
export function parseGateMetric(metric: string): Parsed<GateTarget> {
  if (isMetricName(metric)) return { ok: true, value: { kind: 'catalogue', metric } };
  const live = LIVE_RE.exec(metric);
  if (live) {
    const [, kind, who, route] = live as unknown as [string, 'latencyMs' | 'errorRate', string, string | undefined];
    return { ok: true, value: { kind: kind === 'latencyMs' ? 'latency' : 'errorRate', who: who, ...(route ? { route } : {}) } };
  }
  return { ok: false, message: `unknown metric "${metric}"` };
}

/** The statistic as the gate is evaluated (aliases resolved), or undefined when the target does not have it. */
function normalStat(target: GateTarget, stat: string): string | undefined {
  const compact = stat.replace(/\s+/g, '');
  if (target.kind === 'errorRate') return compact === 'rate' ? 'rate' : undefined;
  if (compact === 'avg') return 'mean';
  if (compact === 'med') return 'p(50)';
  if (target.kind === 'latency') {
    return (LATENCY_STATS as readonly string[]).includes(compact) ? compact : undefined;
  }
  if (['mean', 'low', 'high', 'min', 'max'].includes(compact)) return compact;
  const p = /^p\((\d+(?:\.\d+)?)\)$/.exec(compact);
  return p && Number(p[1]) >= 0 && Number(p[1]) <= 100 ? `p(${Number(p[1])})` : undefined;
}

function statsOf(target: GateTarget): readonly string[] {
  if (target.kind === 'catalogue') return CATALOGUE_STATS;
  return target.kind === 'latency' ? LATENCY_STATS : ERROR_RATE_STATS;
}

/** One gate, e.g. ("bots.captureShare", "mean<0.1"). */
export function parseGate(metric: string, expression: string): Parsed<GateSpec> {
  const target = parseGateMetric(metric);
  if (!target.ok) return target;
  const m = EXPR_RE.exec(expression);
  if (!m) {
    return { ok: false, message: `"${expression}" is not a threshold`, hint: `expected "<statistic> <operator> <number>" such as ${example(target.value)}` };
  }
  const [, rawStat, op, limit] = m as unknown as [string, string, GateOperator, string];
  const stat = normalStat(target.value, rawStat);
  if (stat === undefined) {
    return { ok: false, message: `"${rawStat}" is not a statistic of ${metric}`, hint: `expected one of ${statsOf(target.value).join(', ')}` };
  }
  return { ok: true, value: { metric, expression, target: target.value, stat, op: op === '===' ? '==' : op, limit: Number(limit) } };
}

function example(target: GateTarget): string {
  if (target.kind === 'catalogue') return '"mean>=0.8"';
  return target.kind === 'latency' ? '"p(95)<500"' : '"rate<0.01"';
}

/** Whether `observed op limit` holds. */
export function holds(observed: number, op: GateOperator, limit: number): boolean {
  switch (op) {
    case '<': return observed < limit;
    case '<=': return observed <= limit;
    case '>': return observed > limit;
    case '>=': return observed >= limit;
    case '==': case '===': return observed === limit;
    case '!=': return observed !== limit;
  }
}

export function isLiveTarget(target: GateTarget): boolean {
  return target.kind !== 'catalogue';
}
