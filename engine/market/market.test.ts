import { describe, expect, it } from 'vitest';
import type { Convocation, CrewNotice, Identity, MarketMessage } from '../../bots/actions.js';
import { createCrewState, crewNotices } from '../../bots/crew.js';
import { emptyQueues, hold } from '../../bots/holdings.js';
import { ScalperCrewSchema } from '../../scenarios/schema/population.js';
import { mergePolicy } from '../../scenarios/schema.js';
import { PolicyOverrideSchema } from '../../scenarios/schema/policies.js';
import { Market } from './market.js';
import { simulateReplication } from '../run/replication.js';
import { scenario, WORKERS } from '../test-support/scenarios.js';

const DAY = 86_400_000;
const buyer: Identity = { firstName: 'Aïcha', lastName: 'El Amrani', email: 'aicha@example.org', agdref: '3400000001' };

function setup(strategy: 'hoarder' | 'double-seller' | 'broker' | 'sniper') {
  const crew = ScalperCrewSchema.parse({ crew: 'c', strategy, agents: 2, pollEverySeconds: 1, priceEur: 100 });
  const state = createCrewState(crew);
  const posts: [string, MarketMessage][] = [];
  const paid: [string, number][] = [];
  let doubles = 0;
  let now = 0;
  const notices: CrewNotice[] = [];
  const toCrew = crewNotices(state);
  const notify = (n: CrewNotice) => {
    notices.push(n);
    toCrew(n);
  };
  const market = new Market([{ crew, notify, agents: ['bot0', 'bot1'], counters: ['renewal'] }], {
    now: () => now,
    post: (to, m) => posts.push([to, m]),
    paid: (b, _crew, eur) => paid.push([b, eur]),
    doubleSold: () => doubles++,
  });
  const conv = (id: string, start: number): Convocation => ({ bookingId: id, token: `t${id}`, slotId: `s${id}`, counter: 'renewal', slotStart: start, name: 'X Y' });
  const queues = emptyQueues();
  const offer = (c: Convocation, copies: number, mode: 'handover' | 'transfer') => {
    hold(state, queues, c, 0, 'bot0');
    market.offer('bot0', 0, { kind: 'offer', convocation: c, priceEur: 100, copies, mode });
  };
  const order = (who: string, max = 150) => market.order(who, { kind: 'order', counter: 'renewal', maxPriceEur: max, identity: buyer, notAfter: 60 * DAY });
  return { market, state, notices, posts, paid, conv, offer, order, doubles: () => doubles, setNow: (t: number) => { now = t; } };
}

