/**
 * Judges a run on its gates: each threshold against the statistic it names, per policy.
 * Catalogue metrics read the policy's summary interval (mean, low, high) or its replications'
 * values (min, max, p(N)); live metrics read each replication's live block, and with several
 * replications the mean of their figures. A gate whose figure the run did not measure fails:
 * a CI gate that cannot be judged must not pass silently.
 */
import { interval } from '../../engine/measure/intervals.js';
import {
  GATES_SCHEMA, holds, isMetricName, parseGate,
  type GateCheck, type GatesResult, type GateSpec, type Interval, type PolicyResult, type ReplicationResult, type RouteStats, type RunResult,
} from '../../engine/result.js';

/** A gate as written: what the scenario says, or what a result.json recorded. */
export interface GateDef {
  metric: string;
  expression: string;
}

export interface PolicyGateDefs {
  policy: string;
  gates: GateDef[];
}

/** The gates recorded in a result, to judge it again. */
export function recordedGates(result: RunResult): PolicyGateDefs[] {
  return (result.gates?.policies ?? []).map((p) => ({ policy: p.policy, gates: p.checks.map(({ metric, expression }) => ({ metric, expression })) }));
}

/** Policies of `defs` the result did not run (say, `--policy` left them out) are skipped. */
export function evaluateGates(result: RunResult, defs: readonly PolicyGateDefs[]): GatesResult {
  const policies = defs.flatMap(({ policy, gates }) => {
    const p = result.policies.find((x) => x.name === policy);
    return p && gates.length > 0 ? [{ policy, checks: gates.map((g) => check(p, g)) }] : [];
  });
  return { schema: GATES_SCHEMA, pass: policies.every((p) => p.checks.every((c) => c.pass)), policies };
}

function check(p: PolicyResult, def: GateDef): GateCheck {
  const gate = parseGate(def.metric, def.expression);
  if (!gate.ok) throw new Error(`gate ${def.metric} "${def.expression}": ${gate.message}`);
  const { observed, interval: iv } = observe(p, gate.value);
  return {
    metric: def.metric, expression: def.expression, observed,
    ...(iv ? { interval: iv } : {}),
    pass: observed !== null && holds(observed, gate.value.op, gate.value.limit),
  };
}

function observe(p: PolicyResult, gate: GateSpec): { observed: number | null; interval?: Interval } {
  const t = gate.target;
  if (t.kind === 'catalogue') {
    const summary = p.summary[t.metric];
    if (!isMetricName(t.metric) || !summary || summary.n === 0) return { observed: null };
    if (gate.stat === 'mean' || gate.stat === 'low' || gate.stat === 'high') return { observed: summary[gate.stat], interval: summary };
    const values = p.runs.map((r) => r.metrics[t.metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    return { observed: ofValues(values, gate.stat), interval: summary };
  }
  const values = p.runs.map((r) => liveFigure(r, t.kind, t.who, t.route, gate.stat));
  if (values.length === 0 || values.some((v) => v === null)) return { observed: null };
  const iv = interval(values as number[]);
  return { observed: iv.mean, interval: iv };
}

/** min, max or p(N) of the replications' values (linear between the two nearest ranks). */
export function ofValues(values: readonly number[], stat: string): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  if (stat === 'min') return sorted[0] as number;
  if (stat === 'max') return sorted[sorted.length - 1] as number;
  const q = Number(/^p\((.+)\)$/.exec(stat)?.[1]) / 100;
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (at - lo);
}

const LATENCY_KEYS: Record<string, 'mean' | 'p50' | 'p90' | 'p95' | 'p99' | 'max'> = {
  mean: 'mean', 'p(50)': 'p50', 'p(90)': 'p90', 'p(95)': 'p95', 'p(99)': 'p99', max: 'max',
};

/** The replication's latency statistic or error rate for people or a crew; null when not measured. */
function liveFigure(r: ReplicationResult, kind: 'latency' | 'errorRate', who: string, route: string | undefined, stat: string): number | null {
  const population = r.live?.populations.find((x) => x.id === who);
  const stats: RouteStats | undefined = population && (route === undefined ? population.all : population.routes[route as keyof typeof population.routes]);
  if (!stats) return null;
  if (kind === 'errorRate') {
    let total = 0;
    let errors = 0;
    for (const [status, n] of Object.entries(stats.statuses)) {
      total += n;
      // no answer (0: timeout, connection refused) or the server failed (5xx); 4xx are the target's refusals
      if (Number(status) === 0 || Number(status) >= 500) errors += n;
    }
    return total === 0 ? null : errors / total;
  }
  const key = LATENCY_KEYS[stat];
  return key === undefined || stats.latency.count === 0 ? null : stats.latency[key];
}
