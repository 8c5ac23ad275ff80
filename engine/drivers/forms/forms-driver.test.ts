/**
 * The forms driver against a real target (SQLite file, port 0, trust-proxy on): the same flow
 * through it and through the HTTP driver, on two targets with the same policy and clock, gives
 * the same outcomes (ids and secrets aside); lottery, waiting room, identity and failures too.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action, Outcome } from '../../../bots/actions.js';
import { ERROR_CODES } from '../../../target/domain/errors.js';
import { ERROR_FR } from '../../../target/http/views/format.js';
import { config, MONDAY, person, startTest, TOKEN, type TestTarget } from '../../../target/http/test-support/http-fixture.js';
import type { AgentNet, LiveDriver, LiveDriverFactory, TargetAction } from '../driver.js';
import { createHttpDriver } from '../http/http-driver.js';
import { createFormsDriver } from './forms-driver.js';
import { codeOfMessage, REFUSAL_MESSAGES } from './refusal-messages.js';

const HOUR = 3_600_000;
const SUNDAY_20H = MONDAY + 6 * 24 * HOUR + 20 * HOUR;
const net = (n: number, ip = `10.0.1.${n}`): AgentNet => ({ ip, session: `forms-session-${n}` });

const running: Array<{ t: TestTarget; d: LiveDriver }> = [];
afterEach(async () => {
  for (const { t, d } of running.splice(0)) {
    await d.close();
    await t.stop();
  }
});

async function start(factory: LiveDriverFactory, extra: Parameters<typeof config>[0] = {}) {
  const t = await startTest({ config: config(extra), trustProxy: true, sqliteFile: true });
  const d = await factory({ url: t.url, adminToken: TOKEN, timeoutMs: 5000, connections: 4 });
  running.push({ t, d });
  return { t, d };
}

/** What must agree between drivers: everything but the ids and secrets the target draws. */
function comparable(o: Outcome): unknown {
  switch (o.kind) {
    case 'booked': {
      const { bookingId: _b, token: _t, ...rest } = o.convocation;
      return { kind: o.kind, convocation: rest, confirmBy: o.confirmBy };
    }
    case 'challenge': return { kind: o.kind, challenge: o.challenge.kind };
    case 'registered': return { kind: o.kind, drawAt: o.drawAt };
    case 'ticket': return { kind: o.kind, releaseAt: o.releaseAt, admitAt: o.admitAt };
    default: return o;
  }
}

/** The booking path with its refusals, as agents would drive it; returns every outcome. */
async function bookingFlow(t: TestTarget, d: LiveDriver): Promise<Outcome[]> {
  const out: Outcome[] = [];
  const run = async (who: AgentNet, a: TargetAction) => {
    const r = await d.perform(who, a);
    out.push(r.outcome);
    return r.outcome;
  };
  const answerOf = (o: Outcome) => (o.kind === 'challenge' ? { id: o.challenge.id, answer: t.store.getChallenge(o.challenge.id)!.answer! } : undefined);
  const me = net(1);
  const list = await run(me, { kind: 'list', counter: 'renewal', limit: 3 });
  const slot = list.kind === 'slots' ? list.slots[0]! : undefined;
  if (!slot) throw new Error('no slot');
  await run(me, { kind: 'book', slotId: slot.id, identity: person(1) });
  const captcha = answerOf(await run(me, { kind: 'captcha' }));
  const booked = await run(me, { kind: 'book', slotId: slot.id, identity: person(1), ...(captcha ? { captcha } : {}) });
  if (booked.kind !== 'booked') throw new Error(`not booked: ${JSON.stringify(booked)}`);
  const other = net(2);
  await run(other, { kind: 'list', counter: 'renewal', limit: 3 });
  const c2 = answerOf(await run(other, { kind: 'captcha' }));
  await run(other, { kind: 'book', slotId: slot.id, identity: person(2), ...(c2 ? { captcha: c2 } : {}) });
  const c3 = answerOf(await run(other, { kind: 'captcha' }));
  await run(other, { kind: 'book', slotId: (list as Extract<Outcome, { kind: 'slots' }>).slots[1]!.id, identity: person(2), captcha: { id: c3!.id, answer: 'wrong' } });
  const { bookingId, token } = booked.convocation;
  await run(me, { kind: 'confirm', bookingId, email: 'nobody@example.org' });
  await run(me, { kind: 'confirm', bookingId, email: 'p1@example.org' });
  out.push((await d.checkIn({ kind: 'checkIn', bookingId, counter: 'first-request', presented: { firstName: 'Aminata', lastName: 'Diallo1' } })).outcome);
  await run(me, { kind: 'cancel', bookingId, token: 'not-the-token' });
  await run(me, { kind: 'cancel', bookingId, token });
  await run(me, { kind: 'cancel', bookingId, token });
  await run(me, { kind: 'list', counter: 'nope' });
  await run(me, { kind: 'list', counter: 'renewal', limit: 4, minLeadMs: slot.start - t.clockAt.t + 3 * HOUR });
  return out;
}

