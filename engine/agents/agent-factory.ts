/**
 * Creating agents: their context (what they may know: the time, their stream, their network
 * identity, the public rules of the policy), their persona or crew, and the engine's view of
 * them (latency, draw seed, the share of their polls a rate limit lets through).
 */
import type { AgentContext, CrewState, Persona, PublicRules } from '../../bots/context.js';
import { legitAgent } from '../../bots/legit.js';
import { makePersona } from '../../bots/personas.js';
import { STRATEGY_AGENTS } from '../../bots/strategies/index.js';
import type { Scenario } from '../../scenarios/schema.js';
import { parisDateTime } from '../../target/domain/calendar.js';
import { LOTTERY_KEYS, type Policy } from '../../target/domain/policy.js';
import { nextReleaseAt, releaseInstants } from '../../target/domain/release-schedule.js';
import { durationMs } from '../../target/domain/time-units.js';
import { ActiveClock } from '../kernel/active-clock.js';
import { parisDaysFor, type ParisDays } from '../kernel/paris-days.js';
import { AgentRun, BOT, LEGIT, type AgentHost } from './agent-run.js';
import type { AgentRegistry } from './agent-registry.js';
import type { Scheduler } from '../kernel/scheduler.js';
import type { BotPlan, LegitPlan, PopulationPlan } from './population-plan.js';
import { seedFor, streamFor } from '../rng.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export function publicRules(policy: Policy): PublicRules {
  const { measures: m, flaws, release } = policy;
  const rules: PublicRules = {
    release: release.kind,
    captchaReplay: flaws.includes('captcha-replay'),
    nonAtomicBooking: flaws.includes('non-atomic-booking'),
    exactNameAtCheckIn: m.exactName?.atCheckIn ?? false,
    purgeDuplicates: m.identityLimit?.purgeDuplicates ?? false,
    registryCounters: m.registryCheck?.counters ?? [],
  };
  if (m.captcha && !flaws.includes('captcha-client-side-only')) rules.captcha = { kind: m.captcha.kind, difficulty: m.captcha.difficulty };
  if (m.identityLimit?.perEmail !== undefined) rules.perEmail = m.identityLimit.perEmail;
  if (m.emailConfirmation) rules.confirmWithinMs = durationMs(m.emailConfirmation.within);
  if (release.kind === 'lottery') {
    rules.lotteryRegistrationMs = durationMs(release.registration);
    rules.lotteryOneEntryPer = release.oneEntryPer ?? LOTTERY_KEYS;
  }
  if (release.kind === 'waiting-room') {
    rules.preQueueMs = durationMs(release.preQueue);
    rules.bookingsPerAdmission = release.bookingsPerAdmission;
    rules.admissionWindowMs = durationMs(release.admissionWindow);
  }
  return rules;
}

export interface SetupInfo {
  scenario: Scenario;
  policy: Policy;
  seed: number;
  start: number;
  end: number;
  plan: PopulationPlan;
  rules: PublicRules;
  crewStates: CrewState[];
  /** the AGDREF registry of the target, filled as people arrive */
  registry: { set(agdref: string, papers: { firstName: string; lastName: string }): unknown };
  /** shared e-mail addresses per group */
  sharedEmails: number[];
}

export class AgentFactory {
  private readonly clocks = new Map<string, ActiveClock>();
  private days: ParisDays | undefined;
  private readonly announced: (after: number) => number | undefined;

