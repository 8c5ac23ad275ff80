/**
 * Runs a scenario: every policy (baseline and alternatives) × every replication, in worker
 * threads (replication-worker.ts), then the summary of each policy (measure/policy-summary.ts).
 * A shard of the grid (run-shard.ts) runs the same tasks through the same functions.
 */
import { effectivePolicies, scenarioLabel, type EffectivePolicy, type Scenario } from '../../scenarios/schema.js';
import { durationMs } from '../../target/domain/time-units.js';
import { INTERVAL_METHOD } from '../measure/intervals.js';
import { groupInfo, summarisePolicy } from '../measure/policy-summary.js';
import { runPool } from './worker-pool.js';
import { simulateTask, type ReplicationTask } from './replication-task.js';
import { RESULT_SCHEMA, type ReplicationResult, type RunHeader, type RunResult } from '../measure/result-types.js';

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

/** What a run is made of, before anything is simulated: the (policy × replication) grid, policy-major. */
export interface RunPlan {
  seeded: Scenario;
  replications: number;
  policies: EffectivePolicy[];
  tasks: ReplicationTask[];
}

export function planRun(scenario: Scenario, opts: Pick<RunOptions, 'seed' | 'replications' | 'policies'>): RunPlan {
  const seeded: Scenario = { ...scenario, seed: opts.seed ?? scenario.seed };
  const replications = opts.replications ?? scenario.replications;
  const policies = selectPolicies(seeded, opts.policies);
  const tasks: ReplicationTask[] = policies.flatMap((p) =>
    Array.from({ length: replications }, (_, replication) => ({ scenario: seeded, policy: { name: p.name, policy: p.policy }, replication })));
  return { seeded, replications, policies, tasks };
}

export async function runScenario(scenario: Scenario, opts: RunOptions): Promise<RunResult> {
  const plan = planRun(scenario, opts);
  const runs = await simulateTasks(plan.tasks, opts);
  return assembleRun(plan.seeded, opts.file, plan.replications, plan.policies, runs);
}

/** Each task's replication, at its index (the order never depends on which worker finished first). */
export async function simulateTasks(tasks: readonly ReplicationTask[], opts: Pick<RunOptions, 'workers' | 'onProgress'>): Promise<ReplicationResult[]> {
  // Node 20 worker threads cannot load TypeScript (module hooks do not reach them), so from
  // sources (tests, tsx) replications run in this thread; the built package uses workers.
  const inThread = opts.workers === 1 || import.meta.url.endsWith('.ts');
  return inThread
    ? tasks.map((t, i) => { const r = simulateTask(t); opts.onProgress?.(i + 1, tasks.length); return r; })
    : await runPool<ReplicationTask, ReplicationResult>(workerUrl(), tasks, {
      ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
      ...(opts.onProgress ? { onDone: opts.onProgress } : {}),
    });
}

/** The policies a run compares: all of the scenario's, or those named (each must exist). */
export function selectPolicies(scenario: Scenario, names: readonly string[] | undefined): EffectivePolicy[] {
  const policies = effectivePolicies(scenario);
  if (!names) return policies;
  const known = policies.map((p) => p.name);
  const unknown = names.filter((p) => !known.includes(p));
  if (unknown.length) throw new UnknownPolicyError(`unknown policy ${unknown.map((u) => `"${u}"`).join(', ')}; this scenario has: ${known.join(', ')}`);
  return policies.filter((p) => names.includes(p.name));
}

/** result.json of a run: the scenario as reports show it, and each policy's replications (policy-major order) summarised. */
export function assembleRun(
  seeded: Scenario, file: string, replications: number, policies: readonly EffectivePolicy[], runs: readonly ReplicationResult[],
): RunResult {
  return summariseRun(runHeader(seeded, file, replications), policies, runs);
}

/** Everything of result.json but the policies: what a shard carries so that a merge writes the same bytes. */
export function runHeader(seeded: Scenario, file: string, replications: number): RunHeader {
  return {
    schema: RESULT_SCHEMA,
    scenario: {
      name: seeded.name,
      label: scenarioLabel(seeded),
      ...(seeded.description !== undefined ? { description: seeded.description.en } : {}),
      file,
      start: seeded.start,
      durationDays: durationMs(seeded.duration) / 86_400_000,
      warmupDays: durationMs(seeded.warmup) / 86_400_000,
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
  };
}

/** The header and each policy's intervals, computed over its replications (`runs`, policy-major). */
export function summariseRun(header: RunHeader, policies: readonly EffectivePolicy[], runs: readonly ReplicationResult[]): RunResult {
  const n = header.replications;
  return { ...header, policies: policies.map((p, k) => summarisePolicy(p, runs.slice(k * n, (k + 1) * n))) };
}

function workerUrl(): URL {
  return new URL('./replication-worker.js', import.meta.url);
}