describe('forms driver: the same outcomes as the HTTP driver', () => {
  it('the booking path: captcha, refusals with their codes, confirm by mail, check-in, cancel, later weeks', async () => {
    const policy = { measures: { captcha: { kind: 'challenge' as const }, emailConfirmation: { within: '30m' } } };
    const viaApi = await start(createHttpDriver, policy);
    const viaForms = await start(createFormsDriver, policy);
    const api = await bookingFlow(viaApi.t, viaApi.d);
    const forms = await bookingFlow(viaForms.t, viaForms.d);
    expect(forms.map(comparable)).toEqual(api.map(comparable));
    // and those outcomes are the right ones
    expect(forms.map((o) => (o.kind === 'rejected' ? o.rejected : o.kind))).toEqual([
      'slots', 'CAPTCHA_REQUIRED', 'challenge', 'booked', 'slots', 'challenge', 'SLOT_TAKEN', 'challenge', 'CAPTCHA_INVALID',
      'NOT_FOUND', 'ok', 'checkIn', 'TOKEN_INVALID', 'ok', 'BOOKING_NOT_ACTIVE', 'NOT_FOUND', 'slots',
    ]);
    const booked = forms[3] as Extract<Outcome, { kind: 'booked' }>;
    expect(booked.confirmBy).toBe(viaForms.t.clockAt.t + 30 * 60_000);
    expect(viaForms.t.store.getBooking(booked.convocation.bookingId)?.token).toBe(booked.convocation.token);
    const later = forms[16] as Extract<Outcome, { kind: 'slots' }>;
    expect(later.slots).toHaveLength(4);
    expect(later.slots[0]!.start).toBeGreaterThan((forms[0] as Extract<Outcome, { kind: 'slots' }>).slots[0]!.start + 3 * HOUR);
  });

  it('lottery: the registration page, then the result with its convocation', async () => {
    const lottery = { release: { kind: 'lottery' as const, day: 'sun' as const, at: '20:00', registration: '7d', horizon: '2w' } };
    const results: Outcome[][] = [];
    for (const factory of [createHttpDriver, createFormsDriver]) {
      const { t, d } = await start(factory, lottery);
      const reg = await d.perform(net(1), { kind: 'register', counter: 'renewal', identity: person(1) });
      const twice = await d.perform(net(2), { kind: 'register', counter: 'renewal', identity: person(1) });
      t.clockAt.t = SUNDAY_20H + 60_000;
      const id = reg.outcome.kind === 'registered' ? reg.outcome.registrationId : '';
      const won = await d.perform(net(1), { kind: 'lotteryResult', registrationId: id });
      results.push([reg.outcome, twice.outcome, won.outcome]);
    }
    const [api, forms] = results as [Outcome[], Outcome[]];
    expect(forms[0]).toEqual({ kind: 'registered', registrationId: expect.any(String), drawAt: SUNDAY_20H });
    expect(forms[1]).toEqual({ kind: 'rejected', rejected: 'ALREADY_REGISTERED' });
    expect(forms[2]).toMatchObject({ kind: 'lottery', outcome: 'won', convocation: { counter: 'renewal', name: 'Aminata Diallo1' } });
    const strip = (o: Outcome) => (o.kind === 'lottery' && o.convocation ? { ...o, convocation: { ...o.convocation, bookingId: '', token: '' } } : comparable(o));
    expect(forms.map(strip)).toEqual(api.map(strip));
  });

  it('waiting room: the queue button, then the ticket', async () => {
    const room = { release: { kind: 'waiting-room' as const, day: 'sun' as const, at: '20:00', preQueue: '30m', admitPerMinute: 1, horizon: '2w' } };
    const { t, d } = await start(createFormsDriver, room);
    expect((await d.perform(net(1), { kind: 'joinRoom', counter: 'renewal' })).outcome).toEqual({ kind: 'rejected', rejected: 'NOT_OPEN' });
    t.clockAt.t = SUNDAY_20H - 15 * 60_000;
    const joined = await d.perform(net(1), { kind: 'joinRoom', counter: 'renewal' });
    expect(joined.outcome).toEqual({ kind: 'ticket', ticketId: expect.any(String), releaseAt: SUNDAY_20H });
    t.clockAt.t = SUNDAY_20H + 1000;
    const read = await d.perform(net(1), { kind: 'ticket', ticketId: (joined.outcome as { ticketId: string }).ticketId });
    expect(read.outcome).toMatchObject({ kind: 'ticket', releaseAt: SUNDAY_20H, admitAt: SUNDAY_20H });
  });

  it('batch release: the form\'s request, then its decision, as over the JSON API', async () => {
    const batch = { release: { kind: 'batch' as const, day: 'sun' as const, at: '20:00', interval: '10m', horizon: '2w' } };
    const results: Outcome[][] = [];
    for (const factory of [createHttpDriver, createFormsDriver]) {
      const { t, d } = await start(factory, batch);
      t.clockAt.t = SUNDAY_20H + 60_000;
      const listed = await d.perform(net(1), { kind: 'list', counter: 'renewal', limit: 1 });
      const slotId = listed.outcome.kind === 'slots' ? listed.outcome.slots[0]?.id ?? '' : '';
      const asked = await d.perform(net(1), { kind: 'book', slotId, identity: person(1) });
      const requestId = asked.outcome.kind === 'pending' ? asked.outcome.requestId : '';
      t.clockAt.t = SUNDAY_20H + 10 * 60_000;
      const decided = await d.perform(net(1), { kind: 'bookingResult', requestId });
      results.push([asked.outcome, decided.outcome]);
    }
    const [api, forms] = results as [Outcome[], Outcome[]];
    expect(forms[0]).toEqual({ kind: 'pending', requestId: expect.any(String), decideAt: SUNDAY_20H + 10 * 60_000 });
    expect(forms[1]).toMatchObject({ kind: 'booked', convocation: { counter: 'renewal', name: 'Aminata Diallo1' } });
    const strip = (o: Outcome) => (o.kind === 'pending' ? { ...o, requestId: '' } : comparable(o));
    expect(forms.map(strip)).toEqual(api.map(strip));
  });
});

