import { describe, expect, it } from 'vitest';
import { solvePow } from './captcha.js';
import { DomainError, type ErrorCode } from './errors.js';
import { COUNTERS, ctxOf, DAY, HOUR, makeTarget, MONDAY, person, SUNDAY_20H, WEEKLY } from './test-support/fixture.js';

function code(fn: () => unknown): ErrorCode | 'none' {
  try { fn(); return 'none'; } catch (e) { if (e instanceof DomainError) return e.code; throw e; }
}

describe('release and booking', () => {
  it('keeps slots hidden until the Sunday 20:00 release, then releases the horizon at once', () => {
    const { target, advance } = makeTarget(WEEKLY);
    advance(SUNDAY_20H - 1);
    expect(target.availableSlots(ctxOf(1), 'renewal')).toEqual([]);
    advance(SUNDAY_20H);
    const slots = target.availableSlots(ctxOf(1), 'renewal', 1000);
    // two weeks of renewal: 4 days × 14 slots (08:30–12:00 by 15 min) × 2 desks
    expect(slots).toHaveLength(2 * 4 * 14 * 2);
    expect(slots[0]!.start).toBe(SUNDAY_20H + 12.5 * HOUR); // Monday 08:30
    expect(target.counters().find((c) => c.id === 'renewal')!.available).toBe(slots.length);
  });

  it('books a slot once: the second request gets SLOT_TAKEN and the slot leaves the list', () => {
    const { target, advance } = makeTarget(WEEKLY);
    advance(SUNDAY_20H);
    const [slot] = target.availableSlots(ctxOf(1), 'renewal', 1);
    const receipt = target.book(ctxOf(1), { slotId: slot!.id, identity: person(1) });
    expect(receipt.booking.status).toBe('confirmed');
    expect(code(() => target.book(ctxOf(2), { slotId: slot!.id, identity: person(2) }))).toBe('SLOT_TAKEN');
    expect(target.availableSlots(ctxOf(1), 'renewal', 1)[0]!.id).not.toBe(slot!.id);
    expect(target.convocation(receipt.booking.id, receipt.token).lastName).toBe('Diallo1');
    expect(code(() => target.convocation(receipt.booking.id, 'guess'))).toBe('TOKEN_INVALID');
    target.cancel(ctxOf(1), receipt.booking.id, receipt.token);
    expect(target.availableSlots(ctxOf(1), 'renewal', 1)[0]!.id).toBe(slot!.id);
  });

  it('refuses unknown, hidden and past slots', () => {
    const { target, advance } = makeTarget(WEEKLY);
    expect(code(() => target.book(ctxOf(1), { slotId: 'nope', identity: person(1) }))).toBe('NOT_FOUND');
    advance(MONDAY + 1);
    const hidden = 'renewal@2019-01-10T08:30#1';
    expect(code(() => target.book(ctxOf(1), { slotId: hidden, identity: person(1) }))).toBe('SLOT_NOT_RELEASED');
    advance(SUNDAY_20H);
    const [slot] = target.availableSlots(ctxOf(1), 'renewal', 1);
    advance(slot!.start + 1);
    expect(code(() => target.book(ctxOf(1), { slotId: slot!.id, identity: person(1) }))).toBe('SLOT_NOT_RELEASED');
  });

  it('attemptBooking returns the slot refusals book() throws, and throws the others', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { exactName: { atCheckIn: true } } });
    expect(target.attemptBooking(ctxOf(1), { slotId: 'nope', identity: person(1) })).toMatchObject({ code: 'NOT_FOUND' });
    advance(SUNDAY_20H);
    const [slot] = target.availableSlots(ctxOf(1), 'renewal', 1);
    const first = target.attemptBooking(ctxOf(1), { slotId: slot!.id, identity: person(1) });
    expect(first).not.toBeInstanceOf(DomainError);
    const lost = target.attemptBooking(ctxOf(2), { slotId: slot!.id, identity: person(2) });
    expect(lost).toBeInstanceOf(DomainError);
    expect(lost).toMatchObject({ code: 'SLOT_TAKEN', field: 'slotId' });
    expect(code(() => target.book(ctxOf(2), { slotId: slot!.id, identity: person(2) }))).toBe('SLOT_TAKEN');
    // a refusal of another check is thrown, as by book()
    expect(code(() => target.attemptBooking(ctxOf(3), { slotId: slot!.id, identity: { ...person(3), lastName: '' } }))).toBe('NAME_REQUIRED');
    advance(slot!.start + 1);
    expect(target.attemptBooking(ctxOf(2), { slotId: slot!.id, identity: person(2) })).toMatchObject({ code: 'SLOT_NOT_RELEASED' });
  });

  it('closes past slots nobody was served in as wasted', () => {
    const { target, store, advance } = makeTarget(WEEKLY);
    advance(SUNDAY_20H);
    const [a, b] = target.availableSlots(ctxOf(1), 'renewal', 2);
    const r = target.book(ctxOf(1), { slotId: a!.id, identity: person(1) });
    advance(a!.start);
    expect(target.checkIn(r.booking.id, 'renewal', person(1))).toEqual({ served: true, bookingId: r.booking.id });
    advance(a!.start + DAY);
    expect(store.getSlot(a!.id)!.state).toBe('served');
    expect(store.getSlot(b!.id)!.state).toBe('wasted');
  });
});

