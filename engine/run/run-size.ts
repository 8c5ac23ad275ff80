/**
 * How much memory one replication of a scenario would take, estimated before it starts, so that
 * a run too large for the machine is refused with a clear message instead of crashing Node
 * minutes later ("Fatal JavaScript invalid size error"). Every field may be within its bound and
 * the whole still too large: many groups, a long run, big crews.
 *
 * What a replication holds until it ends: every person who arrives (their agent, persona and
 * record), every scalper agent, every slot generated over the run and its horizon, and under a
 * lottery every registration of every draw. The weights are measured heap sizes (Node 20,
 * rounded up); the estimate is an order of magnitude, not a promise. Each worker thread runs one
 * replication at a time, so the check is per replication.
 */
import { effectivePolicies, type Scenario } from '../../scenarios/schema.js';
import { slotsPerWeek, type Policy } from '../../target/domain/policy.js';
import { durationMs } from '../../target/domain/time-units.js';

const WEEK = 604_800_000;
/** heap bytes one person, one scalper agent, one slot and one lottery registration take */
export const BYTES = { person: 4_096, bot: 24_576, slot: 2_048, registration: 1_024 } as const;
/** the unit of --max-agents: what one person takes */
const AGENT_BYTES = BYTES.person;
/** about 1 GB a replication: safe under Node's default heap limit on a laptop */
export const DEFAULT_MAX_AGENTS = 250_000;

export interface RunSize {
  /** the policy whose replication is the largest */
  policy: string;
  people: number;
  bots: number;
  slots: number;
  registrations: number;
  bytes: number;
  /** `bytes` counted in people: what --max-agents limits */
  agents: number;
}

/** Slots the calendar generates over the run: it stays one horizon and a week ahead of the clock. */
function slotsOverRun(scenario: Scenario, policy: Policy): number {
  const weeks = (durationMs(scenario.duration) + durationMs(policy.release.horizon)) / WEEK + 1;
  return slotsPerWeek(scenario.target.counters, policy.measures.capacity) * weeks;
}

/** Under a lottery each agent registers its share of the crew's identities (at least one) for every weekly draw. */
function registrationsOverRun(scenario: Scenario, policy: Policy): number {
  if (policy.release.kind !== 'lottery') return 0;
  const draws = durationMs(scenario.duration) / WEEK + 1;
  return scenario.population.scalpers.reduce((sum, crew) => sum + Math.max(crew.agents, crew.identities), 0) * draws;
}

/** The largest replication among the policies that will run (all of them, or `only`; unknown names are left to the run). */
export function estimateRunSize(scenario: Scenario, only?: readonly string[]): RunSize {
  const weeks = durationMs(scenario.duration) / WEEK;
  const people = Math.ceil(scenario.population.legit.reduce((sum, g) => sum + g.arrivals.perWeek, 0) * weeks);
  const bots = scenario.population.scalpers.reduce((sum, crew) => sum + crew.agents, 0);
  const all = effectivePolicies(scenario);
  const chosen = only ? all.filter((p) => only.includes(p.name)) : all;
  const sizes = (chosen.length > 0 ? chosen : all).map((p): RunSize => {
    const slots = Math.ceil(slotsOverRun(scenario, p.policy));
    const registrations = Math.ceil(registrationsOverRun(scenario, p.policy));
    const bytes = people * BYTES.person + bots * BYTES.bot + slots * BYTES.slot + registrations * BYTES.registration;
    return { policy: p.name, people, bots, slots, registrations, bytes, agents: Math.ceil(bytes / AGENT_BYTES) };
  });
  return sizes.reduce((a, b) => (b.bytes > a.bytes ? b : a));
}

const count = (n: number): string => n.toLocaleString('en-US');

function memory(bytes: number): string {
  const gb = bytes / 1e9;
  return gb >= 1 ? `${gb.toFixed(gb < 10 ? 1 : 0)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

/** Why the run is refused, or undefined when it fits under `maxAgents`. */
export function runSizeProblem(size: RunSize, maxAgents: number): string | undefined {
  if (size.agents <= maxAgents) return undefined;
  const parts = [`${count(size.people)} people`, `${count(size.bots)} scalper agents`, `${count(size.slots)} slots`];
  if (size.registrations > 0) parts.push(`${count(size.registrations)} lottery registrations`);
  return `this run is too large: one replication (policy "${size.policy}") would hold about ${parts.join(', ')}, `
    + `as much memory as ${count(size.agents)} agents (about ${memory(size.bytes)}); `
    + `the limit is ${count(maxAgents)} agents (about ${memory(maxAgents * AGENT_BYTES)}). `
    + 'Shorten the duration or lower the arrivals, crews or desks, or raise the limit with --max-agents <n> if the machine has the memory.';
}
