/**
 * The target's configuration: counters (calendar) and policy (release + measures + flaws).
 * Written in the user-facing units of scenario files ("8w", "20:00", "sun"), validated by zod,
 * strict (unknown keys are errors, as in k6 options). The scenario schema embeds these schemas
 * so that a scenario's `policy:` and `guichet target --policy` accept exactly the same thing.
 */
import { z } from 'zod';
import { CLOCK_RE, DURATION_RE, HOURS_RE, WEEKDAYS } from './time-units.js';

export const Duration = z.string().regex(DURATION_RE, 'expected a duration such as "90s", "15m", "8w"');
export const ClockTime = z.string().regex(CLOCK_RE, 'expected a time of day "HH:MM"');
export const Hours = z.string().regex(HOURS_RE, 'expected opening hours "HH:MM-HH:MM"')
  .refine((h) => h.slice(0, 5) < h.slice(6), 'opening hours must end after they start');
export const Weekday = z.enum(WEEKDAYS);
export const CounterId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lowercase id such as "renewal"');

export const CounterSchema = z.strictObject({
  label: z.string().min(1).optional(),
  days: z.array(Weekday).min(1),
  hours: Hours,
  slotMinutes: z.number().int().min(5).max(240),
  desks: z.number().int().min(1).max(100),
});
export type CounterConfig = z.infer<typeof CounterSchema>;
export const CountersSchema = z.record(CounterId, CounterSchema)
  .refine((c) => Object.keys(c).length > 0, 'at least one counter is needed');

/** "mon-fri 08:00-18:00" */
const WINDOW_RE = /^(mon|tue|wed|thu|fri|sat|sun)-(mon|tue|wed|thu|fri|sat|sun) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/;
export const WeekWindow = z.string().regex(WINDOW_RE, 'expected a window such as "mon-fri 08:00-18:00"')
  .refine((w) => w.slice(8, 13) < w.slice(14), 'the window\'s hours must end after they start');

export const ReleaseSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('weekly'),
    day: Weekday,
    at: ClockTime,
    horizon: Duration,
  }),
  z.strictObject({
    kind: z.literal('random'),
    batchesPerWeek: z.number().int().min(1).max(1000),
    window: WeekWindow,
    horizon: Duration,
  }),
  z.strictObject({
    kind: z.literal('continuous'),
    horizon: Duration,
  }),
  z.strictObject({
    kind: z.literal('lottery'),
    day: Weekday,
    at: ClockTime,
    /** registration closes at the draw and opens this long before it */
    registration: Duration.default('7d'),
    horizon: Duration,
  }),
  z.strictObject({
    kind: z.literal('waiting-room'),
    day: Weekday,
    at: ClockTime,
    /** arrivals this long before the release are pre-queued and shuffled */
    preQueue: Duration.default('30m'),
    /** visitors let through per minute once the release starts */
    admitPerMinute: z.number().int().min(1).max(100_000).default(60),
    horizon: Duration,
  }),
]);
export type ReleaseConfig = z.infer<typeof ReleaseSchema>;

const Bucket = z.strictObject({
  capacity: z.number().int().min(1),
  refillPerMinute: z.number().positive(),
});

export const MeasuresSchema = z.strictObject({
  captcha: z.strictObject({
    kind: z.enum(['challenge', 'proof-of-work']),
    /** leading zero bits of SHA-256 for proof-of-work (17 ≈ ALTCHA's 100k) */
    difficulty: z.number().int().min(1).max(32).default(17),
    ttl: Duration.default('2m'),
  }).optional(),
  identityLimit: z.strictObject({
    perEmail: z.number().int().min(1).optional(),
    perAgdref: z.number().int().min(1).optional(),
    perPhone: z.number().int().min(1).optional(),
    /** Hérault 2019: all bookings of one e-mail beyond the first are deleted at each release */
    purgeDuplicates: z.boolean().default(false),
  }).optional(),
  exactName: z.strictObject({
    atCheckIn: z.boolean().default(true),
  }).optional(),
  registryCheck: z.strictObject({
    counters: z.array(CounterId).min(1),
  }).optional(),
  rateLimit: z.strictObject({
    perIp: Bucket.optional(),
    perSession: Bucket.optional(),
  }).optional(),
  emailConfirmation: z.strictObject({
    within: Duration.default('30m'),
  }).optional(),
  capacity: z.strictObject({
    extraDesks: z.number().int().min(0).max(100).default(0),
    extraDays: z.array(Weekday).default([]),
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

/** What `guichet target --policy` and `PUT /admin/policy` take: a policy, counters optional. */
export const TargetConfigSchema = PolicySchema.extend({ counters: CountersSchema.optional() });
export type TargetConfigInput = z.input<typeof TargetConfigSchema>;

export const DEFAULT_COUNTERS: Record<string, CounterConfig> = {
  renewal: { label: 'Renouvellement de titre de séjour', days: ['mon', 'tue', 'thu', 'fri'], hours: '08:30-12:00', slotMinutes: 15, desks: 4 },
  'first-request': { label: 'Première demande', days: ['mon', 'tue', 'wed', 'thu', 'fri'], hours: '13:30-16:30', slotMinutes: 30, desks: 2 },
  'exceptional-admission': { label: 'Admission exceptionnelle au séjour', days: ['wed'], hours: '09:00-12:00', slotMinutes: 30, desks: 2 },
};

export const DEFAULT_POLICY: Policy = PolicySchema.parse({
  release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: '8w' },
});
