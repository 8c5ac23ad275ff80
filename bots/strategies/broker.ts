/**
 * Broker (the Berlin model): holds no stock. It takes orders from people who gave up, and books
 * to order with the client's real name and AGDREF number, so name checks, registry checks and
 * duplicate purges do not stop it. It competes for released slots like any fast bot.
 */
import type { Action, MarketMessage, Outcome, SlotInfo } from '../actions.js';
import { admitted, bookOne, type BotMemory } from '../bot-steps.js';
import { emptyQueues } from '../holdings.js';
import type { CrewContext } from '../context.js';
import { crewPollTiming } from '../crew.js';

type Order = Extract<MarketMessage, { kind: 'order' }>;

/** A client needs some notice to come to the appointment. */
const MIN_LEAD_MS = 12 * 3_600_000;

export function* broker(ctx: CrewContext): Generator<Action, void, Outcome> {
  const mem: BotMemory = { holdings: emptyQueues() };
  const orders: Order[] = [];
  const { everyMs, jitterMs } = crewPollTiming(ctx.crew);
  yield { kind: 'sleep', ms: ctx.rng.between(0, everyMs + 1000) };
  for (;;) {
    const o = yield {
      kind: 'watch', counter: orders.length > 0 ? ctx.counter : null, everyMs, jitterMs, inbox: true,
      minLeadMs: MIN_LEAD_MS,
    };
    if (o.kind === 'inbox') {
      for (const m of o.messages) {
        if (m.kind === 'order') orders.push(m);
        if (m.kind === 'cancelled') {
          const i = orders.findIndex((x) => x.orderId === m.orderId);
          if (i >= 0) orders.splice(i, 1);
        }
      }
    } else if (o.kind === 'slots') {
      let list: readonly SlotInfo[] = o.slots;
      while (orders.length > 0 && list.length > 0) {
        if (!(yield* admitted(ctx, mem))) break;
        const order = orders[0] as Order;
        // the earliest date that suits the client, else the earliest there is
        const fits = list.filter((s) => s.start <= order.notAfter);
        const slot = (fits.length > 0 ? fits : list)[ctx.rng.int(Math.min(5, (fits.length > 0 ? fits : list).length))] as SlotInfo;
        const mailbox = `client-${order.orderId}@rdv-${ctx.crew.crew}.fr`;
        const r = yield* bookOne(ctx, mem, slot.id, { ...order.client, email: mailbox });
        if (typeof r !== 'string') {
          orders.shift();
          const d = yield { kind: 'deliver', orderId: order.orderId, convocation: r };
          // the client found a slot meanwhile: free this one
          if (d.kind === 'rejected') yield { kind: 'cancel', bookingId: r.bookingId, token: r.token };
        } else if (r === 'RATE_LIMITED') {
          yield { kind: 'sleep', ms: ctx.rng.between(5, 30) * 1000 };
        } else if (r !== 'SLOT_TAKEN' && r !== 'SLOT_NOT_RELEASED' && r !== 'CAPTCHA_INVALID') {
          // this client cannot be booked (say, a name the registry refuses): refund
          orders.shift();
          yield { kind: 'deliver', orderId: order.orderId, convocation: null };
        }
        const l = yield { kind: 'list', counter: ctx.counter, minLeadMs: MIN_LEAD_MS };
        list = l.kind === 'slots' ? l.slots : [];
      }
    }
  }
}
