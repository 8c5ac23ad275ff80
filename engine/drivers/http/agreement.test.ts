/**
 * The HTTP driver answers what the in-process driver answers: the same flow of actions, with the
 * same policy, counters and clock, through both (the in-process target on its memory store, the
 * HTTP one a real server on SQLite) gives the same outcomes, ids and secrets aside.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Outcome } from '../../../bots/actions.js';
import { config, MONDAY, person, startTest, TOKEN, type TestTarget } from '../../../target/http/test-support/http-fixture.js';
import { settingsFrom } from '../../../target/http/server.js';
import type { AgentNet, CheckInAction, LiveDriver, TargetAction } from '../driver.js';
import { InProcessDriver } from '../in-process/in-process-driver.js';
import { createHttpDriver } from './http-driver.js';

interface Performer {
  perform(net: AgentNet, a: TargetAction): Promise<Outcome>;
  checkIn(a: CheckInAction): Promise<Outcome>;
  answerOf(challengeId: string): string;
}

const POLICY = config({ measures: { captcha: { kind: 'challenge' }, emailConfirmation: { within: '30m' }, identityLimit: { perEmail: 1 } } });

function comparable(o: Outcome): unknown {
  if (o.kind === 'booked') {
    const { bookingId: _b, token: _t, ...rest } = o.convocation;
    return { kind: o.kind, convocation: rest, confirmBy: o.confirmBy };
  }
  if (o.kind === 'challenge') return { kind: o.kind, challenge: o.challenge.kind };
  return o;
}

async function flow(p: Performer): Promise<unknown[]> {
  const out: Outcome[] = [];
  const run = async (who: AgentNet, a: TargetAction) => {
    const o = await p.perform(who, a);
    out.push(o);
    return o;
  };
  const solved = (o: Outcome) => (o.kind === 'challenge' ? { id: o.challenge.id, answer: p.answerOf(o.challenge.id) } : undefined);
  const me = { ip: '10.2.0.1', session: 'agreement-1' };
  const list = await run(me, { kind: 'list', counter: 'renewal', limit: 5 });
  const slots = list.kind === 'slots' ? list.slots : [];
  await run(me, { kind: 'list', counter: 'renewal', limit: 5, minLeadMs: slots[2]!.start - MONDAY });
  await run(me, { kind: 'book', slotId: slots[0]!.id, identity: person(1) });
  const booked = await run(me, { kind: 'book', slotId: slots[0]!.id, identity: person(1), ...{ captcha: solved(await run(me, { kind: 'captcha' }))! } });
  await run(me, { kind: 'book', slotId: slots[1]!.id, identity: person(1), captcha: solved(await run(me, { kind: 'captcha' }))! });
  await run(me, { kind: 'book', slotId: slots[0]!.id, identity: person(2), captcha: solved(await run(me, { kind: 'captcha' }))! });
  await run(me, { kind: 'book', slotId: 'renewal@2031-01-06T08:30#1', identity: person(3), captcha: solved(await run(me, { kind: 'captcha' }))! });
  if (booked.kind !== 'booked') throw new Error(`not booked: ${JSON.stringify(booked)}`);
  const { bookingId, token } = booked.convocation;
  await run(me, { kind: 'confirm', bookingId, email: 'p1@example.org' });
  await run(me, { kind: 'confirm', bookingId, email: 'p1@example.org' });
  out.push(await p.checkIn({ kind: 'checkIn', bookingId, counter: 'renewal', presented: { firstName: 'Aminata', lastName: 'Diallo1' } }));
  await run(me, { kind: 'cancel', bookingId, token }); // used at the counter: no longer active
  await run(me, { kind: 'register', counter: 'renewal', identity: person(4) });
  await run(me, { kind: 'joinRoom', counter: 'renewal' });
  return out.map(comparable);
}

let t: TestTarget | undefined;
let http: LiveDriver | undefined;
afterEach(async () => {
  await http?.close();
  await t?.stop();
});

describe('HTTP driver and in-process driver', () => {
  it('give the same outcomes for the same actions', async () => {
    const sim = new InProcessDriver({
      settings: settingsFrom(POLICY), clock: { now: () => MONDAY }, seed: 1,
      listener: { released: () => {}, booked: () => {}, statusChanged: () => {}, slotState: () => {} },
    });
    sim.tick();
    const inProcess = await flow({
      perform: async (net, a) => sim.perform(net, a),
      checkIn: async (a) => sim.checkIn(a),
      answerOf: (id) => sim.expectedAnswer(id) ?? '',
    });

    t = await startTest({ config: POLICY, trustProxy: true, sqliteFile: true });
    const target = t;
    const d = createHttpDriver({ url: target.url, adminToken: TOKEN });
    http = d;
    const overHttp = await flow({
      perform: async (net, a) => (await d.perform(net, a)).outcome,
      checkIn: async (a) => (await d.checkIn(a)).outcome,
      answerOf: (id) => target.store.getChallenge(id)?.answer ?? '',
    });

    expect(overHttp).toEqual(inProcess);
    // and the flow met what it was written for
    expect(overHttp.map((o) => (o as { rejected?: string }).rejected ?? (o as { kind: string }).kind)).toEqual([
      'slots', 'slots', 'CAPTCHA_REQUIRED', 'challenge', 'booked', 'challenge', 'LIMIT_REACHED', 'challenge', 'SLOT_TAKEN',
      'challenge', 'NOT_FOUND', 'ok', 'BOOKING_NOT_ACTIVE', 'checkIn', 'BOOKING_NOT_ACTIVE', 'NOT_OPEN', 'NOT_OPEN',
    ]);
  });
});