  constructor(
    /** runs the agents this factory creates */
    private readonly host: AgentHost,
    private readonly registry: AgentRegistry,
    private readonly scheduler: Scheduler,
    private readonly info: SetupInfo,
  ) {
    const { release } = info.policy;
    const seedText = String(info.seed);
    if (release.kind === 'random' || release.kind === 'continuous') {
      this.announced = () => undefined;
      return;
    }
    // agents ask often: the instants of the whole run, computed once (Luxon is slow)
    const instants = releaseInstants(release, info.start - 2 * WEEK, info.end + 4 * WEEK, seedText);
    const last = instants.at(-1) ?? -Infinity;
    this.announced = (after) => {
      if (after >= last) return nextReleaseAt(release, after, seedText);
      let lo = 0;
      let hi = instants.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((instants[mid] as number) > after) hi = mid;
        else lo = mid + 1;
      }
      return instants[lo];
    };
  }

  /**
   * The context every agent gets; each kind's fields are assigned onto it, not spread into a new
   * object: V8 gives each object spread and then extended a hidden class of its own, and every
   * agent's reads of its context would then be megamorphic.
   */
  private context(id: string, rng: AgentContext['rng'], net: AgentContext['net']): AgentContext {
    const scheduler = this.scheduler;
    return {
      id, rng, net, rules: this.info.rules,
      now: () => scheduler.now,
      announcedRelease: this.announced,
      localMinuteOfDay: (t) => this.minuteOfDay(t),
    };
  }

  /**
   * Paris minute of the day of `t`. People ask it of the few release instants of the run, by the
   * thousand: each instant is converted once (Luxon is slow).
   */
  private minuteOfDay(t: number): number {
    let m = this.minutes.get(t);
    if (m === undefined) {
      const d = parisDateTime(t);
      m = d.hour * 60 + d.minute;
      if (this.minutes.size >= 4096) this.minutes.clear();
      this.minutes.set(t, m);
    }
    return m;
  }

  private readonly minutes = new Map<number, number>();

  private clock(hours: readonly [number, number]): ActiveClock {
    const key = `${hours[0]}-${hours[1]}`;
    let c = this.clocks.get(key);
    if (!c) {
      // from the day before the start to well after the end (people polling past it are counted up to it)
      this.days ??= parisDaysFor(this.info.start - DAY, Math.ceil((this.info.end - this.info.start) / DAY) + 150);
      this.clocks.set(key, (c = new ActiveClock(this.days, hours[0], hours[1])));
    }
    return c;
  }

  bot(index: number, p: BotPlan): AgentRun {
    const { scenario, plan, seed } = this.info;
    const crew = scenario.population.scalpers[p.crew];
    const state = this.info.crewStates[p.crew];
    if (!crew || !state) throw new Error(`no crew ${p.crew}`);
    const rng = streamFor(seed, p.id);
    const agent = new AgentRun(this.host, index, p.id, BOT, p.crew, p.local, rng.lognormal(25, 0.3), seedFor(seed, p.id), plan.ipPass.get(p.ip) ?? 1);
    const net = { ip: p.ip, session: `s-${p.id}`, userAgent: 'Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/120.0' };
    this.registry.add(agent, rng, net, null);
    agent.gen = STRATEGY_AGENTS[crew.strategy](Object.assign(this.context(p.id, rng, net), {
      crew, state, market: scenario.market, agentIndex: p.local, counter: p.counter,
    }));
    return agent;
  }

  /** A person arriving: their agent, and the persona (when they need a slot, by when). */
  legit(index: number, legitIndex: number, p: LegitPlan): { agent: AgentRun; persona: Persona } {
    const { scenario, plan, seed } = this.info;
    const group = scenario.population.legit[p.group];
    if (!group) throw new Error(`no group ${p.group}`);
    const id = `legit:${group.group}:${p.local}`;
    const rng = streamFor(seed, id);
    const persona = makePersona(group, {
      globalIndex: p.globalIndex, index: p.local, arrivalAt: p.arrivalAt, rng, sharedEmails: this.info.sharedEmails[p.group] ?? 0,
    });
    if (persona.identity.agdref !== undefined) this.info.registry.set(persona.identity.agdref, persona.papers);
    const agent = new AgentRun(this.host, index, id, LEGIT, p.group, legitIndex, rng.lognormal(60, 0.4), seedFor(seed, id), plan.ipPass.get(p.ip) ?? 1);
    const net = { ip: p.ip, session: `s-${id}`, userAgent: 'Mozilla/5.0 (Linux; Android 10) Chrome/120.0 Mobile' };
    this.registry.add(agent, rng, net, this.clock(persona.activeHours));
    agent.gen = legitAgent(Object.assign(this.context(id, rng, net), { persona, group }));
    return { agent, persona };
  }
}
