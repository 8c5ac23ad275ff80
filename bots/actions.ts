/**
 * The vocabulary between agents and drivers. An agent is a generator that yields an Action and
 * receives its Outcome; the same agent code runs against the in-process target (sim), over HTTP
 * (live) or in a browser page. Actions are plain data: a driver may log, replay or send them.
 */
import type { ErrorCode } from '../target/domain/errors.js';
import type { Identity, RefusalReason } from '../target/domain/types.js';

export type { Identity };

export interface SlotInfo {
  id: string;
  counter: string;
  /** epoch ms of the appointment */
  start: number;
}

export interface ChallengeInfo {
  id: string;
  kind: 'challenge' | 'proof-of-work';
  prompt: string;
  difficulty?: number;
  expiresAt: number;
}

/** Who solves a captcha, and how well. */
export type Solver =
  /** a person typing it: takes `seconds`, wrong with probability failRate */
  | { kind: 'human'; seconds: number; failRate: number }
  /** a solving farm (2Captcha-like): latency, price, accuracy */
  | { kind: 'farm'; latencySeconds: number; usdPer1000: number; accuracy: number }
  /** proof-of-work computed on the agent's own device */
  | { kind: 'cpu'; hashesPerSecond: number };

/** What the holder of a booking has: enough to cancel it, show it, or sell it. */
export interface Convocation {
  bookingId: string;
  token: string;
  slotId: string;
  counter: string;
  slotStart: number;
  /** the name printed on it */
  name: string;
}

/** How a scalper hands a slot to a buyer (docs/design.md, The market). */
export type SaleMode = 'handover' | 'transfer' | 'to-order';

/**
 * What the market tells a crew as a whole, the moment it happens, through the handler the crew
 * registers with it (bots/crew.ts, `crewNotices`). Not an inbox message: a message in the seller's
 * inbox wakes it out of its watch (a new watch, new jitter draws), which changes the order of
 * events and so every figure of a run, while the sale is bookkeeping of the crew that must count
 * at once (what the crew still holds unsold caps its next bookings).
 */
export type CrewNotice =
  /** a buyer paid for this held booking (hand-over) or a transfer to a buyer was arranged */
  | { kind: 'sold'; bookingId: string }
  /**
   * a buyer asked for a slot on this counter at up to this price, among `sellers` crews that stock
   * slots there at a price they accept (what a crew reads of demand on the messaging apps)
   */
  | { kind: 'demand'; counter: string; maxPriceEur: number; sellers: number; at: number };

/** Messages the market puts in an agent's inbox. */
export type MarketMessage =
  /** to a buyer: the convocation they paid for */
  | { kind: 'delivered'; orderId: string; convocation: Convocation; priceEur: number; crew: string; mode: SaleMode }
  /** to a buyer: the seller could not deliver (lost the rebooking race); money refunded */
  | { kind: 'failed'; orderId: string; crew: string }
  /** to a seller: transfer this held booking to the buyer (cancel, then book in their name) */
  | { kind: 'transfer'; orderId: string; convocation: Convocation; buyer: Identity }
  /** to a broker: book a slot for this client with their own identity */
  | { kind: 'order'; orderId: string; counter: string; client: Identity; notAfter: number }
  /** to a broker: the client called the order off */
  | { kind: 'cancelled'; orderId: string };

