/**
 * The target's configuration: counters (calendar) and policy (release + measures + flaws).
 * Written in the user-facing units of scenario files ("8w", "20:00", "sun"), validated by zod,
 * strict (unknown keys are errors, as in k6 options). The scenario schema embeds these schemas
 * so that a scenario's `policy:` and `guichet target --policy` accept exactly the same thing.
 */
import { z } from 'zod';
import { CLOCK_RE, DURATION_RE, durationMs, HOURS_RE, hoursRange, WEEKDAYS } from './time-units.js';

export const Duration = z.string().regex(DURATION_RE, 'expected a duration such as "90s", "15m", "8w"');

/**
 * Upper bounds. Every count, rate and duration has one, so that an absurd value (perWeek: 1e9) is
 * bad input rather than a crash of Node. They are picked from what a préfecture could plausibly
 * be, with a wide margin: the largest handle a few thousand residence permits a week; a counter
 * (guichet) has a few dozen desks at most and opens a few months ahead (a year is the bound); a
 * captcha or an e-mail confirmation lasts minutes to days; rate-limit buckets and waiting rooms
 * admit at most thousands a minute. Bounds of the scenario's own fields are in
 * scenarios/schema/bounds.ts; what a whole run would cost in memory is checked before it starts.
 */

/** 1000000 → "1,000,000": how bounds are written */
export function groupedNumber(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 20 });
}

/** 10000 → "10,000"; 1e9 → "1e9": a large round number someone typed reads best as they likely typed it */
export function readableNumber(n: number): string {
  const grouped = groupedNumber(n);
  if (!Number.isFinite(n) || Math.abs(n) < 1e6) return grouped;
  const exponent = n.toExponential().replace('e+', 'e');
  // at most three significant digits (1e9, 2.5e7); 9007199254740991 stays grouped
  return /^-?\d(\.\d{1,2})?e/.test(exponent) ? exponent : grouped;
}

/** `must be at most 10,000, got 1e9`: zod's own wording names neither the field's bound nor the value */
export function atMost(max: number): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => `must be at most ${groupedNumber(max)}, got ${typeof issue.input === 'number' ? readableNumber(issue.input) : String(issue.input)}` };
}

/** a Duration of at most `max` (e.g. "52w") */
export function durationUpTo(max: string) {
  const limit = durationMs(max);
  return Duration.superRefine((d, ctx) => {
    if (DURATION_RE.test(d) && durationMs(d) > limit) ctx.addIssue({ code: 'custom', message: `must be at most ${max}, got "${d}"`, input: d });
  });
}
export const ClockTime = z.string().regex(CLOCK_RE, 'expected a time of day "HH:MM"');
export const Hours = z.string().regex(HOURS_RE, 'expected opening hours "HH:MM-HH:MM"')
  .refine((h) => h.slice(0, 5) < h.slice(6), 'opening hours must end after they start');
export const Weekday = z.enum(WEEKDAYS);
export const CounterId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase id such as "renewal"');

export const CounterSchema = z.strictObject({
  label: z.string().min(1).optional(),
  days: z.array(Weekday).min(1).max(7),
  hours: Hours,
  slotMinutes: z.number().int().min(5).max(240, atMost(240)).describe('length of one appointment, 5 to 240 minutes'),
  desks: z.number().int().min(1).max(100, atMost(100)).describe('desks serving in parallel, at most 100'),
});
export type CounterConfig = z.infer<typeof CounterSchema>;
export const MAX_COUNTERS = 50;
export const CountersSchema = z.record(CounterId, CounterSchema)
  .refine((c) => Object.keys(c).length > 0, 'at least one counter is needed')
  .refine((c) => Object.keys(c).length <= MAX_COUNTERS, `at most ${MAX_COUNTERS} counters`);

