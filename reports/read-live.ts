/**
 * The `live` block of a replication (live runs only), as the reader checks it: versioned on its
 * own (`schema`), so a live block this guichet does not know is refused by name and place, while
 * the result's schema id stays what it was for simulated runs.
 */
import { z } from 'zod';
import { LIVE_ROUTES, LIVE_SCHEMA } from '../engine/result.js';

const Num = z.number().refine(Number.isFinite, 'expected a finite number');
const Count = z.number().int().min(0);
const Counts = z.record(z.string(), Count);

const Latency = z.looseObject({ count: Count, mean: Num, p50: Num, p90: Num, p95: Num, p99: Num, max: Num });
const RouteStats = z.looseObject({
  latency: Latency, service: Latency, statuses: Counts, rejections: Counts, timeouts: Count, connectionErrors: Count,
});
const Population = z.looseObject({
  id: z.string(),
  kind: z.enum(['people', 'crew']),
  client: z.enum(['http', 'browser']),
  all: RouteStats,
  routes: z.partialRecord(z.enum(LIVE_ROUTES), RouteStats),
});
const Side = z.looseObject({ requests: Count, errors: Count, p95: Num });
const TrafficSecond = z.looseObject({
  t: Count, at: Num, people: Side, bots: Side, flood: z.looseObject({ requests: Count, errors: Count }).optional(),
});
const Flood = z.looseObject({
  name: z.string(), path: z.string(), connections: Count, rate: Num, seconds: Num, requests: Count, rps: Num,
  statuses: Counts, errors: Count, timeouts: Count, latency: Latency,
});
const Reconciliation = z.looseObject({
  ok: z.boolean(), harnessBookings: Count, targetBookings: Count,
  missingInTarget: z.array(z.string()), unknownToHarness: z.array(z.string()), doubleBooked: z.array(z.string()),
});

export const LiveBlock = z.looseObject({
  schema: z.literal(LIVE_SCHEMA),
  target: z.looseObject({ url: z.string(), startedByHarness: z.boolean(), driver: z.string() }),
  wallSeconds: Num,
  raceSpeed: Num,
  raceWindows: z.array(z.looseObject({ start: Num, end: Num })),
  populations: z.array(Population).min(1),
  traffic: z.array(TrafficSecond),
  floods: z.array(Flood),
  reconciliation: Reconciliation,
});

/**
 * The first live block whose schema this guichet does not read, with its JSON path, so the
 * message names it rather than listing every field a newer version changed.
 */
export function unknownLiveSchema(value: unknown): { path: string; schema: unknown } | undefined {
  const policies = (value as { policies?: unknown } | null)?.policies;
  if (!Array.isArray(policies)) return undefined;
  for (const [p, policy] of policies.entries()) {
    const runs = (policy as { runs?: unknown } | null)?.runs;
    if (!Array.isArray(runs)) continue;
    for (const [r, run] of runs.entries()) {
      const live = (run as { live?: unknown } | null)?.live;
      if (live === undefined) continue;
      const schema = (live as { schema?: unknown } | null)?.schema;
      if (schema !== LIVE_SCHEMA) return { path: `policies[${p}].runs[${r}].live.schema`, schema: schema ?? null };
    }
  }
  return undefined;
}
