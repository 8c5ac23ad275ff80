/**
 * One replication of a scenario under one policy, in virtual time: the target in process, the
 * agents of bots/, the market and the counter, then the metrics. Deterministic: the same
 * (scenario, policy, replication) gives byte-identical JSON. The replication seed does not depend
 * on the policy, so policies are compared on the same people arriving at the same times.
 */
import { createCrewState } from '../../bots/crew.js';
import type { Scenario } from '../../scenarios/schema.js';
import { parisDate } from '../../target/domain/calendar.js';
import type { Policy } from '../../target/domain/policy.js';
import { LIVE_STATUSES } from '../../target/domain/types.js';
import { durationMs } from '../../target/domain/time-units.js';
import { LEGIT } from '../agents/agent-run.js';
import { AgentFactory, publicRules, type SetupInfo } from '../agents/agent-factory.js';
import { InProcessDriver } from '../drivers/in-process/in-process-driver.js';
import { Kernel, type EventHandler } from '../kernel/kernel.js';
import { Market } from '../market/market.js';
import { computeResult } from '../measure/replication-metrics.js';
import { crewCounters, planPopulation } from '../agents/population-plan.js';
import { Recorder } from '../measure/recorder.js';
import type { ReplicationResult } from '../measure/result-types.js';
import { replicationSeed } from '../rng.js';
import { Sim } from '../agents/agent-runner.js';
import { WatchBoard } from '../polls/watch-board.js';

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
  const recorder = new Recorder(plan.legit.length, crewsCfg.length, warmupEnd);
  const registry = new Map<string, { firstName: string; lastName: string }>();

  let sim: Sim | undefined;
  const driver = new InProcessDriver({
    settings: { counters: scenario.target.counters, policy: policy.policy },
    clock: { now: () => kernel.now },
    seed,
    ...(scenario.target.registry ? { registry: { lookup: (agdref: string) => registry.get(agdref) } } : {}),
    listener: {
      released: (slots, at) => {
        recorder.released(slots, at);
        for (const c of plan.counters) sim?.markDirty(c);
      },
      // lottery bookings are made by the draw, with the registration id as session
      booked: (b) => recorder.booked(b.slotId, b.id, sim?.bySession.get(b.session) ?? sim?.registrants.get(b.session), kernel.now),
      statusChanged: (b, status) => {
        if (LIVE_STATUSES.includes(status)) return;
        sim?.markDirty(b.counter);
        const who = sim?.agents[recorder.bookedBy.get(b.id) ?? -1];
        if (who?.kind !== LEGIT) return;
        if (status === 'purged') recorder.hit(who.local, 'purge');
        if (status === 'expired') recorder.hit(who.local, 'emailConfirmation');
      },
      slotState: (slot, state) => {
        const rec = recorder.slots.get(slot.id);
        if (rec && state === 'served') rec.served = true;
      },
    },
  });
  const captcha = policy.policy.measures.captcha;
  const s = new Sim({
    kernel, driver, oracle: driver, recorder, counters: plan.counters,
    powDifficulty: captcha?.kind === 'proof-of-work' ? captcha.difficulty : 0,
    eurPerUsd: scenario.market.eurPerUsd,
  });
  sim = s;
  s.board = new WatchBoard(kernel, s, plan.counters.length, plan.bots.length + plan.legit.length, opts.materialisePolls ?? false, s.agents);

  const crewStates = crewsCfg.map((c) => createCrewState(c));
  s.market = new Market(crewsCfg.map((crew, i) => ({
    crew, state: crewStates[i]!, counters: crewCounters(crew, plan.counters),
    agents: plan.bots.filter((b) => b.crew === i).map((b) => b.id),
  })), {
    now: () => kernel.now,
    post: (agentId, msg) => s.post(agentId, msg),
    paid: (buyer, crew, eur, conv) => {
      const a = s.byId.get(buyer);
      if (a?.kind === LEGIT) recorder.paid(a.local, crew, eur, conv.bookingId, kernel.now);
    },
    doubleSold: () => {
      if (kernel.now >= warmupEnd) recorder.doubleSold++;
    },
  });

  const groupSizes = scenario.population.legit.map((_, g) => plan.legit.filter((p) => p.group === g).length);
  const info: SetupInfo = {
    scenario, policy: policy.policy, seed, start, end, plan, rules: publicRules(policy.policy), crewStates, registry,
    sharedEmails: scenario.population.legit.map((g, i) => (g.sharedEmail > 0 ? Math.max(1, Math.round(((groupSizes[i] ?? 0) * g.sharedEmail) / USERS_PER_SHARED_EMAIL)) : 0)),
  };
  const factory = new AgentFactory(s, info);

  // the target's schedule starts now (calendar generated at the first tick)
  kernel.at(start, s);
  plan.bots.forEach((p, i) => s.start(factory.bot(i, p)));
  const firstLegit = plan.bots.length;
  const arrivals: EventHandler = {
    fire: (code) => {
      const p = plan.legit[code];
      if (!p) return;
      s.start(factory.legit(firstLegit + code, code, p));
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
  s.board.finish(end);
  return computeResult({ scenario, policy: policy.policy, replication, seed, start, end, recorder });
}