export type Action =
  | { kind: 'sleep'; ms: number; /** time spent actively (legit effort) rather than waiting */ busy?: boolean }
  | { kind: 'sleepUntil'; at: number }
  /** slots starting at least `minLeadMs` from now (the calendar's later weeks), earliest first */
  | { kind: 'list'; counter: string; limit?: number; minLeadMs?: number }
  /**
   * Poll `counter`'s slot list every `everyMs` (+ up to `jitterMs`) until it is non-empty; with
   * `activeHours` [from, to) minutes after local midnight, time outside the hours does not count.
   * Also returns when a market message arrives (`inbox`) or at `until`. `counter: null` waits for
   * the inbox or `until` only. With `minLeadMs`, only slots starting at least that long after the
   * poll count (a reseller has no use for a slot it cannot sell in time).
   */
  | {
    kind: 'watch'; counter: string | null; everyMs: number; jitterMs: number; minLeadMs?: number;
    activeHours?: readonly [number, number]; until?: number; inbox?: boolean;
  }
  | { kind: 'captcha' }
  | { kind: 'solve'; challenge: ChallengeInfo; solver: Solver }
  | {
    kind: 'book'; slotId: string; identity: Identity; captcha?: { id: string; answer: string }; ticket?: string;
    /** what the booking costs a crew besides captchas (a mule's fee); the harness counts it when the booking is made */
    feeEur?: number;
  }
  /**
   * batch release: the decision on a booking request answered `pending`; `feeEur` is the fee of the
   * `book` it decides (the booking is made here, so the harness counts the fee here)
   */
  | { kind: 'bookingResult'; requestId: string; feeEur?: number }
  /** read the confirmation mail sent to `email` for this booking and confirm it */
  | { kind: 'confirm'; bookingId: string; email: string }
  | { kind: 'cancel'; bookingId: string; token: string }
  /** `feeEur`: what the entry costs a crew (bots/entry-costs.ts), counted when it is registered */
  | { kind: 'register'; counter: string; identity: Identity; feeEur?: number }
  /** `feeEur`: a mule's fee, counted when the entry won (the draw booked the slot in their name) */
  | { kind: 'lotteryResult'; registrationId: string; feeEur?: number }
  /** `feeEur`: what the queued session costs a crew (bots/entry-costs.ts), counted when a ticket is given */
  | { kind: 'joinRoom'; counter: string; feeEur?: number }
  | { kind: 'ticket'; ticketId: string }
  /** a scalper puts a held booking up for sale, to `copies` buyers (double-selling when > 1) */
  | { kind: 'offer'; convocation: Convocation; priceEur: number; copies: number; mode: SaleMode }
  /** a scalper takes back what is left of an offer (before cancelling the booking) */
  | { kind: 'withdraw'; bookingId: string }
  /** a seller reports a transfer or an order as done (convocation) or failed (null) */
  | { kind: 'deliver'; orderId: string; convocation: Convocation | null }
  /** a desperate user asks the market for a slot at `maxPriceEur` at most */
  | { kind: 'order'; counter: string; maxPriceEur: number; identity: Identity; notAfter: number }
  | { kind: 'cancelOrder' }
  /** at the counter, with one's papers */
  | { kind: 'checkIn'; bookingId: string; counter: string; presented: { firstName: string; lastName: string } };

/**
 * Why a request was refused: the target's code, or `UNAVAILABLE` when no usable answer came (a
 * live target that timed out, dropped the connection or answered 5xx): a page that did not load.
 */
export type RefusalCode = ErrorCode | 'UNAVAILABLE';

export type Outcome =
  | { kind: 'ok' }
  | { kind: 'rejected'; rejected: RefusalCode }
  | { kind: 'slots'; slots: readonly SlotInfo[] }
  | { kind: 'inbox'; messages: MarketMessage[] }
  | { kind: 'timeout' }
  | { kind: 'challenge'; challenge: ChallengeInfo }
  | { kind: 'answer'; answer: string }
  | { kind: 'booked'; convocation: Convocation; confirmBy?: number }
  /** batch release: the request waits in a batch served at `decideAt` (ask with bookingResult then) */
  | { kind: 'pending'; requestId: string; decideAt: number }
  | { kind: 'registered'; registrationId: string; drawAt: number }
  | { kind: 'lottery'; outcome?: 'won' | 'lost'; convocation?: Convocation }
  | { kind: 'ticket'; ticketId: string; releaseAt: number; admitAt?: number }
  | { kind: 'ordered'; orderId: string }
  | { kind: 'checkIn'; served: true }
  | { kind: 'checkIn'; served: false; reason: RefusalReason };

export type Rejected = Extract<Outcome, { kind: 'rejected' }>;

export type Agent<C> = (ctx: C) => Generator<Action, void, Outcome>;

export const isRejected = (o: Outcome): o is Rejected => o.kind === 'rejected';
