/**
 * A realistic RunResult built from a small deterministic formula, for report tests while the
 * engine does not exist. Numbers are shaped like the Hérault 2019 story: the Sunday release
 * leaves most slots to scalpers; random release and identity binding each help, by amounts
 * whose intervals overlap (so the ranking must say it cannot separate them).
 */
import { COLLATERAL_MEASURES, METRICS, RESULT_SCHEMA } from '../../engine/result.js';
import type {
  CollateralMeasure, CrewMetrics, DailyPoint, GroupInfo, GroupMetrics, Interval, Localized, MetricName,
  PolicyResult, ReplicationResult, RunResult,
} from '../../engine/result.js';
import { INTERVAL_METHOD, interval } from '../../engine/measure/intervals.js';

export interface FixtureOptions {
  policies?: number;
  replications?: number;
  scenarioName?: string;
  scenarioDescription?: string;
  durationDays?: number;
  /** a result file from before scenario labels: no label, no localized text, no group facts */
  legacy?: boolean;
}

interface Shape {
  name: string;
  label?: Localized;
  description: string;
  descriptionFr: string;
  served: number;
  capture: number;
  botTraffic: number;
  moneyEur: number;
  waitP50: number;
  collateral: Partial<Record<CollateralMeasure, number>>;
}

const SHAPES: Shape[] = [
  { name: 'baseline', description: 'Sunday 20:00 release, no measures', descriptionFr: 'Publication le dimanche à 20 h, sans mesure', served: 0.38, capture: 0.64, botTraffic: 0.93, moneyEur: 41_000, waitP50: 52, collateral: {} },
  { name: 'random-release', label: { fr: 'publication aléatoire', en: 'random release' }, description: 'Five random batches a week, Monday to Friday office hours', descriptionFr: 'Cinq publications par semaine à des heures tirées au sort, du lundi au vendredi', served: 0.71, capture: 0.12, botTraffic: 0.81, moneyEur: 6_500, waitP50: 24, collateral: { captcha: 0.06 } },
  { name: 'identity-bound', label: { fr: 'créneau lié à l’identité', en: 'identity-bound slot' }, description: 'Exact name checked at the counter, one booking per e-mail', descriptionFr: 'Nom exact contrôlé au guichet, une réservation par e-mail', served: 0.69, capture: 0.31, botTraffic: 0.88, moneyEur: 15_000, waitP50: 29, collateral: { exactName: 0.04, identityLimit: 0.02, purge: 0.012 } },
];

const GROUPS = [
  { id: 'workers', label: { fr: 'Salariés', en: 'Workers' }, factor: 1.05, traits: ['works weekdays', 'own connection'], share: 0.5 },
  { id: 'students', label: { fr: 'Étudiants en première demande', en: 'Students asking for a first permit' }, factor: 1.0, traits: ['first request', 'checks often'], share: 0.3 },
  { id: 'cybercafe-users', label: { fr: 'Usagers des cybercafés', en: 'Cybercafé users' }, factor: 0.8, traits: ['shared IP', 'no computer at home'], share: 0.2 },
] as const;

/** What the engine records about each group (the traits reports translate). */
const GROUP_INFO: GroupInfo[] = [
  { id: 'workers', label: GROUPS[0].label, counter: 'renewal', checksPerDay: 3, activeHours: '07:00-23:00', captchaSolveSeconds: 10, captchaFailRate: 0.1, sharedIp: 0.15, sharedEmail: 0.05, nameVariant: 0.1, buyAfterDays: 21, willingToPayEur: 150, agdref: true },
  { id: 'students', label: GROUPS[1].label, counter: 'first-request', checksPerDay: 8, activeHours: '08:00-22:00', captchaSolveSeconds: 8, captchaFailRate: 0.05, sharedIp: 0.3, sharedEmail: 0, nameVariant: 0, agdref: false },
  { id: 'cybercafe-users', label: GROUPS[2].label, counter: 'renewal', checksPerDay: 1, activeHours: '09:00-21:00', captchaSolveSeconds: 12, captchaFailRate: 0.15, sharedIp: 0.9, sharedEmail: 0.3, nameVariant: 0.4, buyAfterDays: 14, willingToPayEur: 120, agdref: true },
];