/** "mon-fri 08:00-18:00" */
const WINDOW_RE = /^(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
export const WeekWindow = z.string().regex(WINDOW_RE, 'expected a window such as "mon-fri 08:00-18:00"')
  .refine((w) => w.slice(8, 13) < w.slice(14), 'the window\'s hours must end after they start');

/** What a lottery may de-duplicate entries on: the e-mail address and the AGDREF (file) number. */
export const LOTTERY_KEYS = ['email', 'agdref'] as const;
export type LotteryKey = (typeof LOTTERY_KEYS)[number];

const Horizon = durationUpTo('52w').describe('how far ahead slots go online, at most "52w"');

export const ReleaseSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('weekly'),
    day: Weekday,
    at: ClockTime,
    horizon: Horizon,
  }),
  z.strictObject({
    kind: z.literal('random'),
    batchesPerWeek: z.number().int().min(1).max(1000, atMost(1000)).describe('release times per week, at most 1,000'),
    window: WeekWindow,
    horizon: Horizon,
  }),
  z.strictObject({
    /**
     * True batch release (Budish, Cramton & Shim 2015): slots go online weekly as `weekly` does,
     * but a booking request is not served on arrival. Requests are collected for `interval`
     * (batches start at the release), then served in a seeded random order at the batch's end,
     * one slot per request: being first within a batch is worth nothing.
     */
    kind: z.literal('batch'),
    day: Weekday,
    at: ClockTime,
    interval: durationUpTo('1d').refine((d) => !DURATION_RE.test(d) || durationMs(d) >= 1000, 'must be at least "1s"')
      .describe('booking requests are collected this long, then served in random order, "1s" to "1d"'),
    horizon: Horizon,
  }),
  z.strictObject({
    kind: z.literal('continuous'),
    horizon: Horizon,
  }),
  z.strictObject({
    kind: z.literal('lottery'),
    day: Weekday,
    at: ClockTime,
    /** registration closes at the draw and opens this long before it */
    registration: durationUpTo('26w').default('7d').describe('registration opens this long before the draw, at most "26w"'),
    /** absent: both, as before this was a setting (and no default, so older results stay byte-identical) */
    oneEntryPer: z.array(z.enum(LOTTERY_KEYS)).max(LOTTERY_KEYS.length).optional()
      .describe('registration fields a draw accepts once each: "email", "agdref"; default both, [] for none'),
    horizon: Horizon,
  }),
  z.strictObject({
    kind: z.literal('waiting-room'),
    day: Weekday,
    at: ClockTime,
    /** arrivals this long before the release are pre-queued and shuffled */
    preQueue: durationUpTo('1d').default('30m').describe('arrivals this long before the release are shuffled, at most "1d"'),
    /** visitors let through per minute once the release starts */
    admitPerMinute: z.number().int().min(1).max(100_000, atMost(100_000)).default(60).describe('visitors let through per minute, at most 100,000'),
    /** an admission is bound to the session that queued, and spent by its bookings (docs/design.md, waiting room) */
    bookingsPerAdmission: z.number().int().min(1).max(100, atMost(100)).default(1).describe('bookings one admission allows, at most 100'),
    /** Cloudflare's session duration: 5 minutes by default, 1 to 30 */
    admissionWindow: durationUpTo('7d').default('5m').describe('an admission expires this long after the visitor is let in, at most "7d"'),
    horizon: Horizon,
  }),
]);
export type ReleaseConfig = z.infer<typeof ReleaseSchema>;

const Bucket = z.strictObject({
  capacity: z.number().int().min(1).max(100_000, atMost(100_000)).describe('requests in a burst, at most 100,000'),
  refillPerMinute: z.number().positive().max(100_000, atMost(100_000)).describe('requests a minute in the long run, at most 100,000'),
});
const PerIdentity = z.number().int().min(1).max(100, atMost(100));

