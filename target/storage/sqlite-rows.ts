/**
 * Rows of the SQLite schema and their conversion to the domain's entities. NULL columns become
 * omitted properties (exactOptionalPropertyTypes: an absent phone is no property, not undefined).
 */
import type {
  Booking, BookingStatus, Challenge, ChallengeKind, Identity, Mail, Registration, Slot, SlotState, WaitingTicket,
} from '../domain/types.js';
import { emailKey, looseEmailKey } from './identity-keys.js';

export interface SlotRow {
  id: string; counter: string; start: number; desk: number; state: SlotState; released_at: number | null;
}
export const SLOT_COLUMNS = 'id, counter, start, desk, state, released_at';

export function slotFromRow(r: SlotRow): Slot {
  const s: Slot = { id: r.id, counter: r.counter, start: r.start, desk: r.desk, state: r.state };
  if (r.released_at !== null) s.releasedAt = r.released_at;
  return s;
}

interface IdentityRow {
  first_name: string; last_name: string; email: string; phone: string | null; agdref: string | null;
}

function identityFromRow(r: IdentityRow): Identity {
  const i: Identity = { firstName: r.first_name, lastName: r.last_name, email: r.email };
  if (r.phone !== null) i.phone = r.phone;
  if (r.agdref !== null) i.agdref = r.agdref;
  return i;
}

export interface BookingRow extends IdentityRow {
  id: string; slot_id: string; counter: string; slot_start: number; token: string; status: BookingStatus;
  created_at: number; confirm_code: string | null; confirm_by: number | null; ip: string; session: string;
}
export const BOOKING_COLUMNS =
  'id, slot_id, counter, slot_start, first_name, last_name, email, phone, agdref, token, status, ' +
  'created_at, confirm_code, confirm_by, ip, session';

/** Column list and placeholders of the booking INSERT, in bookingParams order. */
export const BOOKING_INSERT =
  'INSERT INTO bookings (id, slot_id, counter, slot_start, first_name, last_name, email, email_norm, phone, ' +
  'agdref, token, status, created_at, confirm_code, confirm_by, ip, session, overbooked, email_loose) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

export type BookingParams = [
  string, string, string, number, string, string, string, string, string | null, string | null,
  string, BookingStatus, number, string | null, number | null, string, string, 0 | 1, string,
];

export function bookingParams(b: Booking, overbooked: 0 | 1): BookingParams {
  const i = b.identity;
  return [
    b.id, b.slotId, b.counter, b.slotStart, i.firstName, i.lastName, i.email, emailKey(i.email),
    i.phone ?? null, i.agdref ?? null, b.token, b.status, b.createdAt, b.confirmCode ?? null,
    b.confirmBy ?? null, b.ip, b.session, overbooked, looseEmailKey(i.email),
  ];
}

export function bookingFromRow(r: BookingRow): Booking {
  const b: Booking = {
    id: r.id, slotId: r.slot_id, counter: r.counter, slotStart: r.slot_start, identity: identityFromRow(r),
    token: r.token, status: r.status, createdAt: r.created_at, ip: r.ip, session: r.session,
  };
  if (r.confirm_code !== null) b.confirmCode = r.confirm_code;
  if (r.confirm_by !== null) b.confirmBy = r.confirm_by;
  return b;
}

export interface ChallengeRow {
  id: string; kind: ChallengeKind; prompt: string; difficulty: number | null; session: string;
  expires_at: number; used: number; answer: string | null;
}

export function challengeFromRow(r: ChallengeRow): Challenge {
  const c: Challenge = {
    id: r.id, kind: r.kind, prompt: r.prompt, session: r.session, expiresAt: r.expires_at, used: r.used === 1,
  };
  if (r.difficulty !== null) c.difficulty = r.difficulty;
  if (r.answer !== null) c.answer = r.answer;
  return c;
}

export interface RegistrationRow extends IdentityRow {
  id: string; counter: string; created_at: number; draw_at: number; outcome: 'won' | 'lost' | null;
  booking_id: string | null;
}
export const REGISTRATION_COLUMNS =
  'id, counter, first_name, last_name, email, phone, agdref, created_at, draw_at, outcome, booking_id';

export function registrationFromRow(r: RegistrationRow): Registration {
  const g: Registration = {
    id: r.id, counter: r.counter, identity: identityFromRow(r), createdAt: r.created_at, drawAt: r.draw_at,
  };
  if (r.outcome !== null) g.outcome = r.outcome;
  if (r.booking_id !== null) g.bookingId = r.booking_id;
  return g;
}

export interface TicketRow {
  id: string; counter: string; session: string; created_at: number; release_at: number;
  position: number | null; admit_at: number | null; uses: number;
}

export function ticketFromRow(r: TicketRow): WaitingTicket {
  const t: WaitingTicket = {
    id: r.id, counter: r.counter, session: r.session, createdAt: r.created_at, releaseAt: r.release_at,
  };
  if (r.position !== null) t.position = r.position;
  if (r.admit_at !== null) t.admitAt = r.admit_at;
  if (r.uses > 0) t.uses = r.uses;
  return t;
}

export interface MailRow { to_addr: string; subject: string; body: string; at: number; booking_id: string }

export function mailFromRow(r: MailRow): Mail {
  return { to: r.to_addr, subject: r.subject, body: r.body, at: r.at, bookingId: r.booking_id };
}
