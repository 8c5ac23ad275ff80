/**
 * What an agent knows of the world. Time and randomness come only from here: agents never read
 * the wall clock or Math.random, so a run is reproducible and the same code runs in every mode.
 */
import type { LegitGroup, Market, ScalperCrew } from '../scenarios/schema.js';
import type { Convocation, Identity } from './actions.js';
import type { DemandBook } from './business.js';
import type { CrewEntry } from './crew-entry.js';

/** The seeded stream of one agent (engine/rng.ts's Rng satisfies it). */
export interface RandomStream {
  next(): number;
  int(n: number): number;
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  normal(): number;
  lognormal(median: number, sigma: number): number;
  exponential(mean: number): number;
}

/** What a server sees of a client. */
export interface Network {
  ip: string;
  session: string;
  userAgent: string;
}

export interface AgentContext {
  readonly id: string;
  readonly rng: RandomStream;
  now(): number;
  readonly net: Network;
  /** the measures in force, as the préfecture announces them (public knowledge) */
  readonly rules: PublicRules;
  /**
   * Next release (or lottery draw) strictly after `after` when its time is public (weekly,
   * lottery, waiting room); undefined for random or continuous release.
   */
  announcedRelease(after: number): number | undefined;
  /** minutes after local (Paris) midnight of instant t */
  localMinuteOfDay(t: number): number;
}

/** What anyone can learn of the policy in force, in numbers (the engine derives it from the Policy). */
export interface PublicRules {
  release: 'weekly' | 'batch' | 'random' | 'continuous' | 'lottery' | 'waiting-room';
  /** a captcha must be solved before booking */
  captcha?: { kind: 'challenge' | 'proof-of-work'; difficulty: number };
  /** flaw: one solved captcha can be replayed */
  captchaReplay: boolean;
  /** flaw: a booking's checks and its write are apart, so bookings sent together are checked against the same state */
  nonAtomicBooking: boolean;
  exactNameAtCheckIn: boolean;
  purgeDuplicates: boolean;
  perEmail?: number;
  /** counters where the AGDREF number must match the name */
  registryCounters: readonly string[];
  /** bookings must be confirmed from the e-mail within this delay */
  confirmWithinMs?: number;
  /** lottery: registration opens this long before the draw */
  lotteryRegistrationMs?: number;
  /** lottery: the registration fields accepted once per draw (none: duplicate entries all count) */
  lotteryOneEntryPer?: readonly ('email' | 'agdref')[];
  /** waiting room: arrivals this long before the release are shuffled */
  preQueueMs?: number;
  /** waiting room: bookings one admission allows, and how long it lasts once let in */
  bookingsPerAdmission?: number;
  admissionWindowMs?: number;
}

/** A person who needs an appointment (see personas.ts). */
export interface Persona {
  group: string;
  index: number;
  /** name as written on their papers: what the counter checks */
  papers: { firstName: string; lastName: string };
  /** what they type in forms: maybe a variant of their name; their e-mail, phone, AGDREF */
  identity: Identity;
  /** where the name comes from, for realism of the population (not used by any rule) */
  origin: string;
  counter: string;
  arrivalAt: number;
  needAt: number;
  deadlineAt: number;
  checksPerDay: number;
  /** [from, to) minutes after local midnight */
  activeHours: readonly [number, number];
  captchaSeconds: number;
  captchaFailRate: number;
  formSeconds: number;
  /** proof-of-work speed of their device */
  hashesPerSecond: number;
  /** minutes until they read a confirmation e-mail */
  mailDelayMinutes: number;
  sharedEmail: boolean;
  /** after this many days without a slot they will buy one; undefined: never */
  buyAfterDays?: number;
  willingToPayEur: number;
  showsUp: boolean;
  /** appointments they must book after their first is served (incomplete file, further step) */
  laterVisits: number;
}

export interface LegitContext extends AgentContext {
  readonly persona: Persona;
  readonly group: LegitGroup;
}

/** A slot a crew holds, and what became of it on the market. */
export interface Holding {
  convocation: Convocation;
  /** fake identity index used to book it */
  identity: number;
  /** id of the agent that booked it (and will cancel or transfer it) */
  agent: string;
  /** a buyer paid for it: no longer to be cancelled */
  sold: boolean;
}

/** State shared by the agents of one crew (they coordinate, as a cybercafé team does). */
export interface CrewState {
  readonly crew: ScalperCrew;
  held: Map<string, Holding>;
  /** holdings not sold yet (what maxHeld caps) */
  unsold: number;
  /** fake identities: index → identity (built lazily by the crew's identity factory) */
  identity(i: number): Identity;
  /** live bookings per fake identity (e-mail), for purge and per-e-mail limits */
  identityUse: Int32Array;
  /** rotation pointer over the identities */
  nextIdentity: number;
  /** counters where the crew's fake identities are refused (registry check): it stops trying */
  blockedCounters: Set<string>;
  /** a crew bound by its business: the demand it has seen (bots/business.ts); none books all it can hold */
  business?: DemandBook;
  /** endogenous entry: how many agents work, and the margin since the last review (bots/crew-entry.ts) */
  entry?: CrewEntry;
  /** lottery: the entries whose results the crew has read, and how many won (bots/entry-costs.ts) */
  draws: { entries: number; wins: number };
}

export interface CrewContext extends AgentContext {
  readonly crew: ScalperCrew;
  readonly state: CrewState;
  readonly market: Market;
  readonly agentIndex: number;
  /** the counter this agent works on */
  readonly counter: string;
}
