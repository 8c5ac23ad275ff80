/**
 * Who takes part in a replication, decided before it starts: legit arrivals (a Poisson process
 * per group), crews and their agents, and everyone's network identity (own IP, a shared IP of a
 * cybercafé or a carrier NAT, a crew's fleet). Draws are keyed by names, so a group's people do
 * not change when another group or crew is added, and are the same under every policy.
 *
 * Rate limits and polls. Polls that find an empty list are not simulated one by one (poll
 * elision), so they cannot spend tokens of the target's buckets. Their throttling is modelled as
 * a fluid: when the polls declared on an IP (or a session) exceed the bucket's refill rate, each
 * poll passes with probability refill / demand, which is what a saturated token bucket lets
 * through in the long run. Every other request goes through the target's real buckets.
 */
import type { LegitGroup, ScalperCrew, Scenario } from '../../scenarios/schema.js';
import { crewPollTiming } from '../../bots/crew.js';
import type { Policy } from '../../target/domain/policy.js';
import { hashString, streamFor, uniformAt } from '../rng.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface LegitPlan {
  group: number;
  /** index within the group: keys its random stream */
  local: number;
  /** unique over groups: AGDREF numbers derive from it */
  globalIndex: number;
  arrivalAt: number;
  ip: string;
}

export interface BotPlan {
  crew: number;
  local: number;
  id: string;
  ip: string;
  counter: string;
}

export interface PopulationPlan {
  counters: string[];
  legit: LegitPlan[];
  bots: BotPlan[];
  /** share of polls let through per IP (fluid rate-limit model) */
  ipPass: Map<string, number>;
  /**
   * share of one agent's polls let through by a per-session limit, given the poll interval its
   * `watch` declares (a session is one agent's, so this is known only when it watches)
   */
  sessionPass(everyMs: number): number;
}

export function crewCounters(crew: ScalperCrew, counters: readonly string[]): string[] {
  return crew.counter ? [crew.counter] : [...counters];
}

function arrivals(group: LegitGroup, seed: number, start: number, end: number): number[] {
  const rng = streamFor(seed, `arrivals:${group.group}`);
  const mean = WEEK / group.arrivals.perWeek;
  const out: number[] = [];
  for (let t = start + rng.exponential(mean); t < end; t += rng.exponential(mean)) out.push(t);
  return out;
}

export function planPopulation(scenario: Scenario, policy: Policy, seed: number, start: number, end: number): PopulationPlan {
  const counters = Object.keys(scenario.target.counters);
  const bots: BotPlan[] = [];
  scenario.population.scalpers.forEach((crew, c) => {
    const mine = crewCounters(crew, counters);
    for (let i = 0; i < crew.agents; i++) {
      bots.push({ crew: c, local: i, id: `crew:${crew.crew}:${i}`, ip: `198.51.${c % 256}.${i % crew.ips}`, counter: mine[i % mine.length] as string });
    }
  });
  const cafeIps = [...new Set(scenario.population.scalpers
    .map((crew, c) => ({ crew, c }))
    .filter(({ crew }) => crew.strategy === 'hoarder' || crew.strategy === 'double-seller')
    .flatMap(({ crew, c }) => Array.from({ length: crew.ips }, (_, i) => `198.51.${c % 256}.${i}`)))];

  // who of those behind a shared IP is in a crew's cybercafé, and how many share a carrier-NAT address
  const { usersPerIp, cybercafeShare } = scenario.population.sharedIps;
  const legit: LegitPlan[] = [];
  const runDays = (end - start) / DAY;
  scenario.population.legit.forEach((group, g) => {
    const times = arrivals(group, seed, start, end);
    const natIps = Math.max(1, Math.ceil((times.length * group.sharedIp) / usersPerIp));
    const key = hashString(`net:${group.group}`);
    times.forEach((arrivalAt, local) => {
      let ip = `10.${g % 256}.${(local >> 8) & 255}.${local & 255}`;
      if (uniformAt(seed, key, local, 0) < group.sharedIp) {
        const u = uniformAt(seed, key, local, 1);
        ip = cafeIps.length > 0 && u < cybercafeShare
          ? (cafeIps[Math.floor((u / cybercafeShare) * cafeIps.length)] as string)
          : `100.64.${g % 256}.${Math.floor(uniformAt(seed, key, local, 2) * natIps)}`;
      }
      legit.push({ group: g, local, globalIndex: g * 10_000_000 + local, arrivalAt, ip });
    });
  });
  legit.sort((a, b) => a.arrivalAt - b.arrivalAt || a.group - b.group);

  const rl = policy.measures.rateLimit;
  const ipPass = new Map<string, number>();
  if (rl?.perIp) {
    const demand = new Map<string, number>();
    const add = (ip: string, perMs: number) => demand.set(ip, (demand.get(ip) ?? 0) + perMs);
    // before anyone has watched, so from what the crews will declare (bots/crew.ts), mean gap
    for (const b of bots) {
      const { everyMs, jitterMs } = crewPollTiming(scenario.population.scalpers[b.crew] as ScalperCrew);
      add(b.ip, 1 / (everyMs + jitterMs / 2));
    }
    // people are not drawn yet: their group's median checks a day stand for each of them.
    // A person looks for some weeks, not the whole run: weight their checks by that share
    const presence = Math.min(1, 60 / runDays);
    for (const p of legit) add(p.ip, (scenario.population.legit[p.group]?.checksPerDay.median ?? 1) / DAY * presence);
    const refill = rl.perIp.refillPerMinute / 60_000;
    for (const [ip, d] of demand) if (d > refill) ipPass.set(ip, refill / d);
  }
  const sessionRefill = rl?.perSession ? rl.perSession.refillPerMinute / 60_000 : Infinity;
  return {
    counters, legit, bots, ipPass,
    sessionPass: (everyMs) => Math.min(1, sessionRefill * everyMs),
  };
}