describe('Market', () => {
  it('an offer above every waiting buyer’s price sells nothing, and a buyer who can pay, coming later, gets the next one', () => {
    const m = setup('hoarder');
    const deliveredTo = () => m.posts.filter(([, x]) => x.kind === 'delivered').map(([to]) => to);
    m.order('alice', 80);
    m.offer(m.conv('b1', 10 * DAY), 1, 'handover');
    expect(deliveredTo()).toEqual([]);
    m.order('bob');
    m.order('carol');
    m.offer(m.conv('b2', 12 * DAY), 1, 'handover');
    expect(deliveredTo()).toEqual(['bob', 'carol']);
    expect(m.paid).toEqual([['bob', 100], ['carol', 100]]);
  });

  it('hands a convocation over at once and sells it twice when the seller double-sells', () => {
    const m = setup('double-seller');
    m.offer(m.conv('b1', 10 * DAY), 2, 'handover');
    m.order('alice');
    m.order('bob');
    m.order('carol');
    const delivered = m.posts.filter(([, x]) => x.kind === 'delivered');
    expect(delivered.map(([to]) => to)).toEqual(['alice', 'bob']);
    expect(delivered.every(([, x]) => x.kind === 'delivered' && x.convocation.bookingId === 'b1')).toBe(true);
    expect(m.paid).toEqual([['alice', 100], ['bob', 100]]);
    expect(m.doubles()).toBe(1);
    // each sale is told to the crew at once; the second sale of the same slot changes nothing more
    expect(m.notices.filter((n) => n.kind === 'sold')).toEqual([{ kind: 'sold', bookingId: 'b1' }, { kind: 'sold', bookingId: 'b1' }]);
    expect(m.state.unsold).toBe(0);
  });

  it('tells the crews that stock slots of every order they could serve, before matching it (the demand a crew bound by its business reads)', () => {
    const m = setup('hoarder');
    m.setNow(3 * DAY);
    m.order('alice', 150);
    // too little for the crew's 100 €: not demand it could serve
    m.order('bob', 80);
    expect(m.notices).toEqual([{ kind: 'demand', counter: 'renewal', maxPriceEur: 150, sellers: 1, at: 3 * DAY }]);
    const broker = setup('broker');
    broker.order('alice', 150);
    expect(broker.notices).toEqual([]);
  });

  it('serves waiting buyers in order, the earliest slot they can afford and reach', () => {
    const m = setup('hoarder');
    m.order('poor', 50);
    m.order('alice');
    m.offer(m.conv('late', 30 * DAY), 1, 'handover');
    m.offer(m.conv('soon', 12 * 3_600_000), 1, 'handover'); // less than a day ahead: nobody takes it
    m.offer(m.conv('early', 5 * DAY), 1, 'handover');
    m.order('bob');
    const got = m.posts.map(([to, x]) => [to, x.kind === 'delivered' ? x.convocation.bookingId : x.kind]);
    expect(got).toEqual([['alice', 'late'], ['bob', 'early']]);
  });

  it('transfers by cancel-and-rebook: the seller is asked, the buyer pays on delivery, a lost race is refunded', () => {
    const m = setup('sniper');
    m.offer(m.conv('b1', 10 * DAY), 1, 'transfer');
    m.offer(m.conv('b2', 11 * DAY), 1, 'transfer');
    const o1 = m.order('alice');
    const o2 = m.order('bob');
    const asks = m.posts.filter(([, x]) => x.kind === 'transfer');
    expect(asks.map(([to]) => to)).toEqual(['bot0', 'bot0']);
    expect(m.paid).toEqual([]);
    const id = (o: ReturnType<typeof m.order>) => (o.kind === 'ordered' ? o.orderId : '');
    m.market.deliver('bot0', { kind: 'deliver', orderId: id(o1), convocation: m.conv('b1-alice', 10 * DAY) });
    m.market.deliver('bot0', { kind: 'deliver', orderId: id(o2), convocation: null });
    expect(m.paid).toEqual([['alice', 100]]);
    expect(m.posts.slice(-2).map(([to, x]) => [to, x.kind])).toEqual([['alice', 'delivered'], ['bob', 'failed']]);
  });

  it('passes orders to a broker and lets a buyer call an order off', () => {
    const m = setup('broker');
    const o = m.order('alice');
    expect(m.posts).toEqual([['bot0', expect.objectContaining({ kind: 'order', client: buyer })]]);
    m.market.cancelOrder('alice');
    const late = m.market.deliver('bot0', { kind: 'deliver', orderId: o.kind === 'ordered' ? o.orderId : '', convocation: m.conv('b9', 9 * DAY) });
    expect(late).toEqual({ kind: 'rejected', rejected: 'NOT_FOUND' });
    expect(m.paid).toEqual([]);
  });
});

describe('the market at the counter', () => {
  const sellers = scenario({
    duration: '10w',
    warmup: '2w',
    population: {
      legit: [{ ...WORKERS, buyAfterDays: 2 }],
      scalpers: [{ crew: 'double', strategy: 'double-seller', agents: 3, pollEverySeconds: 2, priceEur: 90, sellsPerSlot: 2 }],
    },
  });

  it('turns away the second buyer of a double-sold convocation (ALREADY_USED)', () => {
    const r = simulateReplication(sellers, { name: 'baseline', policy: sellers.policy }, 0);
    expect(r.counts.doubleSold).toBeGreaterThan(10);
    expect(r.counts.refusedAtCounter.ALREADY_USED ?? 0).toBeGreaterThan(5);
    expect(r.crews.double?.refusedAtCounter).toBe(r.counts.refusedAtCounter.ALREADY_USED);
  });

  const exactName = (sc: typeof sellers) =>
    mergePolicy(sc.policy, PolicyOverrideSchema.parse({ measures: { exactName: { atCheckIn: true } } }));

  it('under the exact-name rule, refuses handed-over convocations at the counter (NAME_MISMATCH)', () => {
    const r = simulateReplication(sellers, { name: 'exact-name', policy: exactName(sellers) }, 0);
    expect(r.counts.refusedAtCounter.NAME_MISMATCH ?? 0).toBeGreaterThan(10);
    expect(r.crews.double?.refusedAtCounter).toBeGreaterThan(10);
    expect(r.collateral.exactName).toBeGreaterThan(0);
  });

  it('does not stop a broker, who books in the client\'s own name', () => {
    const brokers = scenario({
      duration: '10w',
      warmup: '0d',
      population: {
        legit: [{ ...WORKERS, buyAfterDays: 2 }],
        scalpers: [{ crew: 'agency', strategy: 'broker', agents: 2, pollEverySeconds: 2, priceEur: 80 }],
      },
    });
    const r = simulateReplication(brokers, { name: 'exact-name', policy: exactName(brokers) }, 0);
    expect(r.crews.agency?.sold).toBeGreaterThan(10);
    expect(r.crews.agency?.refusedAtCounter).toBe(0);
    // clients served on the broker's bookings, none refused
    expect(r.metrics['legit.paidShare']).toBeGreaterThan(0.05);
  });
});
