/**
 * From what came over the wire to what the agent gets (a WireAnswer), shared by the drivers that
 * talk HTTP: a refusal becomes `rejected` with the target's code; a 5xx, a failure or an answer
 * that makes no sense becomes `rejected: UNAVAILABLE` (the page did not load), never a throw.
 */
import type { Convocation, Outcome, RefusalCode } from '../../../bots/actions.js';
import { ERROR_CODES, type ErrorCode } from '../../../target/domain/errors.js';
import type { RefusalReason } from '../../../target/domain/types.js';
import type { WireAnswer, WireFailure } from '../driver.js';
import type { Headers, WirePool, WireResponse } from './wire-pool.js';

const UNAVAILABLE: Outcome = Object.freeze({ kind: 'rejected', rejected: 'UNAVAILABLE' }) as Outcome;
const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
const REASONS: ReadonlySet<string> = new Set<RefusalReason>([
  'NAME_MISMATCH', 'WRONG_COUNTER', 'PURGED', 'ALREADY_USED', 'NOT_ACTIVE', 'NOT_FOUND', 'NOT_TODAY',
]);

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && KNOWN_CODES.has(code);

/** No usable answer: the status that came (0 when none) and why, if it is a failure rather than a 5xx. */
export function unavailable(status: number, failure?: WireFailure): WireAnswer {
  return failure === undefined ? { outcome: UNAVAILABLE, status } : { outcome: UNAVAILABLE, status, failure };
}

export function rejected(code: RefusalCode, status: number): WireAnswer {
  return { outcome: { kind: 'rejected', rejected: code }, status };
}

/** `{ error: { code } }` of the target's JSON refusals, when the code is one it documents. */
export function errorCodeOf(body: unknown): ErrorCode | undefined {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return isErrorCode(code) ? code : undefined;
}

/**
 * The answer to a JSON request: a failure or 5xx → UNAVAILABLE; 4xx → the refusal in its body;
 * 2xx → `ok(body)`, or a protocol failure when `ok` finds the body is not what the route returns.
 */
export function jsonAnswer(res: WireResponse, ok: (body: any) => Outcome | undefined): WireAnswer {
  if (res.failure !== undefined) return unavailable(res.status, res.failure);
  if (res.status >= 500) return unavailable(res.status);
  if (res.status >= 400) {
    const code = errorCodeOf(res.body);
    return code === undefined ? unavailable(res.status, 'protocol') : rejected(code, res.status);
  }
  const outcome = ok(res.body);
  return outcome === undefined ? unavailable(res.status, 'protocol') : { outcome, status: res.status };
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Batch release: `{ request: { id, closesAt, status, receipt?, refused? } }`, the 202 answer to a
 * booking and the decision read later: pending, the booking of its receipt, or the refusal's code.
 */
export function batchRequestOutcome(body: any): Outcome | undefined {
  const q = body?.request;
  if (!q || !isText(q.id) || !isMs(q.closesAt)) return undefined;
  if (q.status === 'pending') return { kind: 'pending', requestId: q.id, decideAt: q.closesAt };
  if (q.status === 'refused') return isErrorCode(q.refused?.code) ? { kind: 'rejected', rejected: q.refused.code } : undefined;
  return q.status === 'booked' ? bookedOutcome(q.receipt) : undefined;
}

/** A booking's answer: 201 with its receipt (first come, first served) or 202 with a batched request. */
export function bookOrBatchOutcome(body: any): Outcome | undefined {
  return body?.request !== undefined ? batchRequestOutcome(body) : bookedOutcome(body);
}

/** The booking of a 201 receipt `{ booking, token, confirmBy? }` as the agent holds it. */
export function bookedOutcome(body: any): Outcome | undefined {
  const b = body?.booking;
  if (!b || !isText(b.id) || !isText(b.slotId) || !isText(b.counter) || !isMs(b.slotStart) || !isText(b.name) || !isText(body.token)) {
    return undefined;
  }
  const convocation: Convocation = { bookingId: b.id, token: body.token, slotId: b.slotId, counter: b.counter, slotStart: b.slotStart, name: b.name };
  const out: Outcome = { kind: 'booked', convocation };
  if (isMs(body.confirmBy)) out.confirmBy = body.confirmBy;
  return out;
}

/** A convocation read back with its token (GET /api/bookings/:id/convocation). */
export function convocationOf(body: any, token: string): Convocation | undefined {
  const c = body?.convocation;
  if (!c || !isText(c.bookingId) || !isText(c.slotId) || !isText(c.counter) || !isMs(c.slotStart)) return undefined;
  const name = `${isText(c.firstName) ? c.firstName : ''} ${isText(c.lastName) ? c.lastName : ''}`.trim();
  return { bookingId: c.bookingId, token, slotId: c.slotId, counter: c.counter, slotStart: c.slotStart, name };
}

export function slotsOutcome(body: any): Outcome | undefined {
  const slots = body?.slots;
  if (!Array.isArray(slots)) return undefined;
  // only the fields agents use: the target's `desk` is dropped, as the in-process driver does
  const out = new Array(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i];
    if (!isText(s?.id) || !isText(s.counter) || !isMs(s.start)) return undefined;
    out[i] = { id: s.id, counter: s.counter, start: s.start };
  }
  return { kind: 'slots', slots: out };
}

