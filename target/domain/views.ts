/** What the target shows of its entities: never tokens, codes or expected captcha answers. */
import type { Booking, BookingStatus, Challenge, ChallengeKind, Slot } from './types.js';

export interface SlotView { id: string; counter: string; start: number; desk: number }
export interface BookingView {
  id: string; slotId: string; counter: string; slotStart: number; status: BookingStatus; name: string; createdAt: number;
}
export interface BookingReceipt { booking: BookingView; token: string; confirmBy?: number }
export interface ChallengeView { id: string; kind: ChallengeKind; prompt: string; difficulty?: number; expiresAt: number }
export interface Convocation {
  bookingId: string; slotId: string; counter: string; counterLabel: string; slotStart: number; desk: number;
  firstName: string; lastName: string; status: BookingStatus;
  /** while held: when the e-mail confirmation must come by */
  confirmBy?: number;
}
export interface CounterView {
  id: string; label: string; days: string[]; hours: string; slotMinutes: number; desks: number; available: number;
}
export interface RegistrationView { id: string; counter: string; drawAt: number }
export interface TicketView { id: string; counter: string; releaseAt: number; position?: number; admitAt?: number }

export const slotView = (s: Slot): SlotView => ({ id: s.id, counter: s.counter, start: s.start, desk: s.desk });

export const bookingView = (b: Booking): BookingView => ({
  id: b.id, slotId: b.slotId, counter: b.counter, slotStart: b.slotStart, status: b.status,
  name: `${b.identity.firstName} ${b.identity.lastName}`.trim(), createdAt: b.createdAt,
});

export function challengeView(c: Challenge): ChallengeView {
  const v: ChallengeView = { id: c.id, kind: c.kind, prompt: c.prompt, expiresAt: c.expiresAt };
  if (c.difficulty !== undefined) v.difficulty = c.difficulty;
  return v;
}