describe('measures', () => {
  it('captcha: required, single-use, bound to its session, expiring', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { captcha: { kind: 'challenge', ttl: '2m' } } });
    advance(SUNDAY_20H);
    const [s1, s2, s3] = target.availableSlots(ctxOf(1), 'renewal', 3);
    expect(code(() => target.book(ctxOf(1), { slotId: s1!.id, identity: person(1) }))).toBe('CAPTCHA_REQUIRED');
    const c = target.issueCaptcha(ctxOf(1));
    expect(code(() => target.book(ctxOf(2), { slotId: s1!.id, identity: person(2), captcha: { id: c.id, answer: c.prompt } }))).toBe('CAPTCHA_INVALID');
    target.book(ctxOf(1), { slotId: s1!.id, identity: person(1), captcha: { id: c.id, answer: c.prompt.toLowerCase() } });
    expect(code(() => target.book(ctxOf(1), { slotId: s2!.id, identity: person(3), captcha: { id: c.id, answer: c.prompt } }))).toBe('CAPTCHA_USED');
    const late = target.issueCaptcha(ctxOf(1));
    advance(SUNDAY_20H + 3 * 60_000);
    expect(code(() => target.book(ctxOf(1), { slotId: s3!.id, identity: person(4), captcha: { id: late.id, answer: late.prompt } }))).toBe('CAPTCHA_EXPIRED');
    const wrong = target.issueCaptcha(ctxOf(1));
    expect(code(() => target.book(ctxOf(1), { slotId: s3!.id, identity: person(4), captcha: { id: wrong.id, answer: 'zzzzzz' } }))).toBe('CAPTCHA_INVALID');
  });

  it('proof-of-work: a solved puzzle books', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { captcha: { kind: 'proof-of-work', difficulty: 8 } } });
    advance(SUNDAY_20H);
    const [s] = target.availableSlots(ctxOf(1), 'renewal', 1);
    const c = target.issueCaptcha(ctxOf(1));
    expect(c.difficulty).toBe(8);
    const { nonce } = solvePow(c.prompt, 8);
    expect(target.book(ctxOf(1), { slotId: s!.id, identity: person(1), captcha: { id: c.id, answer: nonce } }).booking.status).toBe('confirmed');
  });

  it('flaws: captcha-replay accepts a used answer, captcha-client-side-only needs none', () => {
    const replay = makeTarget({ ...WEEKLY, measures: { captcha: { kind: 'challenge' } }, flaws: ['captcha-replay'] });
    replay.advance(SUNDAY_20H);
    const c = replay.target.issueCaptcha(ctxOf(1));
    for (const s of replay.target.availableSlots(ctxOf(1), 'renewal', 3)) {
      replay.target.book(ctxOf(1), { slotId: s.id, identity: person(1), captcha: { id: c.id, answer: c.prompt } });
    }
    expect(replay.target.ledger()).toHaveLength(3);
    const client = makeTarget({ ...WEEKLY, measures: { captcha: { kind: 'challenge' } }, flaws: ['captcha-client-side-only'] });
    client.advance(SUNDAY_20H);
    const [s] = client.target.availableSlots(ctxOf(1), 'renewal', 1);
    expect(client.target.captchaRequired()).toBe(false);
    expect(code(() => client.target.book(ctxOf(1), { slotId: s!.id, identity: person(1) }))).toBe('none');
  });

  it('identityLimit: one active booking per e-mail (case-insensitive), freed by cancelling', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { identityLimit: { perEmail: 1 } } });
    advance(SUNDAY_20H);
    const [a, b] = target.availableSlots(ctxOf(1), 'renewal', 2);
    const r = target.book(ctxOf(1), { slotId: a!.id, identity: person(1) });
    expect(code(() => target.book(ctxOf(1), { slotId: b!.id, identity: person(1, { email: ' P1@EXAMPLE.org' }) }))).toBe('LIMIT_REACHED');
    target.cancel(ctxOf(1), r.booking.id, r.token);
    expect(code(() => target.book(ctxOf(1), { slotId: b!.id, identity: person(1) }))).toBe('none');
  });

  it('purgeDuplicates: at the next release every booking of an e-mail but the first is purged and refused at the counter', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { identityLimit: { purgeDuplicates: true } } });
    advance(SUNDAY_20H);
    // slots of the second week are still ahead at the next release, when the purge runs
    const [a, b, c] = target.availableSlots(ctxOf(1), 'renewal', 1000).filter((s) => s.start > SUNDAY_20H + 7 * DAY);
    const first = target.book(ctxOf(1), { slotId: a!.id, identity: person(1, { email: 'bot@x.fr' }) });
    const second = target.book(ctxOf(1), { slotId: b!.id, identity: person(2, { email: 'BOT@x.fr' }) });
    target.book(ctxOf(1), { slotId: c!.id, identity: person(3) });
    advance(SUNDAY_20H + 7 * DAY);
    const status = Object.fromEntries(target.ledger().map((x) => [x.id, x.status]));
    expect(status[first.booking.id]).toBe('confirmed');
    expect(status[second.booking.id]).toBe('purged');
    expect(target.availableSlots(ctxOf(1), 'renewal', 1)[0]!.id).toBe(b!.id);
    advance(b!.start);
    expect(target.checkIn(first.booking.id, 'renewal', person(1)).served).toBe(true);
    expect(target.checkIn(second.booking.id, 'renewal', person(2))).toEqual({ served: false, reason: 'PURGED' });
  });

  it('exactName: names are required, and a bought convocation is refused to another person', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { exactName: { atCheckIn: true } } });
    advance(SUNDAY_20H);
    const [a] = target.availableSlots(ctxOf(1), 'renewal', 1);
    expect(code(() => target.book(ctxOf(1), { slotId: a!.id, identity: person(1, { firstName: ' ' }) }))).toBe('NAME_REQUIRED');
    const r = target.book(ctxOf(1), { slotId: a!.id, identity: { firstName: 'Moussa', lastName: "N'Diaye", email: 'm@x.fr' } });
    advance(a!.start);
    expect(target.checkIn(r.booking.id, 'renewal', { firstName: 'Fatou', lastName: 'Sow' })).toEqual({ served: false, reason: 'NAME_MISMATCH' });
    expect(target.checkIn(r.booking.id, 'first-request', { firstName: 'Moussa', lastName: 'NDIAYE' })).toEqual({ served: false, reason: 'WRONG_COUNTER' });
    expect(target.checkIn(r.booking.id, 'renewal', { firstName: 'moussa', lastName: 'N Diaye' }).served).toBe(true);
    expect(target.checkIn(r.booking.id, 'renewal', { firstName: 'Moussa', lastName: "N'Diaye" })).toEqual({ served: false, reason: 'ALREADY_USED' });
  });

  it('registryCheck: the AGDREF number must exist and match the name, on the configured counters only', () => {
    const registry = new Map([['7500000001', { firstName: 'Aminata', lastName: 'Diallo1' }]]);
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { registryCheck: { counters: ['renewal'] } } }, { registry: { lookup: (n) => registry.get(n) } });
    advance(SUNDAY_20H);
    const [a, b] = target.availableSlots(ctxOf(1), 'renewal', 2);
    expect(code(() => target.book(ctxOf(1), { slotId: a!.id, identity: person(2, { agdref: '7500000001' }) }))).toBe('REGISTRY_MISMATCH');
    expect(code(() => target.book(ctxOf(1), { slotId: a!.id, identity: person(1, { agdref: '7599999999' }) }))).toBe('REGISTRY_MISMATCH');
    expect(code(() => target.book(ctxOf(1), { slotId: a!.id, identity: person(1, { agdref: '7500000001' }) }))).toBe('none');
    const [w] = target.availableSlots(ctxOf(1), 'first-request', 1);
    expect(code(() => target.book(ctxOf(1), { slotId: w!.id, identity: { firstName: 'A', lastName: 'B', email: 'a@b.fr' } }))).toBe('none');
    expect(b).toBeDefined();
  });

  it('rateLimit: the per-IP bucket refuses past its capacity and refills with time', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { rateLimit: { perIp: { capacity: 3, refillPerMinute: 1 } } } });
    advance(SUNDAY_20H);
    const shared = ctxOf(1, '192.0.2.7');
    for (let i = 0; i < 3; i++) target.availableSlots({ ...shared, session: `s${i}` }, 'renewal');
    expect(code(() => target.availableSlots({ ...shared, session: 'other' }, 'renewal'))).toBe('RATE_LIMITED');
    expect(code(() => target.availableSlots(ctxOf(2, '192.0.2.8'), 'renewal'))).toBe('none');
    advance(SUNDAY_20H + 60_000);
    expect(code(() => target.availableSlots(shared, 'renewal'))).toBe('none');
  });

  it('emailConfirmation: a held booking is released when not confirmed in time', () => {
    const { target, advance } = makeTarget({ ...WEEKLY, measures: { emailConfirmation: { within: '30m' } } });
    advance(SUNDAY_20H);
    const [a, b] = target.availableSlots(ctxOf(1), 'renewal', 2);
    const held = target.book(ctxOf(1), { slotId: a!.id, identity: person(1) });
    const kept = target.book(ctxOf(2), { slotId: b!.id, identity: person(2) });
    expect(held.booking.status).toBe('held');
    const code2 = /: (\w+)/.exec(target.mailFor('p2@example.org')[0]!.body)![1]!;
    expect(code(() => target.confirm(kept.booking.id, 'wrong'))).toBe('TOKEN_INVALID');
    target.confirm(kept.booking.id, code2);
    advance(SUNDAY_20H + 31 * 60_000);
    const status = Object.fromEntries(target.ledger().map((x) => [x.id, x.status]));
    expect(status).toEqual({ [held.booking.id]: 'expired', [kept.booking.id]: 'confirmed' });
    expect(target.availableSlots(ctxOf(1), 'renewal', 1)[0]!.id).toBe(a!.id);
  });

  it('capacity: extra desks and days add slots', () => {
    const base = makeTarget(WEEKLY);
    const more = makeTarget({ ...WEEKLY, measures: { capacity: { extraDesks: 1, extraDays: ['wed'] } } });
    base.advance(SUNDAY_20H);
    more.advance(SUNDAY_20H);
    const n = (t: typeof base) => t.target.availableSlots(ctxOf(1), 'renewal', 10_000).length;
    expect(n(base)).toBe(2 * 4 * 14 * 2);
    expect(n(more)).toBe(2 * 5 * 14 * 3);
  });
});

