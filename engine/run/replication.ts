/**
 * One replication of a scenario under one policy, in virtual time: the target in process, the
 * agents of bots/, the market and the counter, then the metrics. Deterministic: the same
 * (scenario, policy, replication) gives byte-identical JSON. The replication seed does not depend
 * on the policy, so policies are compared on the same people arriving at the same times.
 */
import { createCrewState, crewNotices } from '../../bots/crew.js';
import type { Scenario } from '../../scenarios/schema.js';
import { parisDate } from '../../target/domain/calendar.js';
import type { Policy } from '../../target/domain/policy.js';
import { durationMs } from '../../target/domain/time-units.js';
import { AgentFactory, publicRules, type SetupInfo } from '../agents/agent-factory.js';
import { AgentRegistry } from '../agents/agent-registry.js';
import { LEGIT } from '../agents/agent-run.js';
import { AgentRunner } from './agent-runner.js';
import { Mailbox } from './mailbox.js';
import { crewCounters, planPopulation } from '../agents/population-plan.js';
import { TargetRequests } from './target-requests.js';
import { SimWatchHost } from './watch-host.js';
import { InProcessDriver } from '../drivers/in-process/in-process-driver.js';
import { Kernel, type EventHandler } from '../kernel/kernel.js';
import { Market } from '../market/market.js';
import { Recorder } from '../measure/recorder.js';
import { computeResult } from '../measure/replication-metrics.js';
import type { ReplicationResult } from '../measure/result-types.js';
import { InventoryChanges } from '../polls/inventory-changes.js';
import { WatchBoard } from '../polls/watch-board.js';
import { replicationSeed } from '../rng.js';
import { storeTap } from './store-tap.js';

const DAY = 86_400_000;
/** People sharing one association or family e-mail address. */
const USERS_PER_SHARED_EMAIL = 8;

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
    listener: storeTap(kernel, registry, recorder, changes, plan.counters),
  });
  const requests = new TargetRequests(kernel, driver, driver, recorder, registry, changes);
  const watchHost = new SimWatchHost(kernel, recorder, driver, requests, plan.counters);
  const board = new WatchBoard(kernel, watchHost, changes, plan.counters.length, plan.bots.length + plan.legit.length, opts.materialisePolls ?? false, registry.agents);
  const mailbox = new Mailbox(registry, recorder, board);

  const crews = crewsCfg.map((crew) => ({ crew, state: createCrewState(crew) }));
  const crewStates = crews.map((c) => c.state);
  const market = new Market(crews.map(({ crew, state }, i) => ({
    crew, notify: crewNotices(state), counters: crewCounters(crew, plan.counters),
    agents: plan.bots.filter((b) => b.crew === i).map((b) => b.id),
  })), {
    now: () => kernel.now,
    post: (agentId, msg) => mailbox.post(agentId, msg),
    paid: (buyer, crew, eur, conv) => {
      const a = registry.byId.get(buyer);
      if (a?.kind === LEGIT) recorder.paid(a.local, crew, eur, conv.bookingId, kernel.now);
    },
    doubleSold: () => recorder.doubleSale(kernel.now),
  });

  const captcha = policy.policy.measures.captcha;
  const runner = new AgentRunner({
    scheduler: kernel, registry, recorder, driver, oracle: driver, requests, board, market, counters: plan.counters,
    sessionPass: plan.sessionPass,
    powDifficulty: captcha?.kind === 'proof-of-work' ? captcha.difficulty : 0,
    eurPerUsd: scenario.market.eurPerUsd,
  });

  const groupSizes = scenario.population.legit.map((_, g) => plan.legit.filter((p) => p.group === g).length);
  const info: SetupInfo = {
    scenario, policy: policy.policy, seed, start, end, plan, rules: publicRules(policy.policy), crewStates, registry: papers,
    sharedEmails: scenario.population.legit.map((g, i) => (g.sharedEmail > 0 ? Math.max(1, Math.round(((groupSizes[i] ?? 0) * g.sharedEmail) / USERS_PER_SHARED_EMAIL)) : 0)),
  };
  const factory = new AgentFactory(runner, registry, kernel, info);

  // the target's schedule starts now (calendar generated at the first tick)
  kernel.at(start, requests);
  plan.bots.forEach((p, i) => runner.start(factory.bot(i, p)));
  const firstLegit = plan.bots.length;
  const arrivals: EventHandler = {
    fire: (code) => {
      const p = plan.legit[code];
      if (!p) return;
      const { agent, persona } = factory.legit(firstLegit + code, code, p);
      recorder.arrived(code, p.group, p.arrivalAt, persona.needAt, persona.deadlineAt);
      runner.start(agent);
    },
  };
  plan.legit.forEach((p, i) => kernel.at(p.arrivalAt, arrivals, i));
  const daily: EventHandler = {
    fire: (day) => {
      recorder.sampleDay(day);
      if (kernel.now + DAY <= end) kernel.at(kernel.now + DAY, daily, day + 1);
    },
  };
  kernel.at(start + DAY, daily, 0);

  kernel.run(end);
  board.finish(end);
  return computeResult({ scenario, policy: policy.policy, replication, seed, start, end, recorder });
}