export const MeasuresSchema = z.strictObject({
  captcha: z.strictObject({
    kind: z.enum(['challenge', 'proof-of-work']),
    /** leading zero bits of SHA-256 for proof-of-work (17 ≈ ALTCHA's 100k) */
    difficulty: z.number().int().min(1).max(32, atMost(32)).default(17).describe('leading zero bits, at most 32'),
    ttl: durationUpTo('1d').default('2m').describe('how long a challenge stays valid, at most "1d"'),
  }).optional(),
  identityLimit: z.strictObject({
    perEmail: PerIdentity.optional().describe('active bookings per e-mail address, at most 100'),
    perAgdref: PerIdentity.optional().describe('active bookings per AGDREF number, at most 100'),
    perPhone: PerIdentity.optional().describe('active bookings per phone number, at most 100'),
    /** Hérault 2019: all bookings of one e-mail beyond the first are deleted at each release */
    purgeDuplicates: z.boolean().default(false),
    /** provider-dependent: absent or "standard", a "+tag" and dots make another address (storage/identity-keys.ts) */
    emailCanonical: z.enum(['standard', 'gmail-like']).optional()
      .describe('"gmail-like": a "+tag" and dots in the local part are ignored when comparing addresses (as Gmail delivers them), for every domain; default "standard"'),
    /** Unicode TR39-style skeleton for the common Cyrillic and Greek look-alikes (storage/confusables.ts) */
    confusables: z.enum(['off', 'skeleton']).optional()
      .describe('"skeleton": Cyrillic and Greek letters that look Latin (а, е, ο…) compare as the Latin letter; default "off"'),
  }).optional(),
  exactName: z.strictObject({
    atCheckIn: z.boolean().default(true),
  }).optional(),
  registryCheck: z.strictObject({
    counters: z.array(CounterId).min(1).max(MAX_COUNTERS),
  }).optional(),
  rateLimit: z.strictObject({
    perIp: Bucket.optional(),
    perSession: Bucket.optional(),
  }).optional(),
  emailConfirmation: z.strictObject({
    within: durationUpTo('7d').default('30m').describe('time to confirm by e-mail, at most "7d"'),
  }).optional(),
  capacity: z.strictObject({
    extraDesks: z.number().int().min(0).max(100, atMost(100)).default(0).describe('desks added to every counter, at most 100'),
    extraDays: z.array(Weekday).max(7).default([]),
  }).optional(),
});
export type MeasuresConfig = z.infer<typeof MeasuresSchema>;

export const FLAWS = ['captcha-replay', 'captcha-client-side-only', 'non-atomic-booking'] as const;
export type Flaw = (typeof FLAWS)[number];

export const PolicySchema = z.strictObject({
  release: ReleaseSchema,
  measures: MeasuresSchema.default({}),
  flaws: z.array(z.enum(FLAWS)).default([]),
});
export type Policy = z.infer<typeof PolicySchema>;
export type PolicyInput = z.input<typeof PolicySchema>;

/** Slots a week the counters offer, with a policy's extra capacity. */
export function slotsPerWeek(counters: Record<string, CounterConfig>, capacity?: MeasuresConfig['capacity']): number {
  return Object.values(counters).reduce((sum, c) => {
    const [from, to] = hoursRange(c.hours);
    const days = new Set([...c.days, ...(capacity?.extraDays ?? [])]).size;
    return sum + days * Math.floor((to - from) / c.slotMinutes) * (c.desks + (capacity?.extraDesks ?? 0));
  }, 0);
}

/**
 * Slots the target may hold ahead of its clock (one horizon and a week). Each field may be within
 * its bound and the product still absurd (50 counters of 200 desks open day and night, a year
 * ahead: a billion slots). A busy préfecture holds tens of thousands.
 */
export const MAX_SLOTS_AHEAD = 1_000_000;

/** What `guichet target --policy` and `PUT /admin/policy` take: a policy, counters optional. */
export const TargetConfigSchema = PolicySchema.extend({ counters: CountersSchema.optional() }).superRefine((c, ctx) => {
  if (!c.counters) return;
  const ahead = slotsPerWeek(c.counters, c.measures.capacity) * (durationMs(c.release.horizon) / durationMs('1w') + 1);
  if (ahead > MAX_SLOTS_AHEAD) {
    ctx.addIssue({
      code: 'custom', path: ['counters'], input: c.counters,
      message: `these counters would hold about ${groupedNumber(Math.ceil(ahead))} slots ahead (horizon and a week); at most ${groupedNumber(MAX_SLOTS_AHEAD)}: fewer desks or counters, or a shorter horizon`,
    });
  }
});
export type TargetConfigInput = z.input<typeof TargetConfigSchema>;

export const DEFAULT_COUNTERS: Record<string, CounterConfig> = {
  renewal: { label: 'Renouvellement de titre de séjour', days: ['mon', 'tue', 'thu', 'fri'], hours: '08:30-12:00', slotMinutes: 15, desks: 4 },
  'first-request': { label: 'Première demande', days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '13:30-16:30', slotMinutes: 30, desks: 2 },
  'exceptional-admission': { label: 'Admission exceptionnelle au séjour', days: ['wed'], hours: '09:00-12:00', slotMinutes: 30, desks: 2 },
};

export const DEFAULT_POLICY: Policy = PolicySchema.parse({
  release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '8w' },
});
