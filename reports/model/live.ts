/**
 * A policy's live figures as the summary table and the report show them. A live block holds one
 * replication; across replications, counts are added up and percentiles averaged (percentiles
 * of different histograms do not merge; their mean says how a typical replication went).
 * The error share is the share of requests with no usable answer (refused `UNAVAILABLE`: a
 * timeout, a dropped connection or a 5xx), not the target's own refusals (429, a taken slot).
 */
import type { LatencySummary, LiveReplication, LiveRoute, PolicyResult, RouteStats, RunResult } from '../../engine/result.js';
import { LIVE_ROUTES } from '../../engine/result.js';

export interface LiveRouteFigures {
  requests: number;
  /** mean over replications, ms, coordinated omission corrected */
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  errorShare: number;
  timeouts: number;
  connectionErrors: number;
  statuses: Record<string, number>;
  rejections: Record<string, number>;
}

export interface LivePopulationFigures extends LiveRouteFigures {
  id: string;
  kind: 'people' | 'crew';
  client: 'http' | 'browser';
  routes: Partial<Record<LiveRoute, LiveRouteFigures>>;
}

export interface LiveFloodFigures {
  name: string;
  path: string;
  /** floods of this name per replication (a `load:` entry during race windows runs once per window) */
  runs: number;
  /** asked for, and achieved (mean over replications) */
  rate: number;
  rps: number;
  p95: number;
  requests: number;
  share429: number;
}

export interface LiveMismatch {
  /** 1-based, as reports number replications */
  replication: number;
  harnessBookings: number;
  targetBookings: number;
  missingInTarget: string[];
  unknownToHarness: string[];
  doubleBooked: string[];
}

export interface LivePolicyFigures {
  name: string;
  replications: number;
  populations: LivePopulationFigures[];
  floods: LiveFloodFigures[];
  /** bookings the harness was told of, every replication together */
  bookings: number;
  mismatches: LiveMismatch[];
  /** the first replication's live block, for what cannot be averaged (traffic over time) */
  first: LiveReplication;
}

const mean = (xs: number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

function addCounts(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
}

function routeFigures(stats: RouteStats[]): LiveRouteFigures {
  const requests = sum(stats.map((s) => s.latency.count));
  // percentiles of a replication without requests are not a zero wait: they are left out of the mean
  const measured = stats.filter((s) => s.latency.count > 0).map((s) => s.latency);
  const pick = (k: keyof LatencySummary): number => mean(measured.map((l) => l[k]));
  const rejections = stats.reduce<Record<string, number>>((acc, s) => addCounts(acc, s.rejections), {});
  const errors = rejections.UNAVAILABLE ?? 0;
  return {
    requests, p50: pick('p50'), p95: pick('p95'), p99: pick('p99'),
    errors, errorShare: requests > 0 ? errors / requests : 0,
    timeouts: sum(stats.map((s) => s.timeouts)), connectionErrors: sum(stats.map((s) => s.connectionErrors)),
    statuses: stats.reduce<Record<string, number>>((acc, s) => addCounts(acc, s.statuses), {}), rejections,
  };
}

export const liveRuns = (policy: PolicyResult): LiveReplication[] => policy.runs.flatMap((r) => (r.live ? [r.live] : []));

export function hasLive(result: RunResult): boolean {
  return result.policies.some((p) => liveRuns(p).length > 0);
}

/** The policy's live figures, or null when it ran in virtual time. */
export function livePolicy(policy: PolicyResult): LivePolicyFigures | null {
  const lives = liveRuns(policy);
  const first = lives[0];
  if (!first) return null;
  const populations = first.populations.map((pop): LivePopulationFigures => {
    const same = lives.flatMap((l) => l.populations.filter((q) => q.id === pop.id));
    const routes: Partial<Record<LiveRoute, LiveRouteFigures>> = {};
    for (const route of LIVE_ROUTES) {
      const stats = same.flatMap((q) => (q.routes[route] ? [q.routes[route]] : []));
      if (stats.length > 0) routes[route] = routeFigures(stats);
    }
    return { id: pop.id, kind: pop.kind, client: pop.client, ...routeFigures(same.map((q) => q.all)), routes };
  });
  const names = [...new Set(first.floods.map((f) => f.name))];
  const floods = names.map((name): LiveFloodFigures => {
    const same = lives.flatMap((l) => l.floods.filter((g) => g.name === name));
    const f = same[0] as LiveReplication['floods'][number];
    const requests = sum(same.map((g) => g.requests));
    return {
      name, path: f.path, runs: same.length / lives.length, rate: f.rate, rps: mean(same.map((g) => g.rps)), p95: mean(same.map((g) => g.latency.p95)),
      requests, share429: requests > 0 ? sum(same.map((g) => g.statuses['429'] ?? 0)) / requests : 0,
    };
  });
  const mismatches = policy.runs.flatMap((run, k): LiveMismatch[] => {
    const c = run.live?.reconciliation;
    if (!c || c.ok) return [];
    return [{
      replication: k + 1, harnessBookings: c.harnessBookings, targetBookings: c.targetBookings,
      missingInTarget: c.missingInTarget, unknownToHarness: c.unknownToHarness, doubleBooked: c.doubleBooked,
    }];
  });
  return {
    name: policy.name, replications: lives.length, populations, floods,
    bookings: sum(lives.map((l) => l.reconciliation.harnessBookings)), mismatches, first,
  };
}

/**
 * "bk-1, bk-2, bk-3 … (+4)": as many ids as fit in `width` characters, then how many are left
 * out, in any language. At least one id is shown.
 */
export function someIds(ids: string[], width = 80): string {
  let shown = 0;
  let text = '';
  while (shown < ids.length) {
    const next = shown === 0 ? ids[0]! : `${text}, ${ids[shown]!}`;
    const rest = ids.length - shown - 1;
    if (shown > 0 && next.length + (rest > 0 ? ` … (+${rest})`.length : 0) > width) break;
    text = next;
    shown++;
  }
  return shown < ids.length ? `${text} … (+${ids.length - shown})` : text;
}