describe('forms driver: identity, failures, what it knows of the site', () => {
  it('the forwarded IP reaches the rate limiter: the refusal page reads RATE_LIMITED', async () => {
    const { d } = await start(createFormsDriver, { measures: { rateLimit: { perIp: { capacity: 1, refillPerMinute: 1 } } } });
    const list: Action & TargetAction = { kind: 'list', counter: 'renewal', limit: 1 };
    expect((await d.perform(net(1, '192.0.2.1'), list)).status).toBe(200);
    expect(await d.perform(net(2, '192.0.2.1'), list)).toEqual({ outcome: { kind: 'rejected', rejected: 'RATE_LIMITED' }, status: 429 });
    expect((await d.perform(net(3, '192.0.2.2'), list)).status).toBe(200);
  });

  it('a stopped target is UNAVAILABLE with a connection failure', async () => {
    const { t, d } = await start(createFormsDriver);
    await t.stop();
    expect(await d.perform(net(1), { kind: 'list', counter: 'renewal' }))
      .toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'connection' });
  });

  it('a server that never answers is a timeout; a page it cannot read is a protocol failure', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((sock) => { sockets.push(sock); });
    const page = '<p>not the page you want</p>';
    const other = createServer((sock) => sock.once('data', () => sock.end(
      `HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${page.length}\r\n\r\n${page}`,
    )));
    await Promise.all([silent, other].map((srv) => new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))));
    const url = (srv: Server) => `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    const [quiet, wrong] = [silent, other].map((srv) => createFormsDriver({ url: url(srv), adminToken: 'x', timeoutMs: 200 }));
    try {
      expect(await quiet!.perform(net(1), { kind: 'list', counter: 'renewal' }))
        .toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 0, failure: 'timeout' });
      expect(await wrong!.perform(net(1), { kind: 'list', counter: 'renewal' }))
        .toEqual({ outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: 200, failure: 'protocol' });
    } finally {
      await Promise.all([quiet!.close(), wrong!.close()]);
      for (const sock of sockets) sock.destroy();
      await Promise.all([silent, other].map((srv) => new Promise((r) => srv.close(r))));
    }
  });

  it('knows every refusal message of the target, each to its own code', () => {
    for (const code of ERROR_CODES) expect(codeOfMessage(ERROR_FR[code]), code).toBe(code);
    expect(new Set(REFUSAL_MESSAGES.map(([, c]) => c)).size).toBe(REFUSAL_MESSAGES.length);
    expect(codeOfMessage('Une erreur interne est survenue.')).toBeUndefined();
  });
});
