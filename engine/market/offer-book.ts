/**
 * The offers of the scalpers' market: per counter, sorted by slot start then arrival, with the
 * count of offers at each price so that a buyer who can afford none is answered without a scan.
 */
import type { Convocation, SaleMode } from '../../bots/actions.js';

export interface Offer {
  seq: number;
  crew: number;
  seller: string;
  conv: Convocation;
  price: number;
  copiesLeft: number;
  sold: number;
  mode: SaleMode;
}

export class OfferBook {
  /** per counter, by slot start then arrival */
  private readonly offers = new Map<string, Offer[]>();
  private readonly offerOf = new Map<string, Offer>();
  /** per counter: how many offers at each price (to skip the scan when nothing is affordable) */
  private readonly prices = new Map<string, Map<number, number>>();

  /** Puts an offer after those of the same slot time or earlier. */
  add(f: Offer): void {
    const list = this.onCounter(f.conv.counter);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((list[mid] as Offer).conv.slotStart <= f.conv.slotStart) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, f);
    this.offerOf.set(f.conv.bookingId, f);
    this.countPrice(f, 1);
  }

  /** The latest offer of a booking. */
  byBooking(bookingId: string): Offer | undefined {
    return this.offerOf.get(bookingId);
  }

  /** The offers on a counter, by slot start then arrival (the list itself: callers scan it in order). */
  onCounter(counter: string): Offer[] {
    let list = this.offers.get(counter);
    if (!list) this.offers.set(counter, (list = []));
    return list;
  }

  private countPrice(f: Offer, delta: number): void {
    let m = this.prices.get(f.conv.counter);
    if (!m) this.prices.set(f.conv.counter, (m = new Map()));
    const n = (m.get(f.price) ?? 0) + delta;
    if (n > 0) m.set(f.price, n);
    else m.delete(f.price);
  }

  /** The lowest price on offer on a counter (Infinity when none). */
  cheapest(counter: string): number {
    let min = Infinity;
    for (const p of this.prices.get(counter)?.keys() ?? []) if (p < min) min = p;
    return min;
  }

  remove(f: Offer): void {
    const list = this.onCounter(f.conv.counter);
    const i = list.indexOf(f);
    if (i < 0) return;
    list.splice(i, 1);
    this.countPrice(f, -1);
    if (this.offerOf.get(f.conv.bookingId) === f) this.offerOf.delete(f.conv.bookingId);
  }
}
