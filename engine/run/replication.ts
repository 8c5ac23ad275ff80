/**
 * One replication of a scenario under one policy, in virtual time: the target in process, the
 * agents of bots/, the market and the counter, then the metrics. Deterministic: the same
 * (scenario, policy, replication) gives byte-identical JSON. The replication seed does not depend
 * on the policy, so policies are compared on the same people arriving at the same times.
 */
import type { Scenario } from '../../scenarios/schema.js';
import { parisDate } from '../../target/domain/calendar.js';
import type { Policy } from '../../target/domain/policy.js';
import { durationMs } from '../../target/domain/time-units.js';
import { AgentFactory } from '../agents/agent-factory.js';
import { AgentRegistry } from '../agents/agent-registry.js';
import { AgentRunner } from './agent-runner.js';
import { Mailbox } from './mailbox.js';
import { planPopulation } from '../agents/population-plan.js';
import { TargetRequests } from './target-requests.js';
import { SimWatchHost } from './watch-host.js';
import { InProcessDriver } from '../drivers/in-process/in-process-driver.js';
import { Kernel } from '../kernel/kernel.js';
import { Recorder } from '../measure/recorder.js';
import { computeResult } from '../measure/replication-metrics.js';
import type { ReplicationResult } from '../measure/result-types.js';
import { InventoryChanges } from '../polls/inventory-changes.js';
import { WatchBoard } from '../polls/watch-board.js';
import { replicationSeed } from '../rng.js';
import { resaleMarket, scheduleArrivals, scheduleDailySamples, setupInfo } from './replication-parts.js';
import { storeTap } from './store-tap.js';

export interface SimulateOptions {
  /** simulate every poll as an event instead of eliding empty ones (for tests: results must not change) */
  materialisePolls?: boolean;
}

export function simulateReplication(
  scenario: Scenario, policy: { name: string; policy: Policy }, replication: number, opts: SimulateOptions = {},
): ReplicationResult {
  const seed = replicationSeed(scenario.seed, replication);
  const start = parisDate(scenario.start);
  const end = start + durationMs(scenario.duration);
  const warmupEnd = start + durationMs(scenario.warmup);
  const plan = planPopulation(scenario, policy.policy, seed, start, end);
  const kernel = new Kernel(start);
  const crewsCfg = scenario.population.scalpers;
  // built in dependency order: each object gets only objects that exist already
  const registry = new AgentRegistry();
  const recorder = new Recorder(plan.legit.length, crewsCfg.length, warmupEnd);
  const changes = new InventoryChanges(plan.counters);
  /** AGDREF number → the name on the person's papers (filled as people arrive) */
  const papers = new Map<string, { firstName: string; lastName: string }>();
  const driver = new InProcessDriver({
    settings: { counters: scenario.target.counters, policy: policy.policy },
    clock: { now: () => kernel.now },
    seed,
    ...(scenario.target.registry ? { registry: { lookup: (agdref: string) => papers.get(agdref) } } : {}),
    listener: storeTap(kernel, registry, recorder, changes, plan.counters, crewsCfg),
  });
  const requests = new TargetRequests(kernel, driver, driver, recorder, registry, changes);
  const watchHost = new SimWatchHost(kernel, recorder, driver, requests, plan.counters);
  const board = new WatchBoard(kernel, watchHost, changes, plan.counters.length, plan.bots.length + plan.legit.length, opts.materialisePolls ?? false, registry.agents);
  const mailbox = new Mailbox(registry, recorder, board);

  const { market, crewStates } = resaleMarket(scenario, plan, registry, recorder, mailbox, () => kernel.now);

  const captcha = policy.policy.measures.captcha;
  const runner = new AgentRunner({
    scheduler: kernel, registry, recorder, driver, oracle: driver, requests, board, market, counters: plan.counters,
    sessionPass: plan.sessionPass,
    powDifficulty: captcha?.kind === 'proof-of-work' ? captcha.difficulty : 0,
    eurPerUsd: scenario.market.eurPerUsd,
  });

  const info = setupInfo(scenario, policy.policy, seed, { start, end }, plan, crewStates, papers);
  const factory = new AgentFactory(runner, registry, kernel, info);

  // the target's schedule starts now (calendar generated at the first tick)
  kernel.at(start, requests);
  plan.bots.forEach((p, i) => runner.start(factory.bot(i, p)));
  const firstLegit = plan.bots.length;
  scheduleArrivals(kernel, plan, recorder, (i, p) => factory.legit(firstLegit + i, i, p), (agent) => runner.start(agent));
  scheduleDailySamples(kernel, recorder, start, end);

  kernel.run(end);
  board.finish(end);
  return computeResult({ scenario, policy: policy.policy, replication, seed, start, end, recorder });
}
