/**
 * Upper bounds of the scenario's own counts, rates, prices and durations (those of the policy
 * live beside it, in the target's policy schema). Each one appears in the field's description,
 * so editors show it, and in the error: "must be at most 10,000, got 1e9".
 *
 * Why these numbers: they are what a préfecture could plausibly be, with a wide margin, so a
 * real study never meets them and a slip of the keyboard always does. The busiest préfectures
 * take a few thousand residence-permit requests a week: 10,000 arrivals a week per group. A
 * scalper crew is at most thousands of bots, behind at most 100,000 proxy IPs and fake
 * identities. People give themselves at most two years before their permit expires, look at the
 * site at most once a minute, and pay at most 10,000 € for a slot. A study lasts at most ten
 * years. Bounds also keep the engine's own keys apart: people are numbered 10,000,000 per group
 * (10,000 a week for 520 weeks fit). A run that is within every bound can still be too large in
 * total (many groups, a long run): its size is estimated before it starts (engine/run-size.ts).
 *
 * A raw flood (`load:`, `guichet stress`) is bounded in rate, connections, time and count: a
 * flood is a test of the target on this machine's loopback, so 20,000 requests a second (more
 * than one express process answers), 1,000 sockets, ten minutes and five million requests are
 * far above a useful test and well below what would exhaust the machine's ports or memory.
 */
import { z } from 'zod';
import { atMost, durationUpTo } from '../../target/domain/policy.js';

export const MAX = {
  arrivalsPerWeek: 10_000,
  groups: 100,
  crews: 100,
  policies: 50,
  agentsPerCrew: 10_000,
  ipsPerCrew: 100_000,
  identitiesPerCrew: 100_000,
  usersPerSharedIp: 100_000,
  days: 730,
  checksPerDay: 1_440,
  seconds: 3_600,
  pollEverySeconds: 7_200,
  priceEur: 10_000,
  usdPer1000: 1_000,
  heldSlots: 100_000,
  buyersPerSlot: 100,
  eurPerUsd: 10,
  replications: 1_000,
  runLength: '520w',
  floodRate: 20_000,
  floodConnections: 1_000,
  floodSeconds: 600,
  floodRequests: 5_000_000,
} as const;

/** a number of at most `max`, with the bound in the error message */
export const upTo = (max: number) => z.number().max(max, atMost(max));

/** a lognormal-ish quantity given by its median; the engine chooses the spread */
export const medianUpTo = (max: number) => z.strictObject({ median: z.number().positive().max(max, atMost(max)) });

/** a uniform draw between min and max days, each at most MAX.days */
export const DayRange = z.strictObject({
  min: upTo(MAX.days).min(0),
  max: upTo(MAX.days).min(0),
}).superRefine((r, ctx) => {
  if (r.min > r.max) ctx.addIssue({ code: 'custom', message: `max (${r.max}) is smaller than min (${r.min})`, path: ['max'], input: r.max });
});

/** the length of a run or of its warm-up: ten years at most */
export const RunLength = durationUpTo(MAX.runLength);
