/** Conformance: challenges, lottery registrations, waiting-room tickets, mail, meta, reset. */
import { describe, expect, it } from 'vitest';
import type { Challenge, Registration, WaitingTicket } from '../../domain/types.js';
import { booking, ids, releasedSlot, type StoreHolder } from './fixtures.js';

const challenge: Challenge = { id: 'c1', kind: 'challenge', prompt: 'XK7', session: 's1', expiresAt: 9, used: false, answer: 'xk7' };
const pow: Challenge = { id: 'c2', kind: 'proof-of-work', prompt: 'ab', difficulty: 12, session: 's1', expiresAt: 9, used: false };

function registration(id: string, counter: string, drawAt: number, createdAt: number): Registration {
  return { id, counter, identity: { firstName: 'Li', lastName: 'Wei', email: `${id}@e.org` }, createdAt, drawAt };
}

function ticket(id: string, counter: string, releaseAt: number, createdAt: number): WaitingTicket {
  return { id, counter, session: `s-${id}`, createdAt, releaseAt };
}

export function recordConformance(h: StoreHolder): void {
  describe('records', () => {
    it('keeps challenges and lets each be used once', () => {
      h.store.insertChallenge(challenge);
      h.store.insertChallenge(pow);
      expect(h.store.getChallenge('c1')).toStrictEqual(challenge);
      expect(h.store.getChallenge('c2')).toStrictEqual(pow);
      expect(h.store.useChallenge('c1')).toBe(true);
      expect(h.store.useChallenge('c1')).toBe(false);
      expect(h.store.useChallenge('nope')).toBe(false);
      expect(h.store.getChallenge('c1')?.used).toBe(true);
      expect(h.store.getChallenge('c2')?.used).toBe(false);
    });

    it('deletes the challenges expired before a time, used or not, and keeps the others', () => {
      h.store.insertChallenge(challenge);
      h.store.insertChallenge(pow);
      h.store.insertChallenge({ ...challenge, id: 'c3', expiresAt: 20 });
      h.store.useChallenge('c1');
      expect(h.store.deleteChallengesExpiredBefore(9)).toBe(0);
      expect(h.store.deleteChallengesExpiredBefore(10)).toBe(2);
      expect([h.store.getChallenge('c1'), h.store.getChallenge('c2')]).toEqual([undefined, undefined]);
      expect(h.store.getChallenge('c3')?.expiresAt).toBe(20);
      expect(h.store.deleteChallengesExpiredBefore(10)).toBe(0);
    });

    it('keeps lottery registrations per (counter, draw) in creation order', () => {
      h.store.insertRegistration(registration('r2', 'a', 100, 20));
      h.store.insertRegistration(registration('r1', 'a', 100, 10));
      h.store.insertRegistration(registration('r3', 'a', 200, 5));
      h.store.insertRegistration(registration('r4', 'b', 100, 5));
      expect(ids(h.store.registrations('a', 100))).toEqual(['r1', 'r2']);
      expect(h.store.getRegistration('r3')).toStrictEqual(registration('r3', 'a', 200, 5));
      expect(h.store.getRegistration('nope')).toBeUndefined();
      h.store.updateRegistration('r1', { outcome: 'won', bookingId: 'b1' });
      h.store.updateRegistration('r2', { outcome: 'lost' });
      expect(h.store.registrations('a', 100).map((r) => [r.outcome, r.bookingId])).toEqual([['won', 'b1'], ['lost', undefined]]);
      expect(() => h.store.updateRegistration('nope', { outcome: 'lost' })).toThrow(/unknown/);
    });

    it('keeps waiting-room tickets per (counter, release) and their positions', () => {
      h.store.insertTicket(ticket('t1', 'a', 100, 1));
      h.store.insertTicket(ticket('t2', 'a', 100, 2));
      h.store.insertTicket({ ...ticket('t3', 'a', 200, 3), position: 0, admitAt: 200 });
      expect(ids(h.store.tickets('a', 100))).toEqual(['t1', 't2']);
      expect(h.store.tickets('b', 100)).toEqual([]);
      h.store.updateTicket('t2', { position: 0, admitAt: 150 });
      h.store.updateTicket('t1', { position: 1 });
      expect(h.store.getTicket('t2')).toStrictEqual({ ...ticket('t2', 'a', 100, 2), position: 0, admitAt: 150 });
      expect(h.store.getTicket('t1')).toStrictEqual({ ...ticket('t1', 'a', 100, 1), position: 1 });
      expect(h.store.getTicket('t3')?.admitAt).toBe(200);
      expect(h.store.getTicket('nope')).toBeUndefined();
      expect(() => h.store.updateTicket('nope', { position: 1 })).toThrow(/unknown/);
    });

    it('counts the bookings made with a ticket', () => {
      h.store.insertTicket({ ...ticket('t1', 'a', 100, 1), position: 0, admitAt: 100 });
      expect(h.store.getTicket('t1')?.uses).toBeUndefined();
      h.store.updateTicket('t1', { uses: 1 });
      h.store.updateTicket('t1', { uses: 2 });
      expect(h.store.getTicket('t1')).toStrictEqual({ ...ticket('t1', 'a', 100, 1), position: 0, admitAt: 100, uses: 2 });
    });

    it('keeps mail per recipient, any case, in sending order', () => {
      h.store.insertMail({ to: 'Awa@E.org', subject: 's1', body: 'b1', at: 5, bookingId: 'b1' });
      h.store.insertMail({ to: 'other@e.org', subject: 's2', body: 'b2', at: 6, bookingId: 'b2' });
      h.store.insertMail({ to: 'awa@e.org', subject: 's3', body: 'b3', at: 4, bookingId: 'b3' });
      expect(h.store.mailFor(' AWA@e.org').map((m) => m.subject)).toEqual(['s1', 's3']);
      expect(h.store.mailFor('awa@e.org')[0]).toStrictEqual({ to: 'Awa@E.org', subject: 's1', body: 'b1', at: 5, bookingId: 'b1' });
      expect(h.store.mailFor('nobody@e.org')).toEqual([]);
    });

    it('keeps meta values', () => {
      expect(h.store.getMeta('releasedUpTo')).toBeUndefined();
      h.store.setMeta('releasedUpTo', '5');
      h.store.setMeta('releasedUpTo', '6');
      expect(h.store.getMeta('releasedUpTo')).toBe('6');
    });

    it('runs a transaction and returns its value, passing errors through', () => {
      expect(h.store.transaction(() => 7)).toBe(7);
      expect(() => h.store.transaction(() => { throw new Error('boom'); })).toThrow('boom');
    });

    it('forgets everything on reset and stays usable', () => {
      const a = releasedSlot('a', 10);
      h.store.insertSlots([a]);
      h.store.insertBooking(booking('b1', a, { email: 'x@e.org' }));
      h.store.insertChallenge(challenge);
      h.store.insertRegistration(registration('r1', 'a', 1, 1));
      h.store.insertTicket(ticket('t1', 'a', 1, 1));
      h.store.insertMail({ to: 'x@e.org', subject: 's', body: 'b', at: 1, bookingId: 'b1' });
      h.store.setMeta('releasedUpTo', '5');
      h.store.reset();
      expect([h.store.getSlot(a.id), h.store.getBooking('b1'), h.store.getChallenge('c1'), h.store.getRegistration('r1'),
        h.store.getTicket('t1'), h.store.getMeta('releasedUpTo'), h.store.lastSlotStart('a')]).toEqual(
        [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
      expect([h.store.ledger(), h.store.mailFor('x@e.org'), h.store.availableSlots('a', 0, 5)]).toEqual([[], [], []]);
      expect(h.store.countLive('email', 'x@e.org')).toBe(0);
      h.store.insertSlots([a]);
      expect(h.store.insertBooking(booking('b1', a))).toBe('ok');
    });
  });
}
