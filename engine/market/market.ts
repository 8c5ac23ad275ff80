/**
 * The scalpers' market (docs/design.md): crews offer held slots, people who gave up order one at a
 * price they accept. A sale is (a) a hand-over of the convocation as it is, paid at once, maybe
 * to several buyers (double-selling); (b) a transfer: the seller cancels and rebooks in the
 * buyer's name, paid on delivery, a race it can lose; (c) a broker's booking to order with the
 * buyer's identity, paid on delivery. Matching is instantaneous (messaging apps) and
 * deterministic: orders in arrival order, the earliest affordable slot on offer, else the
 * cheapest broker.
 */
import type { Action, Convocation, CrewNotice, MarketMessage, Outcome, SaleMode } from '../../bots/actions.js';
import type { ScalperCrew } from '../../scenarios/schema.js';
import { OfferBook, type Offer } from './offer-book.js';

export interface MarketCrew {
  crew: ScalperCrew;
  /**
   * The crew's handler of what the market tells it at once (bots/crew.ts `crewNotices`): a sale
   * counts for the crew the instant it is made, before any agent acts again, which an inbox
   * message read at the agent's next wake-up would not give.
   */
  notify(notice: CrewNotice): void;
  /** ids of its agents, in order */
  agents: string[];
  /** counters it works on */
  counters: readonly string[];
}

export interface MarketHooks {
  now(): number;
  post(agentId: string, msg: MarketMessage): void;
  /** a buyer paid `eur` to crew `crew` for this convocation (delivered to them) */
  paid(buyer: string, crew: number, eur: number, conv: Convocation, mode: SaleMode): void;
  /** a hand-over convocation was sold to a second buyer */
  doubleSold(crew: number): void;
}

interface Order {
  id: string;
  buyer: string;
  counter: string;
  maxPrice: number;
  identity: Extract<Action, { kind: 'order' }>['identity'];
  notAfter: number;
  state: 'open' | 'assigned' | 'closed';
  crew?: number;
  price?: number;
  mode?: SaleMode;
  /** the broker agent working on it */
  broker?: string;
}

/** A counter's open orders in arrival order; a Set, because orders leave from anywhere in it (thousands wait at once). */
interface OpenOrders {
  orders: Set<Order>;
  /**
   * No open order pays more than this: raised as orders come, made exact by each offer that
   * looked at them all. Offers priced above every buyer are the rule (a year makes ~7,000 of
   * them, ~300 orders open each time): they are then answered without a look.
   */
  maxPrice: number;
}

/** A buyer wants a slot at least this far ahead (time to take the day off, to travel). */
const MIN_LEAD_MS = 86_400_000;

export class Market {
  private readonly book = new OfferBook();
  private readonly orders = new Map<string, Order>();
  private readonly openOrders = new Map<string, OpenOrders>();
  private readonly orderOf = new Map<string, Order>();
  private readonly brokerLoad = new Map<string, number>();
  private seq = 0;

  constructor(private readonly crews: readonly MarketCrew[], private readonly hooks: MarketHooks) {}

  offer(seller: string, crew: number, a: Extract<Action, { kind: 'offer' }>): Outcome {
    const f: Offer = { seq: ++this.seq, crew, seller, conv: a.convocation, price: a.priceEur, copiesLeft: a.copies, sold: 0, mode: a.mode };
    this.book.add(f);
    // buyers already waiting take it, in the order they came (nothing else on offer suited them)
    const open = this.openOrders.get(f.conv.counter);
    if (open && f.price <= open.maxPrice && f.conv.slotStart >= this.hooks.now() + MIN_LEAD_MS) {
      let maxPrice = -Infinity;
      // a sale takes the order out of the set, and iteration goes on with the next one
      for (const o of open.orders) {
        if (f.copiesLeft <= 0) return { kind: 'ok' };
        if (f.price <= o.maxPrice) this.sell(o, f);
        else maxPrice = Math.max(maxPrice, o.maxPrice);
      }
      open.maxPrice = maxPrice;
    }
    return { kind: 'ok' };
  }

  withdraw(bookingId: string): Outcome {
    const f = this.book.byBooking(bookingId);
    if (f) this.book.remove(f);
    return { kind: 'ok' };
  }

  order(buyer: string, a: Extract<Action, { kind: 'order' }>): Outcome {
    const o: Order = {
      id: `o${++this.seq}`, buyer, counter: a.counter, maxPrice: a.maxPriceEur, identity: a.identity, notAfter: a.notAfter, state: 'open',
    };
    this.orders.set(o.id, o);
    this.orderOf.set(buyer, o);
    this.announce(o);
    let open = this.openOrders.get(o.counter);
    if (!open) this.openOrders.set(o.counter, (open = { orders: new Set(), maxPrice: -Infinity }));
    open.orders.add(o);
    open.maxPrice = Math.max(open.maxPrice, o.maxPrice);
    this.match(o);
    return { kind: 'ordered', orderId: o.id };
  }

  cancelOrder(buyer: string): Outcome {
    const o = this.orderOf.get(buyer);
    if (!o || o.state === 'closed') return { kind: 'ok' };
    this.close(o);
    if (o.broker !== undefined) {
      this.brokerLoad.set(o.broker, Math.max(0, (this.brokerLoad.get(o.broker) ?? 1) - 1));
      this.hooks.post(o.broker, { kind: 'cancelled', orderId: o.id });
    }
    return { kind: 'ok' };
  }

