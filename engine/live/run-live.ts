/**
 * Runs a scenario live: every policy × every replication one after the other (each starts its
 * own target and owns the loopback while it runs), then the same summary as a simulated run.
 * A live run is slow by nature, so it defaults to one replication per policy.
 */
import type { Scenario } from '../../scenarios/schema.js';
import { durationMs } from '../../target/domain/time-units.js';
import { LIVE_SETTINGS_DEFAULTS } from './live-defaults.js';
import type { ReplicationResult, RunResult } from '../measure/result-types.js';
import { LiveRecorder } from '../measure/live-recorder.js';
import { assembleRun, selectPolicies, type RunOptions } from '../run/run-scenario.js';
import { liveReplication } from './live-replication.js';
import type { LiveRunOptions } from './live-options.js';

const DAY = 86_400_000;

export type RunLiveOptions = Omit<RunOptions, 'workers'> & Partial<Pick<LiveRunOptions, 'createMetrics' | 'settings'>>
  & Omit<LiveRunOptions, 'createMetrics' | 'settings'>;

export async function runLive(scenario: Scenario, opts: RunLiveOptions): Promise<RunResult> {
  const seeded: Scenario = { ...scenario, seed: opts.seed ?? scenario.seed };
  const replications = opts.replications ?? 1;
  const policies = selectPolicies(seeded, opts.policies);
  const live: LiveRunOptions = {
    ...opts,
    settings: opts.settings ?? seeded.live ?? LIVE_SETTINGS_DEFAULTS,
    createMetrics: opts.createMetrics ?? ((populations, clock) => new LiveRecorder(populations, clock)),
  };
  const runs: ReplicationResult[] = [];
  // progress in simulated days: a live replication takes minutes, replications alone would say nothing for long
  const days = durationMs(seeded.duration) / DAY;
  const total = policies.length * replications * days;
  for (const p of policies) {
    for (let r = 0; r < replications; r++) {
      const before = runs.length * days;
      const step = { ...live, onClock: (done: number) => opts.onProgress?.(before + done / DAY, total) };
      runs.push(await liveReplication(seeded, { name: p.name, policy: p.policy }, r, step));
      opts.onProgress?.(runs.length * days, total);
    }
  }
  return assembleRun(seeded, opts.file, replications, policies, runs);
}
