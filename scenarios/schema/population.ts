/**
 * Who uses the booking site: groups of legitimate users (personas) and scalper crews.
 * Defaults that depend on other fields (a crew's jitter, IPs, identities) are resolved here,
 * so the engine and bots read plain numbers.
 */
import { z } from 'zod';
import { atMost, CounterId } from '../../target/domain/policy.js';
import { DayRange, MAX, medianUpTo, upTo } from './bounds.js';
import { ActiveHours, Id, LocalText, Share } from './common.js';
import { Client } from './live.js';

export const LegitGroupSchema = z.strictObject({
  group: Id.describe('unique id of the group, used in reports'),
  client: Client.optional(),
  label: LocalText.optional().describe('name shown in reports: text, or { fr: …, en: … }; default the id'),
  counter: CounterId.describe('the counter they need, one of target.counters'),
  arrivals: z.strictObject({
    perWeek: upTo(MAX.arrivalsPerWeek).positive().describe('mean Poisson arrivals per week over the run, at most 10,000'),
  }),
  needLeadDays: DayRange.optional().describe('days between arrival and the date they need the appointment, at most 730'),
  deadlineDays: DayRange.describe('days from arrival to their permit expiry (deadline), at most 730'),
  checksPerDay: medianUpTo(MAX.checksPerDay).describe('visits to the site per day (attentiveness), at most 1,440 (once a minute)'),
  activeHours: ActiveHours.default('08:00-22:00').describe('when they look; "00:00-24:00" for people relaying day and night'),
  captcha: z.strictObject({
    solveSeconds: medianUpTo(MAX.seconds).describe('seconds to solve a captcha, at most 3,600'),
    failRate: Share,
  }).default({ solveSeconds: { median: 10 }, failRate: 0.1 }),
  bookSeconds: medianUpTo(MAX.seconds).default({ median: 120 }).describe('seconds to fill the booking form, at most 3,600'),
  sharedIp: Share.default(0).describe('share behind a shared IP (cybercafé, association, carrier NAT)'),
  sharedEmail: Share.default(0).describe('share using an e-mail address shared with others'),
  nameTyping: z.strictObject({
    exact: Share.describe('share typing their name exactly as on their papers'),
  }).default({ exact: 1 }),
  agdref: z.boolean().default(true).describe('whether they have an AGDREF number (renewals do)'),
  buyAfterDays: upTo(MAX.days).min(0).optional().describe('days without a slot after which they will buy one from a scalper, at most 730'),
  willingToPayEur: z.strictObject({ median: upTo(MAX.priceEur).min(0) }).optional().describe('price they accept for a slot, at most 10,000 €'),
  showUpRate: Share.default(0.95).describe('share showing up at the counter'),
  laterVisits: upTo(5).min(0).default(0).describe('appointments a person must book online after the first one is served (a file incomplete, a further step), on average, at most 5; default 0'),
});
export type LegitGroup = z.output<typeof LegitGroupSchema>;

