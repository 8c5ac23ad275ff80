/**
 * The `load:` section: raw floods (autocannon) sent while a live run's agents play, e.g. bots
 * polling the slot list at 2,000 requests/s, to see whether people still get through. Each entry
 * is bounded in time and in count (bounds.ts); live runs only (a simulation sends no request).
 */
import { z } from 'zod';
import { atMost, CounterId } from '../../target/domain/policy.js';
import { MAX } from './bounds.js';
import { Id } from './common.js';

/** the documentation address (RFC 5737) a `from: one-ip` flood comes from */
export const FLOOD_ONE_IP = '203.0.113.250';

const whole = (min: number, max: number) => z.number().int().min(min).max(max, atMost(max));

export const LoadEntrySchema = z.strictObject({
  name: Id.describe('unique name of the flood, used in reports'),
  path: z.string().regex(/^\/[^\s]*$/, 'expected a path on the target starting with "/", e.g. "/api/counters/renewal/slots"').optional()
    .describe('GET path flooded on the target; give it or `counter`'),
  counter: CounterId.optional().describe('floods /api/counters/<counter>/slots, the slot list bots poll; give it or `path`'),
  rate: whole(1, MAX.floodRate).describe('requests per second asked for, overall, after the ramp; at most 20,000'),
  connections: whole(1, MAX.floodConnections).default(10).describe('sockets kept open to the target, at most 1,000'),
  rampSeconds: z.number().min(0).max(MAX.floodSeconds, atMost(MAX.floodSeconds)).default(0)
    .describe('seconds of linear ramp from ~0 to `rate` (in at most 4 stages), at most `seconds`'),
  during: z.enum(['race', 'run']).default('race')
    .describe("race: during each release's race window of the live run; run: from the start of the live run to its end"),
  seconds: z.number().positive().max(MAX.floodSeconds, atMost(MAX.floodSeconds))
    .describe('hard bound: each flood (each race window with `during: race`) lasts at most this many seconds; at most 600'),
  maxRequests: whole(1, MAX.floodRequests).describe('hard bound: each flood sends at most this many requests; at most 5,000,000'),
  from: z.enum(['crews', 'one-ip']).default('crews')
    .describe(`crews: X-Forwarded-For rotates over the scalper crews' fleet IPs; one-ip: every request from ${FLOOD_ONE_IP}`),
}).superRefine((entry, ctx) => {
  if ((entry.path === undefined) === (entry.counter === undefined)) {
    ctx.addIssue({
      code: 'custom', path: entry.path === undefined ? [] : ['counter'], input: entry.counter,
      message: entry.path === undefined ? 'give the flooded `path` or a `counter` (whose slot list is flooded)' : 'give `path` or `counter`, not both',
    });
  }
  if (entry.rampSeconds > entry.seconds) {
    ctx.addIssue({
      code: 'custom', path: ['rampSeconds'], input: entry.rampSeconds,
      message: `rampSeconds (${entry.rampSeconds}) is longer than seconds (${entry.seconds}): the flood would end before its full rate`,
    });
  }
});

export const LoadSchema = z.array(LoadEntrySchema).max(20, 'at most 20 floods');

export type LoadEntry = z.output<typeof LoadEntrySchema>;

/** The path a `load:` entry floods. */
export function loadPath(entry: Pick<LoadEntry, 'path' | 'counter'>): string {
  return entry.path ?? `/api/counters/${entry.counter ?? ''}/slots`;
}
