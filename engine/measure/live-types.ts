/**
 * What a live run measures beside the simulation's metrics, as a load tool would: latency per
 * population and route (HDR histograms, corrected for coordinated omission), status codes,
 * refusals, timeouts and connection errors, traffic over time, the raw flood, and the
 * reconciliation of the harness's ledger with the target's. It is the `live` block of a
 * replication in result.json (present only in live runs, versioned on its own), and nothing in
 * it is deterministic: it holds wall-clock figures.
 */

export const LIVE_SCHEMA = 'guichet.live/v1' as const;

/** The routes of a live run: one per kind of target action, whatever HTTP requests a driver makes for it. */
export const LIVE_ROUTES = ['list', 'captcha', 'book', 'bookingResult', 'confirm', 'cancel', 'register', 'lotteryResult', 'joinRoom', 'ticket', 'checkIn'] as const;
export type LiveRoute = (typeof LIVE_ROUTES)[number];

/** Latency in ms over a set of requests; all zero when count is 0. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface RouteStats {
  /** from when the agent meant to send (its scheduled time) to the answer: what a person waits, coordinated omission corrected */
  latency: LatencySummary;
  /** from when the request left to the answer: what the server and network took */
  service: LatencySummary;
  /** HTTP status → count ("0" = no answer) */
  statuses: Record<string, number>;
  /** refusal code → count (the target's codes, and UNAVAILABLE) */
  rejections: Record<string, number>;
  timeouts: number;
  connectionErrors: number;
}

/** People (all groups together) or one crew. */
export interface PopulationStats {
  /** 'people', or the crew's id */
  id: string;
  kind: 'people' | 'crew';
  client: 'http' | 'browser';
  /** every route together */
  all: RouteStats;
  routes: Partial<Record<LiveRoute, RouteStats>>;
}

/** One wall-clock second of a live run. */
export interface TrafficSecond {
  /** seconds since the run started */
  t: number;
  /** simulated time at the start of that second (epoch ms) */
  at: number;
  people: { requests: number; errors: number; p95: number };
  bots: { requests: number; errors: number; p95: number };
  flood?: { requests: number; errors: number };
}

/** A window of simulated time that ran at real (or race) speed, around a release. */
export interface RaceWindow {
  start: number;
  end: number;
}

export interface FloodSummary {
  /** the `load:` entry's name, or 'stress' */
  name: string;
  /** path flooded on the target, e.g. /api/counters/renewal/slots */
  path: string;
  connections: number;
  /** requests per second asked for (after the ramp) */
  rate: number;
  seconds: number;
  requests: number;
  /** requests per second achieved */
  rps: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  latency: LatencySummary;
}

/** The harness's ledger of 201 responses against the target's admin ledger. */
export interface Reconciliation {
  ok: boolean;
  /** bookings the harness was told were made (201) */
  harnessBookings: number;
  /** bookings in the target's ledger made during the run */
  targetBookings: number;
  /** booking ids answered 201 but absent from the target's ledger */
  missingInTarget: string[];
  /** booking ids in the target's ledger no agent was told of (excluding lottery draws) */
  unknownToHarness: string[];
  /** slot ids with more than one live booking */
  doubleBooked: string[];
}

export interface LiveReplication {
  schema: typeof LIVE_SCHEMA;
  /** base URL of the target (loopback) and whether the harness started it */
  target: { url: string; startedByHarness: boolean; driver: string };
  wallSeconds: number;
  /** simulated ms per real ms inside race windows */
  raceSpeed: number;
  raceWindows: RaceWindow[];
  populations: PopulationStats[];
  traffic: TrafficSecond[];
  floods: FloodSummary[];
  reconciliation: Reconciliation;
}
