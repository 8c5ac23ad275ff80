/**
 * Runs a scenario: every policy (baseline and alternatives) × every replication, in worker
 * threads, then summarises each metric as a mean with its 95 % interval.
 */
import { effectivePolicies, scenarioLabel, type EffectivePolicy, type Scenario } from '../scenarios/schema.js';
import { durationMs } from '../target/domain/time-units.js';
import { INTERVAL_METHOD, interval } from './stats.js';
import { runPool } from './parallel.js';
import { simulateTask, type ReplicationTask } from './replication-task.js';
import {
  COLLATERAL_MEASURES, METRICS, RESULT_SCHEMA, type GroupInfo, type Interval, type MetricName, type PolicyResult, type ReplicationResult, type RunResult,
} from './result.js';

export interface RunOptions {
  /** path of the scenario, as the user gave it */
  file: string;
  seed?: number;
  replications?: number;
  /** only these policies ('baseline' for the scenario's `policy`) */
  policies?: string[];
  /** worker threads; 1 = run in this thread */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

export class UnknownPolicyError extends Error {}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const seeded: Scenario = { ...scenario, seed: opts.seed ?? scenario.seed };
  const replications = opts.replications ?? scenario.replications;
  let policies = effectivePolicies(seeded);
  if (opts.policies) {
    const known = policies.map((p) => p.name);
    const unknown = opts.policies.filter((p) => !known.includes(p));
    if (unknown.length) throw new UnknownPolicyError(`unknown policy ${unknown.map((u) => `"${u}"`).join(', ')}; this scenario has: ${known.join(', ')}`);
    policies = policies.filter((p) => opts.policies!.includes(p.name));
  }
  const tasks: ReplicationTask[] = policies.flatMap((p) =>
    Array.from({ length: replications }, (_, replication) => ({ scenario: seeded, policy: { name: p.name, policy: p.policy }, replication })));
  // Node 20 worker threads cannot load TypeScript (module hooks do not reach them), so from
  // sources (tests, tsx) replications run in this thread; the built package uses workers.
  const inThread = opts.workers === 1 || import.meta.url.endsWith('.ts');
  const runs = inThread
    ? tasks.map((t, i) => { const r = simulateTask(t); opts.onProgress?.(i + 1, tasks.length); return r; })
    : await runPool<ReplicationTask, ReplicationResult>(workerUrl(), tasks, {
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.onProgress ? { onDone: opts.onProgress } : {}),
    });

  return {
    schema: RESULT_SCHEMA,
    scenario: {
      name: seeded.name,
      label: scenarioLabel(seeded),
      ...(seeded.description !== undefined ? { description: seeded.description.en } : {}),
      file: opts.file,
      start: seeded.start,
      durationDays: durationMs(seeded.duration) / 86_400_000,
      objective: seeded.objective,
      sources: seeded.sources.map((t) => t.en),
      assumptions: seeded.assumptions.map((t) => t.en),
      localized: {
        ...(seeded.description !== undefined ? { description: seeded.description } : {}),
        sources: seeded.sources,
        assumptions: seeded.assumptions,
      },
      groups: seeded.population.legit.map(groupInfo),
      crews: seeded.population.scalpers.map((c) => ({ id: c.crew, label: c.label ?? { fr: c.crew, en: c.crew }, strategy: c.strategy })),
    },
    seed: seeded.seed,
    replications,
    intervalMethod: INTERVAL_METHOD,
    policies: policies.map((p, k) => summarise(p, runs.slice(k * replications, (k + 1) * replications))),
  };
}

function workerUrl(): URL {
  return new URL('./replication-worker.js', import.meta.url);
}

/** What the reports say about a group: its name and the traits behind its results. */
function groupInfo(g: Scenario['population']['legit'][number]): GroupInfo {
  return {
    id: g.group, label: g.label ?? { fr: g.group, en: g.group }, counter: g.counter,
    checksPerDay: g.checksPerDay.median, activeHours: g.activeHours,
    captchaSolveSeconds: g.captcha.solveSeconds.median, captchaFailRate: g.captcha.failRate,
    // rounded so result.json reads 0.1, not 0.09999999999999998
    sharedIp: g.sharedIp, sharedEmail: g.sharedEmail, nameVariant: Math.round((1 - g.nameTyping.exact) * 1e9) / 1e9,
    ...(g.buyAfterDays !== undefined ? { buyAfterDays: g.buyAfterDays } : {}),
    ...(g.willingToPayEur !== undefined ? { willingToPayEur: g.willingToPayEur.median } : {}),
    agdref: g.agdref,
  };
}

function summarise(p: EffectivePolicy, runs: ReplicationResult[]): PolicyResult {
  const of = (pick: (r: ReplicationResult) => number | undefined): Interval => {
    const values = runs.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
    // a metric with no defined value in any replication (say, wait days when nobody was served)
    return values.length ? interval(values) : { mean: 0, low: 0, high: 0, n: 0 };
  };
  const summary = Object.fromEntries(METRICS.map((m) => [m, of((r) => r.metrics[m])])) as Record<MetricName, Interval>;
  const collateral = Object.fromEntries(COLLATERAL_MEASURES
    .filter((m) => runs.some((r) => r.collateral[m] !== undefined))
    .map((m) => [m, of((r) => r.collateral[m])]));
  const groupNames = Object.keys(runs[0]?.groups ?? {});
  const groups = Object.fromEntries(groupNames.map((g) => [g, {
    servedBeforeDeadline: of((r) => r.groups[g]?.servedBeforeDeadline),
    waitDaysP50: of((r) => r.groups[g]?.waitDaysP50),
    paidShare: of((r) => r.groups[g]?.paidShare),
  }]));
  return {
    name: p.name,
    ...(p.description !== undefined ? { description: p.description.en } : {}),
    ...(p.label !== undefined ? { label: p.label } : {}),
    ...(p.description !== undefined ? { localized: { description: p.description } } : {}),
    policy: p.policy,
    runs,
    summary,
    collateral,
    groups,
  };
}
