/**
 * What a k6 script must do to reproduce a scenario's live traffic at the protocol level: one
 * arrival-rate flow per group of people, one constant-VU flow per crew, and the live gates as k6
 * thresholds. A plain object (no text): k6-script.ts writes it out, tests read it.
 *
 * What the JSON API alone cannot play faithfully is refused, with the path to blame, rather
 * than exported wrong: a lottery, a waiting room or a batch release (multi-step flows decided
 * later by the target), the registry check and the e-mail confirmation (they need the harness's
 * staff-side access), a browser or forms client and a driver module.
 */
import { hoursRange } from '../../target/domain/time-units.js';
import { gatesByPolicy } from '../../scenarios/gates/effective.js';
import type { GateSpec } from '../../scenarios/gates/grammar.js';
import { BASELINE, effectivePolicies, type LegitGroup, type Scenario, type ScalperCrew } from '../../scenarios/schema.js';

/** One group of people: each iteration is one visit (list the slots; when one shows, book it). */
export interface PeopleFlow {
  group: string;
  counter: string;
  /** visits an hour of the whole group (see visitsPerHour) */
  visitsPerHour: number;
  bookSeconds: number;
  captchaSeconds: number;
  captchaFailRate: number;
  sharedIp: number;
  sharedEmail: number;
  /** addresses the people behind a shared IP are spread over */
  sharedIps: number;
  agdref: boolean;
  /** VUs k6 keeps ready: enough for a visit's think time at the planned rate */
  preAllocatedVUs: number;
  maxVUs: number;
}

/** One crew: `agents` VUs polling the slot list, booking what shows. */
export interface CrewFlow {
  crew: string;
  /** the crew's place in the scenario: its addresses are 2001:db8:<index>::<n> */
  index: number;
  strategy: string;
  agents: number;
  /** the crew's counter, or every counter */
  counters: string[];
  pollSeconds: number;
  jitterSeconds: number;
  bookSeconds: number;
  ips: number;
  identities: number;
  solver?: { latencySeconds: number; accuracy: number };
  /** bookings one VU keeps at most (the crew's maxHeld shared over its agents) */
  maxHeldPerAgent?: number;
}

export interface K6Plan {
  scenario: string;
  policy: string;
  counters: string[];
  people: PeopleFlow[];
  crews: CrewFlow[];
  /** k6 metric name with tags → threshold expressions */
  thresholds: Record<string, string[]>;
  /** gates on simulated metrics, which a k6 run does not measure */
  unmirroredGates: string[];
}

/** Something the script cannot reproduce, and where in the scenario it is. */
export interface PlanRefusal {
  path: (string | number)[];
  message: string;
  hint?: string;
}

export type PlanOutcome = { ok: true; plan: K6Plan } | { ok: false; refusals: PlanRefusal[] };

/** The routes the script requests, as the live recorder names them. */
export const SCRIPT_ROUTES = ['list', 'captcha', 'book'] as const;

const SHOWN = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Visits an hour of a group, in the steady state of a shortage: people keep looking until their
 * deadline (the mean of deadlineDays), so arrivals a day × (1 + laterVisits) × those days are
 * looking at once, each `checksPerDay` times a day within their active hours. An upper bound
 * where slots are plentiful (people stop once booked); the scale is the script's PEOPLE_SCALE.
 */
export function visitsPerHour(g: LegitGroup): number {
  return lookingAtOnce(g) * g.checksPerDay.median / activeHours(g);
}

function lookingAtOnce(g: LegitGroup): number {
  const searchDays = (g.deadlineDays.min + g.deadlineDays.max) / 2;
  return g.arrivals.perWeek / 7 * (1 + g.laterVisits) * Math.max(searchDays, 1);
}

function activeHours(g: LegitGroup): number {
  const [from, to] = hoursRange(g.activeHours);
  return Math.max((to - from) / 60, 1);
}

function peopleFlow(g: LegitGroup, usersPerIp: number): PeopleFlow {
  const perHour = visitsPerHour(g);
  const visitSeconds = g.bookSeconds.median + g.captcha.solveSeconds.median + 1;
  const busy = Math.ceil(perHour / 3600 * visitSeconds);
  return {
    group: g.group, counter: g.counter, visitsPerHour: SHOWN(perHour),
    bookSeconds: g.bookSeconds.median, captchaSeconds: g.captcha.solveSeconds.median, captchaFailRate: g.captcha.failRate,
    sharedIp: g.sharedIp, sharedEmail: g.sharedEmail,
    sharedIps: Math.max(1, Math.ceil(lookingAtOnce(g) * g.sharedIp / usersPerIp)),
    agdref: g.agdref, preAllocatedVUs: Math.max(2, busy), maxVUs: Math.max(10, busy * 4),
  };
}

function crewFlow(c: ScalperCrew, index: number, counters: string[]): CrewFlow {
  const flow: CrewFlow = {
    crew: c.crew, index, strategy: c.strategy, agents: c.agents, counters: c.counter ? [c.counter] : counters,
    pollSeconds: c.pollEverySeconds, jitterSeconds: c.jitterSeconds, bookSeconds: c.bookSeconds, ips: c.ips, identities: c.identities,
  };
  if (c.captchaSolver) flow.solver = { latencySeconds: c.captchaSolver.latencySeconds, accuracy: c.captchaSolver.accuracy };
  if (c.maxHeld !== undefined) flow.maxHeldPerAgent = Math.max(1, Math.ceil(c.maxHeld / c.agents));
  return flow;
}

