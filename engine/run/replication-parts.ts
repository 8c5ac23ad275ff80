/**
 * The parts of a replication that are the same in virtual time and live: the resale market
 * with its hooks, what the agent factory is told, people arriving, and the daily samples.
 * run/replication.ts and live/live-replication.ts build the rest (clock, driver, runner, watches).
 */
import { createCrewState, crewNotices, muleRecords } from '../../bots/crew.js';
import type { CrewState } from '../../bots/context.js';
import type { Scenario } from '../../scenarios/schema.js';
import type { Policy } from '../../target/domain/policy.js';
import { publicRules, type SetupInfo } from '../agents/agent-factory.js';
import type { AgentRegistry } from '../agents/agent-registry.js';
import { LEGIT, type AgentRun } from '../agents/agent-run.js';
import { crewCounters, type LegitPlan, type PopulationPlan } from '../agents/population-plan.js';
import type { Persona } from '../../bots/context.js';
import type { EventHandler, Kernel } from '../kernel/kernel.js';
import { Market } from '../market/market.js';
import type { Recorder } from '../measure/recorder.js';
import type { Mailbox } from './mailbox.js';

const DAY = 86_400_000;
/** People sharing one association or family e-mail address. */
const USERS_PER_SHARED_EMAIL = 8;

/** The market between the scenario's crews and people, posting through `mailbox`, paying into the recorder. */
export function resaleMarket(
  scenario: Scenario, plan: PopulationPlan, registry: AgentRegistry, recorder: Recorder, mailbox: Mailbox, now: () => number,
): { market: Market; crewStates: CrewState[] } {
  const crews = scenario.population.scalpers.map((crew) => ({ crew, state: createCrewState(crew) }));
  const market = new Market(crews.map(({ crew, state }, i) => ({
    crew, notify: crewNotices(state), counters: crewCounters(crew, plan.counters),
    agents: plan.bots.filter((b) => b.crew === i).map((b) => b.id),
  })), {
    now,
    post: (agentId, msg) => mailbox.post(agentId, msg),
    paid: (buyer, crew, eur, conv) => {
      const a = registry.byId.get(buyer);
      if (a?.kind === LEGIT) recorder.paid(a.local, crew, eur, conv.bookingId, now());
    },
    doubleSold: () => recorder.doubleSale(now()),
  });
  return { market, crewStates: crews.map((c) => c.state) };
}

/** What the agent factory is told of the run; `papers` is the target's AGDREF registry, filled as people arrive. */
export function setupInfo(
  scenario: Scenario, policy: Policy, seed: number, span: { start: number; end: number }, plan: PopulationPlan,
  crewStates: CrewState[], papers: SetupInfo['registry'],
): SetupInfo {
  const groupSizes = scenario.population.legit.map((_, g) => plan.legit.filter((p) => p.group === g).length);
  // mules are real people: the registry knows their papers from the start
  for (const state of crewStates) for (const m of muleRecords(state)) papers.set(m.agdref, m.papers);
  return {
    scenario, policy, seed, start: span.start, end: span.end, plan, rules: publicRules(policy), crewStates, registry: papers,
    sharedEmails: scenario.population.legit.map((g, i) => (g.sharedEmail > 0 ? Math.max(1, Math.round(((groupSizes[i] ?? 0) * g.sharedEmail) / USERS_PER_SHARED_EMAIL)) : 0)),
  };
}

/** Each person arrives at their time: `create` builds their agent, the recorder is told, `start` sets it going. */
export function scheduleArrivals(
  kernel: Kernel, plan: PopulationPlan, recorder: Recorder,
  create: (legitIndex: number, p: LegitPlan) => { agent: AgentRun; persona: Persona }, start: (agent: AgentRun) => void,
): void {
  const arrivals: EventHandler = {
    fire: (code) => {
      const p = plan.legit[code];
      if (!p) return;
      const { agent, persona } = create(code, p);
      recorder.arrived(code, p.group, p.arrivalAt, persona.needAt, persona.deadlineAt);
      start(agent);
    },
  };
  plan.legit.forEach((p, i) => kernel.at(p.arrivalAt, arrivals, i));
}

/** The recorder's daily samples, from the end of the first day to the end of the run. */
export function scheduleDailySamples(kernel: Kernel, recorder: Recorder, start: number, end: number): void {
  const daily: EventHandler = {
    fire: (day) => {
      recorder.sampleDay(day);
      if (kernel.now + DAY <= end) kernel.at(kernel.now + DAY, daily, day + 1);
    },
  };
  kernel.at(start + DAY, daily, 0);
}
