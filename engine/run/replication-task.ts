/** One unit of parallel work: a (policy, replication) of a scenario. Plain data, so it crosses threads. */
import type { Policy } from '../../target/domain/policy.js';
import type { Scenario } from '../../scenarios/schema.js';
import type { ReplicationResult } from '../measure/result-types.js';
import { simulateReplication } from './replication.js';

export interface ReplicationTask {
  scenario: Scenario;
  policy: { name: string; policy: Policy };
  replication: number;
}

export function simulateTask(t: ReplicationTask): ReplicationResult {
  return simulateReplication(t.scenario, t.policy, t.replication);
}