/** `live.latencyMs.people.book` → `http_req_duration{population:people,route:book}`. */
function thresholdOf(gate: GateSpec): { metric: string; expression: string } | undefined {
  const t = gate.target;
  if (t.kind === 'catalogue') return undefined;
  const tags = `population:${t.who}${t.route ? `,route:${t.route}` : ''}`;
  const metric = `${t.kind === 'latency' ? 'http_req_duration' : 'http_req_failed'}{${tags}}`;
  // the gate grammar reads avg as mean and med as p(50); k6 spells them avg and med
  const stat = gate.stat === 'mean' ? 'avg' : gate.stat === 'p(50)' ? 'med' : gate.stat;
  return { metric, expression: `${stat}${gate.op}${gate.limit}` };
}

/** Where the policy's setting sits: the override's when it sets it, else the baseline's. */
function policyPath(s: Scenario, policy: string, key: 'release' | 'measures' | 'flaws', sub?: string): (string | number)[] {
  const override = policy === BASELINE ? undefined : s.policies[policy];
  const own = key === 'measures' ? sub !== undefined && override?.measures?.[sub as keyof typeof override.measures] != null : override?.[key] !== undefined;
  return [...(own ? ['policies', policy] : ['policy']), key, ...(sub ? [sub] : [])];
}

/** Where a policy's gate on `metric` is written: its own gates when they name it, else the scenario's. */
function gateMapPath(s: Scenario, policy: string, metric: string): (string | number)[] {
  const own = policy === BASELINE ? s.baseline?.gates : s.policies[policy]?.gates;
  if (own && metric in own) return policy === BASELINE ? ['baseline', 'gates'] : ['policies', policy, 'gates'];
  return ['gates'];
}

function refusalsOf(s: Scenario, policy: string): PlanRefusal[] {
  const p = effectivePolicies(s).find((e) => e.name === policy)?.policy;
  if (!p) return [];
  const out: PlanRefusal[] = [];
  const kind = p.release.kind;
  if (kind === 'lottery' || kind === 'waiting-room' || kind === 'batch') {
    out.push({
      path: [...policyPath(s, policy, 'release'), 'kind'],
      message: `a ${kind} release is not exported to k6: its bookings are decided later by the target, in steps the script would have to wait for`,
      hint: 'export a policy with a weekly, random or continuous release: --policy <name>',
    });
  }
  if (p.measures.registryCheck) {
    out.push({ path: policyPath(s, policy, 'measures', 'registryCheck'), message: 'the registry check is not exported to k6: people\'s AGDREF numbers are known only to the harness that fills the registry' });
  }
  if (p.measures.emailConfirmation) {
    out.push({ path: policyPath(s, policy, 'measures', 'emailConfirmation'), message: 'the e-mail confirmation is not exported to k6: reading the mailbox takes the staff-side admin token' });
  }
  const driver = s.live?.driver;
  if (driver !== undefined && driver !== 'http') {
    out.push({ path: ['live', 'driver'], message: `the "${driver}" driver is not exported to k6: the script speaks the JSON API only`, hint: 'use driver: http, or remove it' });
  }
  s.population.legit.forEach((g, i) => { if (g.client === 'browser') out.push({ path: ['population', 'legit', i, 'client'], message: 'a browser group is not exported to k6: the script speaks the JSON API only' }); });
  s.population.scalpers.forEach((c, i) => { if (c.client === 'browser') out.push({ path: ['population', 'scalpers', i, 'client'], message: 'a browser crew is not exported to k6: the script speaks the JSON API only' }); });
  return out;
}

/** The plan of `policy` (default the baseline); the scenario has been validated. */
export function planK6(s: Scenario, policy: string = BASELINE): PlanOutcome {
  const gates = gatesByPolicy(s).find((g) => g.policy === policy);
  if (!gates) {
    const names = effectivePolicies(s).map((e) => e.name).join(', ');
    return { ok: false, refusals: [{ path: ['policies'], message: `the scenario has no policy "${policy}"`, hint: `its policies: ${names}` }] };
  }
  const refusals = refusalsOf(s, policy);
  const thresholds: Record<string, string[]> = {};
  const unmirroredGates: string[] = [];
  for (const gate of gates.gates) {
    const route = gate.target.kind === 'catalogue' ? undefined : gate.target.route;
    if (route !== undefined && !(SCRIPT_ROUTES as readonly string[]).includes(route)) {
      refusals.push({ path: [...gateMapPath(s, policy, gate.metric), gate.metric], message: `the k6 script makes no "${route}" request: this gate could not be judged`, hint: `routes of the script: ${SCRIPT_ROUTES.join(', ')}` });
      continue;
    }
    const t = thresholdOf(gate);
    if (!t) { unmirroredGates.push(`${gate.metric} ${gate.expression}`); continue; }
    (thresholds[t.metric] ??= []).push(t.expression);
  }
  if (refusals.length > 0) return { ok: false, refusals };
  const counters = Object.keys(s.target.counters);
  return {
    ok: true,
    plan: {
      scenario: s.name, policy, counters,
      people: s.population.legit.map((g) => peopleFlow(g, s.population.sharedIps.usersPerIp)),
      crews: s.population.scalpers.map((c, i) => crewFlow(c, i, counters)),
      thresholds, unmirroredGates,
    },
  };
}