export const STRATEGIES = ['sniper', 'hoarder', 'broker', 'double-seller'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const CaptchaSolverSchema = z.strictObject({
  latencySeconds: upTo(MAX.seconds).positive().describe('seconds per captcha, at most 3,600'),
  usdPer1000: upTo(MAX.usdPer1000).min(0).describe('price of 1,000 captchas, at most 1,000 $'),
  accuracy: Share,
});
export type CaptchaSolver = z.output<typeof CaptchaSolverSchema>;

/**
 * A crew bound by its business (bots/business.ts): one more booking costs it money, and it expects
 * to sell only as many slots as buyers ask for, so it stops booking when one more slot would
 * probably not sell at a profit.
 */
export const CrewBusinessSchema = z.strictObject({
  costPerBookingEur: upTo(MAX.priceEur).min(0).describe('what one more booking costs the crew (a fake identity, its share of the fleet), solver fees apart, at most 10,000 €'),
  expectedOrdersPerWeek: upTo(MAX.arrivalsPerWeek).min(0).describe('buyers a week the crew counts on before it has watched the market for demandWindowDays, at most 10,000'),
  demandWindowDays: upTo(MAX.days).min(1).default(28).describe('days of orders seen on the market from which the crew estimates demand, at most 730'),
  costPerEntryEur: upTo(MAX.priceEur).min(0).optional()
    .describe('what one lottery entry or one waiting-room session costs the crew (an identity registered, a session of the fleet), at most 10,000 €; default costPerBookingEur'),
  entry: z.strictObject({
    startAgents: upTo(MAX.agentsPerCrew).int().min(0).default(1).describe('agents at work at the start, at most the crew\'s agents; default 1'),
    reviewDays: upTo(MAX.days).min(1).default(7).describe('days between two looks at the margin, at most 730; default 7'),
  }).optional().describe('endogenous entry (bots/crew-entry.ts): agents go to work while scalping pays and stop when it does not; default none (all agents work)'),
});
export type CrewBusiness = z.output<typeof CrewBusinessSchema>;

export const ScalperCrewSchema = z.strictObject({
  client: Client.optional(),
  crew: Id.describe('unique id of the crew'),
  label: LocalText.optional().describe('name shown in reports: text, or { fr: …, en: … }; default the id'),
  strategy: z.enum(STRATEGIES),
  agents: z.number().int().min(1).max(MAX.agentsPerCrew, atMost(MAX.agentsPerCrew)).describe('bots of the crew, at most 10,000'),
  counter: CounterId.optional().describe('a single counter; default all counters'),
  pollEverySeconds: upTo(MAX.pollEverySeconds).min(0.1).describe('seconds between two looks at the slot list, 0.1 to 7,200'),
  jitterSeconds: upTo(MAX.pollEverySeconds).min(0).optional().describe('default 10 % of pollEverySeconds'),
  bookSeconds: upTo(MAX.seconds).positive().default(1).describe('seconds to book, at most 3,600'),
  ips: upTo(MAX.ipsPerCrew).int().min(1).optional().describe('distinct IPs of the fleet, at most 100,000; default one per agent'),
  identities: upTo(MAX.identitiesPerCrew).int().min(1).optional().describe('fake identities / e-mails, at most 100,000; default 10 per agent'),
  captchaSolver: CaptchaSolverSchema.optional(),
  priceEur: upTo(MAX.priceEur).min(0).describe('resale price of a slot, at most 10,000 €'),
  maxHeld: upTo(MAX.heldSlots).int().min(1).optional().describe('stop booking when this many unsold slots are held, at most 100,000'),
  sellsPerSlot: upTo(MAX.buyersPerSlot).int().min(1).optional().describe('buyers per slot, at most 100; double-seller default 2'),
  business: CrewBusinessSchema.optional().describe('what bookings cost the crew and the demand it expects: it books one more slot only while that is worth it; default none (books all it can hold)'),
  mules: z.strictObject({
    count: upTo(MAX.identitiesPerCrew).int().min(1).describe('real people who lend the crew their papers, at most 100,000'),
    eurPerBooking: upTo(MAX.priceEur).min(0).describe('what a mule is paid each time a slot is booked in their name, at most 10,000 €'),
  }).optional().describe("real, registry-known identities among the crew's: bookings in their name pass the registry check"),
}).superRefine((c, ctx) => {
  if (c.mules && c.mules.count > (c.identities ?? 10 * c.agents)) {
    ctx.addIssue({
      code: 'custom', path: ['mules', 'count'], input: c.mules.count,
      message: `${c.mules.count} mules is more than the crew's ${c.identities ?? 10 * c.agents} identities (mules are some of them)`,
    });
  }
  if (c.business?.entry && (c.business.entry.startAgents ?? 1) > c.agents) {
    ctx.addIssue({
      code: 'custom', path: ['business', 'entry', 'startAgents'], input: c.business.entry.startAgents,
      message: `${c.business.entry.startAgents} agents at the start is more than the crew's ${c.agents}`,
    });
  }
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

/**
 * How people behind a shared address are spread over addresses: some sit in the crews' own
 * cybercafés (the hoarders' and double-sellers' IPs), the rest behind carrier NATs or an
 * association's line, `usersPerIp` to an address. The defaults are the values the model had
 * before they were settings, so that older scenarios give the same results.
 */
export const SharedIpsSchema = z.strictObject({
  usersPerIp: upTo(MAX.usersPerSharedIp).int().min(1).default(150)
    .describe('people behind one carrier-NAT or association address, at most 100,000; default 150 (Cloudflare: > 100 behind one IPv4)'),
  cybercafeShare: Share.default(0.5)
    .describe("share of people behind a shared address who use a crew's cybercafé (when a crew has one); default 0.5"),
}).default({ usersPerIp: 150, cybercafeShare: 0.5 });
export type SharedIps = z.output<typeof SharedIpsSchema>;

export const PopulationSchema = z.strictObject({
  legit: z.array(LegitGroupSchema).min(1).max(MAX.groups).describe('groups of people who need an appointment, at most 100'),
  scalpers: z.array(ScalperCrewSchema).max(MAX.crews).default([]).describe('scalper crews, at most 100'),
  sharedIps: SharedIpsSchema.describe('how people behind shared addresses (groups\' `sharedIp`) are spread over addresses'),
});
export type Population = z.output<typeof PopulationSchema>;

export const MarketSchema = z.strictObject({
  eurPerUsd: upTo(MAX.eurPerUsd).positive().default(0.92).describe('exchange rate, at most 10'),
  resaleLeadDays: upTo(MAX.days).min(0).default(2).describe('hoarders cancel unsold slots this many days before they start, at most 730'),
}).default({ eurPerUsd: 0.92, resaleLeadDays: 2 });
export type Market = z.output<typeof MarketSchema>;