/** Deterministic noise in [-0.5, 0.5) from a few integers (no RNG state). */
function noise(...keys: number[]): number {
  const x = Math.sin(keys.reduce((s, k, i) => s + (k + 1) * [12.9898, 78.233, 37.719, 4.581][i % 4]!, 0)) * 43758.5453;
  return x - Math.floor(x) - 0.5;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;

function replication(shape: Shape, p: number, r: number, days: number): ReplicationResult {
  const n = (k: number, scale: number): number => noise(p, r, k) * scale;
  const legitUsers = 6000 + Math.round(n(1, 200));
  const served = round(clamp01(shape.served + n(2, 0.06)));
  const capture = round(clamp01(shape.capture + n(3, 0.05)));
  const slotsReleased = 7200;
  const slotsBooked = 7000 + Math.round(n(4, 100));
  const requests = 4_000_000 + Math.round(n(5, 200_000));
  const botRequests = Math.round(requests * clamp01(shape.botTraffic + n(6, 0.02)));
  const money = Math.max(0, round(shape.moneyEur * (1 + n(7, 0.2)), 0));
  const wastedShare = round(clamp01(0.03 + capture * 0.1 + n(8, 0.01)));
  const collateral: Partial<Record<CollateralMeasure, number>> = {};
  for (const [m, v] of Object.entries(shape.collateral)) collateral[m as CollateralMeasure] = round(clamp01(v + n(9, v / 2)));
  const groups: Record<string, GroupMetrics> = {};
  let gapMin = 1;
  let gapMax = 0;
  for (const [g, def] of GROUPS.entries()) {
    const users = Math.round(legitUsers * def.share);
    const s = round(clamp01(served * def.factor + noise(p, r, 20 + g) * 0.04));
    gapMin = Math.min(gapMin, s);
    gapMax = Math.max(gapMax, s);
    const groupCollateral: Partial<Record<CollateralMeasure, number>> = {};
    for (const [m, v] of Object.entries(collateral)) groupCollateral[m as CollateralMeasure] = Math.round(users * v * (def.id === 'cybercafe-users' ? 2 : 1));
    groups[def.id] = {
      users, usersWithDeadline: Math.round(users * 0.9), served: Math.round(users * s * 1.1),
      servedBeforeDeadline: s, waitDaysP50: round(shape.waitP50 / def.factor + n(30 + g, 4), 1),
      paidShare: round(clamp01(capture * 0.3 / def.factor)), moneyPaidEur: Math.round(money * def.share),
      collateral: groupCollateral, traits: [...def.traits],
    };
  }
  const crews: Record<string, CrewMetrics> = {
    cybercafe: {
      strategy: 'hoarder', agents: 20, booked: Math.round(slotsBooked * capture), sold: Math.round(money / 120),
      revenueEur: money, costEur: round(money * 0.05, 0), refusedAtCounter: Math.round(120 * (shape.collateral.exactName ?? 0) * 100),
      requests: botRequests,
    },
  };
  const metrics = {
    'legit.servedBeforeDeadline': served,
    'legit.waitDays.p50': round(shape.waitP50 + n(10, 6), 1),
    'legit.waitDays.p90': round(shape.waitP50 * 1.8 + n(11, 8), 1),
    'legit.paidShare': round(clamp01(capture * 0.3 + n(12, 0.02))),
    'legit.moneyPaidEur': money,
    'legit.effortMinutes.p50': round(90 + capture * 200 + n(13, 20), 1),
    'legit.effortMinutes.p90': round(300 + capture * 500 + n(14, 40), 1),
    'bots.captureShare': capture,
    'bots.revenueEur': money,
    'bots.costEur': round(money * 0.05, 0),
    'slots.wastedShare': wastedShare,
    'traffic.botShare': round(botRequests / requests),
    'equity.gap': round(gapMax - gapMin),
  } satisfies Record<MetricName, number>;
  const daily: DailyPoint[] = [];
  const perDay = slotsBooked / days;
  for (let day = 0; day < days; day++) {
    // The baseline releases on Sundays: scalpers take their share in one step each week.
    const bots = p === 0 ? perDay * 7 * capture * (Math.floor(day / 7) + 1) : perDay * (day + 1) * capture;
    daily.push({
      day,
      bookedByLegit: Math.round(perDay * (day + 1) * (1 - capture)),
      bookedByBots: Math.round(Math.min(bots, perDay * days * capture)),
      waitingUsers: Math.max(0, Math.round(900 * (1 - served) + 120 * Math.sin(day / 9) + n(40 + (day % 5), 60))),
    });
  }
  const waitDaysHistogram = Array.from({ length: 120 }, (_, d) =>
    Math.max(0, Math.round(120 * Math.exp(-(((d - shape.waitP50) / (shape.waitP50 * 0.55)) ** 2)) + n(50 + (d % 7), 8))));
  const releases = Array.from({ length: Math.floor(days / 7) }, (_, w) => ({
    day: w * 7 + 0.83, released: 280, sellOutMinutes: round(4 + capture * 10 + n(60 + (w % 3), 2), 1), botShare: capture,
    // scalpers take most of their share in the first minutes
    botShareWithin: { 1: round(capture * 0.55), 10: round(capture * 0.85), 60: round(capture * 0.97) },
    minutesTo50: round(2 + (1 - capture) * 6 + n(70 + (w % 3), 0.5), 1), minutesTo90: round(8 + (1 - capture) * 30 + n(80 + (w % 3), 2), 1),
  }));
  return {
    replication: r, seed: 2019 + r, metrics, collateral, groups, crews,
    counts: {
      legitUsers, legitServed: Math.round(legitUsers * served * 1.1), slotsReleased, slotsBooked,
      slotsWasted: Math.round(slotsReleased * wastedShare), requests, botRequests, elidedPolls: Math.round(botRequests * 0.97),
      refusedAtCounter: { exactName: crews.cybercafe!.refusedAtCounter }, doubleSold: Math.round(money / 1200),
    },
    waitDaysHistogram, series: { daily, releases },
  };
}

function summarise(shape: Shape, runs: ReplicationResult[], legacy: boolean): PolicyResult {
  const summary = {} as Record<MetricName, Interval>;
  for (const m of METRICS) summary[m] = interval(runs.map((run) => run.metrics[m]));
  const collateral: Partial<Record<CollateralMeasure, Interval>> = {};
  for (const m of COLLATERAL_MEASURES) {
    if (runs.some((run) => run.collateral[m] !== undefined)) collateral[m] = interval(runs.map((run) => run.collateral[m] ?? 0));
  }
  const groups: PolicyResult['groups'] = {};
  for (const g of GROUPS) {
    const of = (k: 'servedBeforeDeadline' | 'waitDaysP50' | 'paidShare'): Interval => interval(runs.map((run) => run.groups[g.id]![k]));
    groups[g.id] = { servedBeforeDeadline: of('servedBeforeDeadline'), waitDaysP50: of('waitDaysP50'), paidShare: of('paidShare') };
  }
  const words = legacy ? {} : {
    ...(shape.label ? { label: shape.label } : {}),
    localized: { description: { fr: shape.descriptionFr, en: shape.description } },
  };
  return { name: shape.name, description: shape.description, ...words, policy: { shape: shape.name }, runs, summary, collateral, groups };
}

export function buildFixture(options: FixtureOptions = {}): RunResult {
  const count = options.policies ?? 3;
  const replications = options.replications ?? 5;
  const days = options.durationDays ?? 182;
  if (count < 1 || count > 7) throw new RangeError('fixture: 1..7 policies');
  // beyond the three stories, variants of the measures (as wide as matrix.yaml's seven policies)
  const shapes = Array.from({ length: count }, (_, p): Shape => (p < SHAPES.length ? SHAPES[p]! : {
    ...SHAPES[1 + (p % 2)]!, name: `variant-${p}`, label: { fr: `variante ${p} des mesures`, en: `measures, variant ${p}` },
  }));
  const policies = shapes.map((shape, p) =>
    summarise(shape, Array.from({ length: replications }, (_, r) => replication(shape, p, r, days)), options.legacy === true));
  const name = options.scenarioName ?? 'Hérault 2019 — Sunday release against two measures';
  const description = options.scenarioDescription ?? 'Renewal appointments at one préfecture for 26 weeks, 20 scalper agents in a cybercafé.';
  const sources = [
    'Hérault supply and demand: 15,000 slots a year for 12,000 permits (préfecture de l’Hérault, 21 March 2019)',
    'Resale price: more than 100 € a slot (Seine-Saint-Denis, 2019)',
    'Captcha farms: 1–3 $ per 1,000, ~14 s median latency (Motoyama et al., USENIX Security 2010)',
  ];
  const sourcesFr = [
    'Offre et demande dans l’Hérault : 15 000 créneaux par an pour 12 000 titres (préfecture de l’Hérault, 21 mars 2019)',
    'Prix de revente : plus de 100 € le créneau (Seine-Saint-Denis, 2019)',
    'Fermes à captchas : 1 à 3 $ les 1 000, latence médiane ~14 s (Motoyama et al., USENIX Security 2010)',
  ];
  const assumptions = [
    'People check the site three times a day on median and give up after 30 days, then may buy.',
    'Scalpers poll every second and solve captchas through a farm at 90 % accuracy.',
  ];
  const assumptionsFr = [
    'Les usagers consultent le site trois fois par jour en médiane et abandonnent au bout de 30 jours, puis peuvent acheter.',
    'Les revendeurs interrogent le site chaque seconde et font résoudre les captchas par une ferme, juste à 90 %.',
  ];
  const pair = (en: string[], fr: string[]): Localized[] => en.map((e, i) => ({ fr: fr[i]!, en: e }));
  // a hostile name stays the same in both languages, so tests see it wherever it is shown
  const frName = options.scenarioName ?? 'Hérault 2019 — publication du dimanche face à deux mesures';
  const frDescription = options.scenarioDescription ?? 'Rendez-vous de renouvellement dans une préfecture pendant 26 semaines, 20 robots revendeurs dans un cybercafé.';
  const words = options.legacy ? {} : {
    label: { fr: frName, en: name },
    localized: { description: { fr: frDescription, en: description }, sources: pair(sources, sourcesFr), assumptions: pair(assumptions, assumptionsFr) },
    groups: GROUP_INFO,
    crews: [{ id: 'cybercafe', label: { fr: 'cybercafé', en: 'cybercafé' }, strategy: 'hoarder' as const }],
  };
  return {
    schema: RESULT_SCHEMA,
    scenario: {
      name,
      description,
      file: 'scenarios/herault-2019.yaml',
      start: '2019-01-06',
      durationDays: days,
      objective: { metric: 'legit.servedBeforeDeadline', higherIsBetter: true },
      sources,
      assumptions,
      ...words,
    },
    seed: 2019,
    replications,
    intervalMethod: INTERVAL_METHOD,
    policies,
  };
}
