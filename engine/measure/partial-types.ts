/**
 * A shard's result (`guichet run --shard i/n`): its share of the (policy × replication) grid,
 * and what a merge needs to write the whole run's result.json byte for byte: the run's header
 * and its policies, identical in every shard. Not a result.json: reports refuse it, so a part is
 * never read as a whole run.
 */
import type { EffectivePolicy } from '../../scenarios/schema.js';
import type { ReplicationResult, RunHeader } from './result-types.js';

export const PARTIAL_SCHEMA = 'guichet.partial/v1' as const;

/** shard `index` of `count`, counted from 1 as in vitest and Playwright */
export interface ShardSpec {
  index: number;
  count: number;
}

export interface PartialRun {
  policy: string;
  replication: number;
  result: ReplicationResult;
}

export interface PartialResult {
  schema: typeof PARTIAL_SCHEMA;
  /** the guichet version that simulated it: parts of different versions may not agree */
  guichet: string;
  /** sha256 of the scenario as validated, its file path and the run's options: equal in every part of one run */
  key: string;
  shard: ShardSpec;
  /** size of the whole grid: policies × replications */
  grid: number;
  header: RunHeader;
  /** the policies of the run, in result order */
  policies: EffectivePolicy[];
  /** this shard's cells of the grid, in grid order */
  runs: PartialRun[];
  /** the scenario's gates per policy, as written: judged once the parts are merged (a shard alone has too few replications) */
  gates?: { policy: string; gates: { metric: string; expression: string }[] }[];
}
