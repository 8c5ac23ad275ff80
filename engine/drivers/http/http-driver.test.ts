/**
 * The HTTP driver against a real target (SQLite file, 127.0.0.1 port 0, trust-proxy on, its
 * clock moved by hand): every action kind with the outcome it should give, failures as
 * UNAVAILABLE with their kind, and the forwarded identity reaching the rate limiter.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../bots/actions.js';
import { config, MONDAY, person, startTest, TOKEN, type TestTarget } from '../../../target/http/test-support/http-fixture.js';
import type { AgentNet, LiveDriver } from '../driver.js';
import { createHttpDriver } from './http-driver.js';
import { sessionHeader } from './identity.js';
import { confirmCodeOf } from './wire-answers.js';

const HOUR = 3_600_000;
const SUNDAY_20H = MONDAY + 6 * 24 * HOUR + 20 * HOUR;
const net = (n: number, ip = `10.0.0.${n}`): AgentNet => ({ ip, session: `agent-session-${n}` });

let t: TestTarget | undefined;
let driver: LiveDriver | undefined;
afterEach(async () => {
  await driver?.close();
  await t?.stop();
  t = undefined;
  driver = undefined;
});

async function start(extra: Parameters<typeof config>[0] = {}): Promise<{ t: TestTarget; d: LiveDriver }> {
  t = await startTest({ config: config(extra), trustProxy: true, sqliteFile: true });
  driver = createHttpDriver({ url: t.url, adminToken: TOKEN, timeoutMs: 5000, connections: 4 });
  return { t, d: driver };
}

const slotsOf = (o: Outcome) => (o.kind === 'slots' ? o.slots : []);

describe('HTTP driver: the booking path', () => {
  it('lists, solves the captcha, books, confirms by the mailed code, checks in, cancels', async () => {
    const { t, d } = await start({ measures: { captcha: { kind: 'challenge' }, emailConfirmation: { within: '30m' } } });
    const me = net(1);
    const list = await d.perform(me, { kind: 'list', counter: 'renewal', limit: 3 });
    expect(list.status).toBe(200);
    expect(slotsOf(list.outcome)).toHaveLength(3);
    const slot = slotsOf(list.outcome)[0]!;

    const noCaptcha = await d.perform(me, { kind: 'book', slotId: slot.id, identity: person(1) });
    expect(noCaptcha).toEqual({ outcome: { kind: 'rejected', rejected: 'CAPTCHA_REQUIRED' }, status: 403 });

    const c = await d.perform(me, { kind: 'captcha' });
    expect([c.status, c.outcome.kind]).toEqual([201, 'challenge']);
    if (c.outcome.kind !== 'challenge') throw new Error('no challenge');
    const answer = t.store.getChallenge(c.outcome.challenge.id)?.answer;
    expect(answer).toBeTruthy();
    const booked = await d.perform(me, { kind: 'book', slotId: slot.id, identity: person(1), captcha: { id: c.outcome.challenge.id, answer: answer! } });
    expect(booked.status).toBe(201);
    if (booked.outcome.kind !== 'booked') throw new Error(`not booked: ${JSON.stringify(booked)}`);
    const conv = booked.outcome.convocation;
    expect(conv).toMatchObject({ slotId: slot.id, counter: 'renewal', slotStart: slot.start, name: 'Aminata Diallo1' });
    expect(booked.outcome.confirmBy).toBe(t.clockAt.t + 30 * 60_000);
    expect(t.store.getBooking(conv.bookingId)?.token).toBe(conv.token);

    // the same slot again, by someone else with a fresh captcha: taken
    const c2 = await d.perform(net(2), { kind: 'captcha' });
    if (c2.outcome.kind !== 'challenge') throw new Error('no challenge');
    const again = await d.perform(net(2), {
      kind: 'book', slotId: slot.id, identity: person(2), captcha: { id: c2.outcome.challenge.id, answer: t.store.getChallenge(c2.outcome.challenge.id)!.answer! },
    });
    expect(again).toEqual({ outcome: { kind: 'rejected', rejected: 'SLOT_TAKEN' }, status: 409 });

    const wrongMail = await d.perform(me, { kind: 'confirm', bookingId: conv.bookingId, email: 'nobody@example.org' });
    expect(wrongMail.outcome).toEqual({ kind: 'rejected', rejected: 'NOT_FOUND' });
    const confirmed = await d.perform(me, { kind: 'confirm', bookingId: conv.bookingId, email: 'p1@example.org' });
    expect(confirmed).toEqual({ outcome: { kind: 'ok' }, status: 200 });
    expect(t.store.getBooking(conv.bookingId)?.status).toBe('confirmed');

    const presented = { firstName: 'Aminata', lastName: 'Diallo1' };
    const elsewhere = await d.checkIn({ kind: 'checkIn', bookingId: conv.bookingId, counter: 'first-request', presented });
    expect(elsewhere).toEqual({ outcome: { kind: 'checkIn', served: false, reason: 'WRONG_COUNTER' }, status: 200 });
    t.clockAt.t = slot.start;
    const served = await d.checkIn({ kind: 'checkIn', bookingId: conv.bookingId, counter: 'renewal', presented });
    expect(served).toEqual({ outcome: { kind: 'checkIn', served: true }, status: 200 });
    const twice = await d.checkIn({ kind: 'checkIn', bookingId: conv.bookingId, counter: 'renewal', presented });
    expect(twice.outcome).toEqual({ kind: 'checkIn', served: false, reason: 'ALREADY_USED' });

    const badToken = await d.perform(me, { kind: 'cancel', bookingId: conv.bookingId, token: 'not-the-token' });
    expect(badToken).toEqual({ outcome: { kind: 'rejected', rejected: 'TOKEN_INVALID' }, status: 403 });
  });

  it('cancels a booking with its token, and lists later weeks with minLeadMs', async () => {
    const { t, d } = await start();
    const all = slotsOf((await d.perform(net(1), { kind: 'list', counter: 'renewal', limit: 500 })).outcome);
    const lead = all[10]!.start - t.clockAt.t;
    const later = slotsOf((await d.perform(net(1), { kind: 'list', counter: 'renewal', limit: 500, minLeadMs: lead })).outcome);
    expect(later.map((s) => s.id)).toEqual(all.filter((s) => s.start > t.clockAt.t + lead).map((s) => s.id));
    expect(later.length).toBeGreaterThan(0);

    const booked = await d.perform(net(1), { kind: 'book', slotId: all[0]!.id, identity: person(1) });
    if (booked.outcome.kind !== 'booked') throw new Error('not booked');
    expect(booked.outcome.confirmBy).toBeUndefined();
    const { bookingId, token } = booked.outcome.convocation;
    expect(await d.perform(net(1), { kind: 'cancel', bookingId, token })).toEqual({ outcome: { kind: 'ok' }, status: 200 });
    expect(t.store.getBooking(bookingId)?.status).toBe('cancelled');
    const gone = await d.perform(net(1), { kind: 'cancel', bookingId, token });
    expect(gone.outcome).toEqual({ kind: 'rejected', rejected: 'BOOKING_NOT_ACTIVE' });
    const unknown = await d.perform(net(1), { kind: 'list', counter: 'nope' });
    expect(unknown).toEqual({ outcome: { kind: 'rejected', rejected: 'NOT_FOUND' }, status: 404 });
  });

  it('registers for the lottery and reads the won result with its convocation', async () => {
    const { t, d } = await start({ release: { kind: 'lottery', day: 'sun', at: '20:00', registration: '7d', horizon: '2w' } });
    const reg = await d.perform(net(1), { kind: 'register', counter: 'renewal', identity: person(1) });
    expect(reg).toEqual({ outcome: { kind: 'registered', registrationId: expect.any(String), drawAt: SUNDAY_20H }, status: 201 });
    if (reg.outcome.kind !== 'registered') throw new Error('not registered');
    const twice = await d.perform(net(2), { kind: 'register', counter: 'renewal', identity: person(1) });
    expect(twice.outcome).toEqual({ kind: 'rejected', rejected: 'ALREADY_REGISTERED' });
    const before = await d.perform(net(1), { kind: 'lotteryResult', registrationId: reg.outcome.registrationId });
    expect(before).toEqual({ outcome: { kind: 'lottery' }, status: 200 });

    t.clockAt.t = SUNDAY_20H + 60_000;
    const won = await d.perform(net(1), { kind: 'lotteryResult', registrationId: reg.outcome.registrationId });
    expect(won.outcome).toMatchObject({ kind: 'lottery', outcome: 'won' });
    if (won.outcome.kind !== 'lottery' || !won.outcome.convocation) throw new Error('no convocation');
    const b = t.store.getBooking(won.outcome.convocation.bookingId)!;
    expect(won.outcome.convocation).toEqual({ bookingId: b.id, token: b.token, slotId: b.slotId, counter: 'renewal', slotStart: b.slotStart, name: 'Aminata Diallo1' });
    const none = await d.perform(net(1), { kind: 'lotteryResult', registrationId: 'r-none' });
    expect(none.outcome).toEqual({ kind: 'rejected', rejected: 'NOT_FOUND' });
  });

  it('joins the waiting room and reads the ticket after the release', async () => {
    const { t, d } = await start({ release: { kind: 'waiting-room', day: 'sun', at: '20:00', preQueue: '30m', admitPerMinute: 1, horizon: '2w' } });
    const closed = await d.perform(net(1), { kind: 'joinRoom', counter: 'renewal' });
    expect(closed).toEqual({ outcome: { kind: 'rejected', rejected: 'NOT_OPEN' }, status: 409 });
    t.clockAt.t = SUNDAY_20H - 15 * 60_000;
    const joined = await d.perform(net(1), { kind: 'joinRoom', counter: 'renewal' });
    expect(joined).toEqual({ outcome: { kind: 'ticket', ticketId: expect.any(String), releaseAt: SUNDAY_20H }, status: 201 });
    if (joined.outcome.kind !== 'ticket') throw new Error('no ticket');
    t.clockAt.t = SUNDAY_20H + 1000;
    const read = await d.perform(net(1), { kind: 'ticket', ticketId: joined.outcome.ticketId });
    // alone in the pre-queue: first, admitted at the release
    expect(read).toEqual({ outcome: { kind: 'ticket', ticketId: joined.outcome.ticketId, releaseAt: SUNDAY_20H, admitAt: SUNDAY_20H }, status: 200 });
  });
});

describe('HTTP driver: identity and failures', () => {
  it('sends the agent IP in X-Forwarded-For: a rate limit per IP refuses a second request on that IP, not on another', async () => {
    const { d } = await start({ measures: { rateLimit: { perIp: { capacity: 1, refillPerMinute: 1 } } } });
    const list = { kind: 'list', counter: 'renewal', limit: 1 } as const;
    expect((await d.perform(net(1, '192.0.2.1'), list)).status).toBe(200);
    // another session, same IP: the bucket of the IP is empty
    expect(await d.perform(net(2, '192.0.2.1'), list)).toEqual({ outcome: { kind: 'rejected', rejected: 'RATE_LIMITED' }, status: 429 });
    expect((await d.perform(net(3, '192.0.2.2'), list)).status).toBe(200);
  });

  it('sends an engine session name (with ":") in a form the target takes, the same for every request', async () => {
    const { t, d } = await start();
    const crewAgent = { ip: '198.51.0.3', session: 's-crew:paris:3' };
    const list = await d.perform(crewAgent, { kind: 'list', counter: 'renewal', limit: 1 });
    const slot = slotsOf(list.outcome)[0]!;
    const booked = await d.perform(crewAgent, { kind: 'book', slotId: slot.id, identity: person(7) });
    if (booked.outcome.kind !== 'booked') throw new Error(`not booked: ${JSON.stringify(booked)}`);
    const b = t.store.getBooking(booked.outcome.convocation.bookingId)!;
    expect([b.session, b.ip]).toEqual([sessionHeader('s-crew:paris:3'), '198.51.0.3']);
  });

  it('a stopped target is UNAVAILABLE with a connection failure, never a throw', async () => {
    const { t, d } = await start();
    await t.stop();
    const a = await d.perform(net(1), { kind: 'list', counter: 'renewal' });
    expect(a).toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'connection' });
    const c = await d.checkIn({ kind: 'checkIn', bookingId: 'b1', counter: 'renewal', presented: { firstName: 'a', lastName: 'b' } });
    expect(c.failure).toBe('connection');
  });

  it('a server that never answers is a timeout; one that answers garbage is a protocol failure; a 5xx is UNAVAILABLE', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => { sockets.push(s); });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const garbage = createServer((s) => s.once('data', () => s.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 5\r\n\r\nnot j')));
    await new Promise<void>((r) => garbage.listen(0, '127.0.0.1', r));
    const failing = createServer((s) => s.once('data', () => s.end('HTTP/1.1 503 Service Unavailable\r\ncontent-length: 4\r\n\r\nbusy')));
    await new Promise<void>((r) => failing.listen(0, '127.0.0.1', r));
    const url = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    const drivers = [silent, garbage, failing].map((s) => createHttpDriver({ url: url(s), adminToken: 'x', timeoutMs: 200 }));
    try {
      const list = { kind: 'list', counter: 'renewal' } as const;
      const [timedOut, unparseable, busy] = await Promise.all(drivers.map((d) => d.perform(net(1), list)));
      expect(timedOut).toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'timeout' });
      expect(unparseable).toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 200, failure: 'protocol' });
      expect(busy).toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 503 });
    } finally {
      await Promise.all(drivers.map((d) => d.close()));
      for (const s of sockets) s.destroy();
      await Promise.all([silent, garbage, failing].map((s) => new Promise((r) => s.close(r))));
    }
  });
});

describe('reading the confirmation mail', () => {
  it('takes the last word of the last mail about the booking, base64url characters included', () => {
    const mail = { mail: [
      { bookingId: 'b1', body: 'Code de confirmation : old' },
      { bookingId: 'b2', body: 'Code de confirmation : other' },
      { bookingId: 'b1', body: 'Code de confirmation : a-b_C9\n' },
    ] };
    expect(confirmCodeOf(mail, 'b1')).toBe('a-b_C9');
    expect(confirmCodeOf(mail, 'b3')).toBeUndefined();
    expect(confirmCodeOf({ nope: 1 }, 'b1')).toBeUndefined();
  });
});

describe('HTTP driver: batch release', () => {
  it('a booking is pending until its batch closes, then bookingResult gives the booking or the refusal', async () => {
    const { t, d } = await start({ release: { kind: 'batch', day: 'sun', at: '20:00', interval: '1h', horizon: '2w' } });
    t.clockAt.t = SUNDAY_20H + 1000;
    const slot = slotsOf((await d.perform(net(1), { kind: 'list', counter: 'renewal', limit: 1 })).outcome)[0]!;
    const pending = await d.perform(net(1), { kind: 'book', slotId: slot.id, identity: person(1) });
    expect(pending.status).toBe(202);
    if (pending.outcome.kind !== 'pending') throw new Error(`not pending: ${JSON.stringify(pending)}`);
    expect(pending.outcome.decideAt).toBe(SUNDAY_20H + HOUR);
    const twice = await d.perform(net(1), { kind: 'book', slotId: slot.id, identity: person(1) });
    expect(twice.outcome).toEqual({ kind: 'rejected', rejected: 'REQUEST_PENDING' });
    const early = await d.perform(net(1), { kind: 'bookingResult', requestId: pending.outcome.requestId });
    expect(early.outcome.kind).toBe('pending');
    t.clockAt.t = SUNDAY_20H + HOUR;
    const decided = await d.perform(net(1), { kind: 'bookingResult', requestId: pending.outcome.requestId });
    expect(decided.outcome).toMatchObject({ kind: 'booked', convocation: { slotId: slot.id, name: 'Aminata Diallo1' } });
    const stranger = await d.perform(net(2), { kind: 'bookingResult', requestId: pending.outcome.requestId });
    expect(stranger.outcome).toEqual({ kind: 'rejected', rejected: 'NOT_FOUND' });
  });
});
