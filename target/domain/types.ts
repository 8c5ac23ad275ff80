/** The target's entities. Times are epoch milliseconds of the injected clock. */

export interface Identity {
  firstName: string;
  lastName: string;
  email: string;
  phone?: string;
  /** AGDREF: the foreigner's file number, required by registryCheck on some counters */
  agdref?: string;
}

/** Who is asking, as a real server sees it. */
export interface RequestContext {
  ip: string;
  session: string;
  /**
   * Key of the per-session rate-limit bucket when it is not `session`: a client that brought no
   * session gets a new one on each request, so the HTTP layer counts those by their IP.
   */
  sessionBucket?: string;
}

export type SlotState = 'hidden' | 'released' | 'served' | 'refused' | 'wasted';

export interface Slot {
  id: string;
  counter: string;
  /** start of the appointment */
  start: number;
  desk: number;
  state: SlotState;
  releasedAt?: number;
}

export type BookingStatus =
  | 'held'       // waiting for e-mail confirmation
  | 'confirmed'  // live
  | 'cancelled'  // by its holder
  | 'expired'    // not confirmed in time
  | 'purged'     // removed by the duplicate purge
  | 'used';      // someone was served with it

export const LIVE_STATUSES: readonly BookingStatus[] = ['held', 'confirmed'];

export interface Booking {
  id: string;
  slotId: string;
  counter: string;
  slotStart: number;
  identity: Identity;
  /** secret given to the holder only: needed to cancel and to read the convocation */
  token: string;
  status: BookingStatus;
  createdAt: number;
  /** e-mail confirmation code and deadline, when the measure is on */
  confirmCode?: string;
  confirmBy?: number;
  ip: string;
  session: string;
}

export type ChallengeKind = 'challenge' | 'proof-of-work';

export interface Challenge {
  id: string;
  kind: ChallengeKind;
  /** text to type back (challenge) or hashcash prefix (proof-of-work) */
  prompt: string;
  difficulty?: number;
  session: string;
  expiresAt: number;
  used: boolean;
  /** the expected text for `challenge`; never sent to clients */
  answer?: string;
}

export interface Registration {
  id: string;
  counter: string;
  identity: Identity;
  createdAt: number;
  /** draw time this registration takes part in */
  drawAt: number;
  outcome?: 'won' | 'lost';
  bookingId?: string;
}

export interface WaitingTicket {
  id: string;
  counter: string;
  session: string;
  createdAt: number;
  /** release this ticket queues for */
  releaseAt: number;
  /** position after the shuffle / in arrival order; set at release */
  position?: number;
  admitAt?: number;
  /** bookings made with this admission (absent: none) */
  uses?: number;
}

export interface Mail {
  to: string;
  subject: string;
  body: string;
  at: number;
  bookingId: string;
}

export type CheckInResult =
  | { served: true; bookingId: string }
  | { served: false; reason: RefusalReason };

export type RefusalReason =
  | 'NAME_MISMATCH'     // exactName at check-in: not the person on the convocation
  | 'WRONG_COUNTER'     // convocation for another counter
  | 'PURGED'            // booking removed by the duplicate purge
  | 'ALREADY_USED'      // the convocation was used already (double-sold slot)
  | 'NOT_ACTIVE'        // cancelled or expired
  | 'NOT_FOUND'
  | 'NOT_TODAY';        // outside the slot's time