export function challengeOutcome(body: any): Outcome | undefined {
  const c = body?.challenge;
  if (!c || !isText(c.id) || (c.kind !== 'challenge' && c.kind !== 'proof-of-work') || !isText(c.prompt) || !isMs(c.expiresAt)) return undefined;
  const challenge: Extract<Outcome, { kind: 'challenge' }>['challenge'] = { id: c.id, kind: c.kind, prompt: c.prompt, expiresAt: c.expiresAt };
  if (isMs(c.difficulty)) challenge.difficulty = c.difficulty;
  return { kind: 'challenge', challenge };
}

export function registeredOutcome(body: any): Outcome | undefined {
  const r = body?.registration;
  return r && isText(r.id) && isMs(r.drawAt) ? { kind: 'registered', registrationId: r.id, drawAt: r.drawAt } : undefined;
}

export function ticketOutcome(body: any): Outcome | undefined {
  const t = body?.ticket;
  if (!t || !isText(t.id) || !isMs(t.releaseAt)) return undefined;
  const out: Outcome = { kind: 'ticket', ticketId: t.id, releaseAt: t.releaseAt };
  if (isMs(t.admitAt)) out.admitAt = t.admitAt;
  return out;
}

export function checkInOutcome(body: any): Outcome | undefined {
  const r = body?.result;
  if (r?.served === true) return { kind: 'checkIn', served: true };
  if (r?.served === false && REASONS.has(r.reason)) return { kind: 'checkIn', served: false, reason: r.reason as RefusalReason };
  return undefined;
}

/**
 * The confirmation code at the end of the last mail about `bookingId`: its last word. (The
 * in-process driver reads alphanumerics, enough for its hex secrets; a live target's are
 * base64url and may hold `-` or `_`.)
 */
export function confirmCodeOf(body: any, bookingId: string): string | undefined {
  const mail: unknown = body?.mail;
  if (!Array.isArray(mail)) return undefined;
  for (let i = mail.length - 1; i >= 0; i--) {
    const m = mail[i];
    if (m?.bookingId === bookingId && isText(m.body)) return /(\S+)\s*$/.exec(m.body)?.[1];
  }
  return undefined;
}

export const okOutcome = (): Outcome => ({ kind: 'ok' });

/**
 * The confirmation code mailed for a booking, read from the mailbox (the admin mail route stands
 * in for the person's inbox); or the answer that says why it could not be read.
 */
export async function mailedCode(pool: WirePool, adminGet: Headers, email: string, bookingId: string): Promise<string | WireAnswer> {
  const mail = await pool.send('GET', `/admin/mail?to=${encodeURIComponent(email)}`, adminGet, null, 'json');
  let code: string | undefined;
  const read = jsonAnswer(mail, (b) => {
    code = confirmCodeOf(b, bookingId);
    return okOutcome();
  });
  if (read.outcome.kind === 'rejected') return read;
  return code ?? rejected('NOT_FOUND', mail.status);
}
