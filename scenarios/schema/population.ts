/**
 * Who uses the booking site: groups of legitimate users (personas) and scalper crews.
 * Defaults that depend on other fields (a crew's jitter, IPs, identities) are resolved here,
 * so the engine and bots read plain numbers.
 */
import { z } from 'zod';
import { CounterId } from '../../target/domain/policy.js';
import { ActiveHours, DayRange, Id, LocalText, Median, Share } from './common.js';

export const LegitGroupSchema = z.strictObject({
  group: Id.describe('unique id of the group, used in reports'),
  label: LocalText.optional().describe('name shown in reports: text, or { fr: …, en: … }; default the id'),
  counter: CounterId.describe('the counter they need, one of target.counters'),
  arrivals: z.strictObject({
    perWeek: z.number().positive().describe('mean Poisson arrivals per week over the run'),
  }),
  needLeadDays: DayRange.optional().describe('days between arrival and the date they need the appointment'),
  deadlineDays: DayRange.describe('days from arrival to their permit expiry (deadline)'),
  checksPerDay: Median.describe('visits to the site per day (attentiveness)'),
  activeHours: ActiveHours.default('08:00-22:00').describe('when they look; "00:00-24:00" for people relaying day and night'),
  captcha: z.strictObject({
    solveSeconds: Median,
    failRate: Share,
  }).default({ solveSeconds: { median: 10 }, failRate: 0.1 }),
  bookSeconds: Median.default({ median: 120 }).describe('time to fill the booking form'),
  sharedIp: Share.default(0).describe('share behind a shared IP (cybercafé, association, carrier NAT)'),
  sharedEmail: Share.default(0).describe('share using an e-mail address shared with others'),
  nameTyping: z.strictObject({
    exact: Share.describe('share typing their name exactly as on their papers'),
  }).default({ exact: 1 }),
  agdref: z.boolean().default(true).describe('whether they have an AGDREF number (renewals do)'),
  buyAfterDays: z.number().min(0).optional().describe('days without a slot after which they will buy one from a scalper'),
  willingToPayEur: z.strictObject({ median: z.number().min(0) }).optional(),
  showUpRate: Share.default(0.95).describe('share showing up at the counter'),
});
export type LegitGroup = z.output<typeof LegitGroupSchema>;

export const STRATEGIES = ['sniper', 'hoarder', 'broker', 'double-seller'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const CaptchaSolverSchema = z.strictObject({
  latencySeconds: z.number().positive(),
  usdPer1000: z.number().min(0),
  accuracy: Share,
});
export type CaptchaSolver = z.output<typeof CaptchaSolverSchema>;

export const ScalperCrewSchema = z.strictObject({
  crew: Id.describe('unique id of the crew'),
  label: LocalText.optional().describe('name shown in reports: text, or { fr: …, en: … }; default the id'),
  strategy: z.enum(STRATEGIES),
  agents: z.number().int().min(1).max(10_000),
  counter: CounterId.optional().describe('a single counter; default all counters'),
  pollEverySeconds: z.number().min(0.1).max(7200),
  jitterSeconds: z.number().min(0).optional().describe('default 10 % of pollEverySeconds'),
  bookSeconds: z.number().positive().default(1),
  ips: z.number().int().min(1).optional().describe('distinct IPs of the fleet; default one per agent'),
  identities: z.number().int().min(1).optional().describe('fake identities / e-mails; default 10 per agent'),
  captchaSolver: CaptchaSolverSchema.optional(),
  priceEur: z.number().min(0),
  maxHeld: z.number().int().min(1).optional().describe('stop booking when this many unsold slots are held'),
  sellsPerSlot: z.number().int().min(1).max(100).optional().describe('buyers per slot; double-seller default 2'),
}).superRefine((c, ctx) => {
  if (c.jitterSeconds !== undefined && c.jitterSeconds > c.pollEverySeconds) {
    ctx.addIssue({
      code: 'custom', path: ['jitterSeconds'], input: c.jitterSeconds,
      message: `jitter (${c.jitterSeconds} s) is larger than the poll interval (${c.pollEverySeconds} s)`,
    });
  }
}).transform((c) => ({
  ...c,
  jitterSeconds: c.jitterSeconds ?? c.pollEverySeconds / 10,
  ips: c.ips ?? c.agents,
  identities: c.identities ?? 10 * c.agents,
  sellsPerSlot: c.sellsPerSlot ?? (c.strategy === 'double-seller' ? 2 : 1),
}));
export type ScalperCrew = z.output<typeof ScalperCrewSchema>;

export const PopulationSchema = z.strictObject({
  legit: z.array(LegitGroupSchema).min(1).describe('groups of people who need an appointment'),
  scalpers: z.array(ScalperCrewSchema).default([]),
});
export type Population = z.output<typeof PopulationSchema>;

export const MarketSchema = z.strictObject({
  eurPerUsd: z.number().positive().default(0.92),
  resaleLeadDays: z.number().min(0).default(2).describe('hoarders cancel unsold slots this many days before they start'),
}).default({ eurPerUsd: 0.92, resaleLeadDays: 2 });
export type Market = z.output<typeof MarketSchema>;