describe('release policies', () => {
  it('lottery: registrants of a draw get at most one slot each; others lose; duplicates refused', () => {
    const { target, advance } = makeTarget({ release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '1w' } });
    advance(MONDAY + DAY);
    const ids = Array.from({ length: 200 }, (_, i) => target.register(ctxOf(i), 'renewal', person(i)).id);
    expect(code(() => target.register(ctxOf(999), 'renewal', person(5)))).toBe('ALREADY_REGISTERED');
    advance(SUNDAY_20H);
    const results = ids.map((id) => target.lotteryResult(id));
    const winners = results.filter((r) => r.outcome === 'won');
    expect(winners).toHaveLength(4 * 14 * 2); // one week of renewal slots
    expect(results.filter((r) => r.outcome === 'lost')).toHaveLength(200 - winners.length);
    expect(new Set(winners.map((w) => w.bookingId)).size).toBe(winners.length);
    const w = winners[0]!;
    expect(target.convocation(w.bookingId!, w.token!).status).toBe('confirmed');
    // the draw is not first come, first served: some late registrants win
    expect(winners.filter((x) => ids.indexOf(x.id) >= winners.length).length).toBeGreaterThan(10);
  });

  it('waiting room: pre-queued visitors are shuffled at release and admitted at the configured rate', () => {
    const { target, advance } = makeTarget({ release: { kind: 'waiting-room', day: 'sun', at: '20:00', preQueue: '30m', admitPerMinute: 2, horizon: '1w' } });
    advance(SUNDAY_20H - 2 * HOUR);
    expect(code(() => target.joinWaitingRoom(ctxOf(0), 'renewal'))).toBe('NOT_OPEN');
    advance(SUNDAY_20H - 10 * 60_000);
    const tickets = Array.from({ length: 6 }, (_, i) => target.joinWaitingRoom(ctxOf(i), 'renewal'));
    advance(SUNDAY_20H);
    const after = target.joinWaitingRoom(ctxOf(6), 'renewal');
    expect(after.position).toBe(6);
    const seen = tickets.map((t) => target.ticket(t.id));
    expect(seen.map((t) => t.position).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(seen.map((t) => t.position)).not.toEqual([0, 1, 2, 3, 4, 5]);
    const last = seen.find((t) => t.position === 5)!;
    expect(last.admitAt).toBe(SUNDAY_20H + 2 * 60_000);
    const [slot] = target.availableSlots(ctxOf(0), 'renewal', 1);
    const i = tickets.findIndex((t) => t.id === last.id);
    expect(code(() => target.book(ctxOf(i), { slotId: slot!.id, identity: person(i) }))).toBe('NOT_ADMITTED');
    expect(code(() => target.book(ctxOf(i), { slotId: slot!.id, identity: person(i), ticket: last.id }))).toBe('NOT_ADMITTED');
    expect(code(() => target.book(ctxOf(99), { slotId: slot!.id, identity: person(i), ticket: last.id }))).toBe('NOT_ADMITTED');
    advance(SUNDAY_20H + 2 * 60_000);
    expect(code(() => target.book(ctxOf(i), { slotId: slot!.id, identity: person(i), ticket: last.id }))).toBe('none');
    // a week later the ticket is stale: one queue per release
    advance(SUNDAY_20H + 7 * DAY);
    const [next] = target.availableSlots(ctxOf(0), 'renewal', 1);
    expect(code(() => target.book(ctxOf(i), { slotId: next!.id, identity: person(100 + i), ticket: last.id }))).toBe('NOT_ADMITTED');
  });

  it('random release: batches at seeded times inside the window, spreading the horizon', () => {
    const { target, advance } = makeTarget({ release: { kind: 'random', batchesPerWeek: 5, window: 'mon-fri 08:00-18:00', horizon: '2w' } });
    const counts: number[] = [];
    for (let h = 0; h < 14 * 24; h++) {
      advance(MONDAY + h * HOUR);
      counts.push(target.availableSlots(ctxOf(h), 'renewal', 10_000).length);
    }
    // hour h (from Monday 00:00 Paris) saw more slots than hour h-1: a batch came in (h-1 h, h h]
    const jumps = counts.flatMap((c, h) => (h > 0 && c > counts[h - 1]! ? [h] : []));
    expect(jumps.length).toBeGreaterThanOrEqual(6);
    expect(jumps.length).toBeLessThanOrEqual(10); // five batches a week, two weeks
    for (const h of jumps) {
      const day = Math.floor(h / 24) % 7; // 0 = Monday
      const hour = h % 24;
      expect(day <= 4 && hour >= 8 && hour <= 18, `a batch at day ${day}, ${hour}:00`).toBe(true);
    }
  });

  it('continuous release: slots go online as they enter the horizon', () => {
    const { target, advance } = makeTarget({ release: { kind: 'continuous', horizon: '1w' } });
    advance(MONDAY + 1);
    const first = target.availableSlots(ctxOf(1), 'renewal', 10_000).length;
    advance(MONDAY + DAY);
    expect(target.availableSlots(ctxOf(1), 'renewal', 10_000).length).toBeGreaterThan(first - 28);
    expect(first).toBeGreaterThan(0);
  });
});