  /** A seller reports a transfer or a broker order as done (convocation) or failed (null). */
  deliver(seller: string, a: Extract<Action, { kind: 'deliver' }>): Outcome {
    const o = this.orders.get(a.orderId);
    if (o?.broker !== undefined && o.state === 'assigned') this.brokerLoad.set(seller, Math.max(0, (this.brokerLoad.get(seller) ?? 1) - 1));
    // the buyer found a slot meanwhile and called the order off: the seller keeps (and frees) it
    if (!o || o.state !== 'assigned' || o.crew === undefined) return { kind: 'rejected', rejected: 'NOT_FOUND' };
    this.close(o);
    if (a.convocation) {
      this.hooks.paid(o.buyer, o.crew, o.price ?? 0, a.convocation, o.mode ?? 'to-order');
      this.hooks.post(o.buyer, {
        kind: 'delivered', orderId: o.id, convocation: a.convocation, priceEur: o.price ?? 0,
        crew: this.crews[o.crew]?.crew.crew ?? '', mode: o.mode ?? 'to-order',
      });
    } else {
      this.hooks.post(o.buyer, { kind: 'failed', orderId: o.id, crew: this.crews[o.crew]?.crew.crew ?? '' });
    }
    return { kind: 'ok' };
  }

  private close(o: Order): void {
    this.assign(o);
    o.state = 'closed';
    if (this.orderOf.get(o.buyer) === o) this.orderOf.delete(o.buyer);
    // a closed order is answered as an unknown one: nothing needs to find it any more
    this.orders.delete(o.id);
  }

  /** The order is being served: no longer open to other offers. */
  private assign(o: Order): void {
    o.state = 'assigned';
    this.openOrders.get(o.counter)?.orders.delete(o);
  }

  /**
   * Crews that stock slots see every order on the messaging apps (CrewNotice 'demand'): those it
   * could buy from learn how many of them compete for it. Crews bound by their business estimate
   * their demand from it; the others ignore it.
   */
  private announce(o: Order): void {
    const sellers = this.crews.filter((c) => c.crew.strategy !== 'broker' && c.crew.priceEur <= o.maxPrice && c.counters.includes(o.counter));
    for (const c of sellers) c.notify({ kind: 'demand', counter: o.counter, maxPriceEur: o.maxPrice, sellers: sellers.length, at: this.hooks.now() });
  }

  /** A slot in hand (on offer, affordable) before a broker's promise to find one. */
  private match(o: Order): void {
    if (o.state !== 'open') return;
    const offer = this.bestOffer(o);
    if (offer) {
      this.sell(o, offer);
      return;
    }
    const broker = this.bestBroker(o);
    if (broker) this.assignBroker(o, broker.index, broker.agent);
  }

  /** The earliest affordable slot far enough ahead; among equal times, the cheapest, then the first offered. */
  private bestOffer(o: Order): Offer | undefined {
    const list = this.book.onCounter(o.counter);
    const now = this.hooks.now();
    // offers whose time has passed leave the market
    while (list.length > 0 && (list[0] as Offer).conv.slotStart <= now) this.book.remove(list[0] as Offer);
    if (this.book.cheapest(o.counter) > o.maxPrice) return undefined;
    const earliest = now + MIN_LEAD_MS;
    let best: Offer | undefined;
    for (const f of list) {
      if (best && f.conv.slotStart > best.conv.slotStart) break;
      if (f.conv.slotStart < earliest || f.price > o.maxPrice || f.copiesLeft <= 0) continue;
      if (!best || f.price < best.price) best = f;
    }
    return best;
  }

  private sell(o: Order, f: Offer): void {
    const crew = this.crews[f.crew] as MarketCrew;
    crew.notify({ kind: 'sold', bookingId: f.conv.bookingId });
    f.copiesLeft--;
    f.sold++;
    if (f.copiesLeft <= 0) this.book.remove(f);
    if (f.mode === 'handover') {
      this.close(o);
      if (f.sold === 2) this.hooks.doubleSold(f.crew);
      this.hooks.paid(o.buyer, f.crew, f.price, f.conv, 'handover');
      this.hooks.post(o.buyer, { kind: 'delivered', orderId: o.id, convocation: f.conv, priceEur: f.price, crew: crew.crew.crew, mode: 'handover' });
      return;
    }
    this.assign(o);
    o.crew = f.crew;
    o.price = f.price;
    o.mode = 'transfer';
    this.hooks.post(f.seller, { kind: 'transfer', orderId: o.id, convocation: f.conv, buyer: o.identity });
  }

  private bestBroker(o: Order): { index: number; agent: string; price: number } | undefined {
    let best: { index: number; agent: string; price: number } | undefined;
    this.crews.forEach((c, index) => {
      if (c.crew.strategy !== 'broker' || c.crew.priceEur > o.maxPrice || !c.counters.includes(o.counter)) return;
      if (best && best.price <= c.crew.priceEur) return;
      // the least busy of its agents working on this counter
      const candidates = c.agents.filter((_, i) => c.counters[i % c.counters.length] === o.counter);
      let agent = candidates[0];
      for (const a of candidates) if ((this.brokerLoad.get(a) ?? 0) < (this.brokerLoad.get(agent ?? '') ?? 0)) agent = a;
      if (agent !== undefined) best = { index, agent, price: c.crew.priceEur };
    });
    return best;
  }

  private assignBroker(o: Order, crew: number, agent: string): void {
    const c = this.crews[crew] as MarketCrew;
    this.assign(o);
    o.crew = crew;
    o.price = c.crew.priceEur;
    o.mode = 'to-order';
    o.broker = agent;
    this.brokerLoad.set(agent, (this.brokerLoad.get(agent) ?? 0) + 1);
    this.hooks.post(agent, { kind: 'order', orderId: o.id, counter: o.counter, client: o.identity, notAfter: o.notAfter });
  }
}
