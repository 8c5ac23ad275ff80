/**
 * The listings the sim driver answered, kept while they stay right. Between two changes of a
 * counter's available slots, a listing of the slots starting after `from` is the same for every
 * later `from` that is still before its first slot's start: in a full-scale year nine listings
 * out of ten are such repeats (people losing a race list again at once, bots poll the same
 * page). Every agent asking gets the same array, so it is frozen.
 */
import type { SlotInfo } from '../../../bots/actions.js';

interface Listing {
  leadMs: number;
  limit: number;
  /** the store's availableVersion of the counter when the listing was made */
  version: number;
  /** it holds for a `from` in [from, until) */
  from: number;
  until: number;
  slots: readonly SlotInfo[];
}

export class ListingCache {
  /** per counter, one listing per (lead, limit) asked: a handful */
  private readonly byCounter = new Map<string, Listing[]>();

  get(counter: string, leadMs: number, limit: number, version: number, from: number): readonly SlotInfo[] | undefined {
    const l = this.find(counter, leadMs, limit);
    return l && l.version === version && from >= l.from && from < l.until ? l.slots : undefined;
  }

  set(counter: string, leadMs: number, limit: number, version: number, from: number, slots: SlotInfo[]): readonly SlotInfo[] {
    const frozen = Object.freeze(slots);
    const until = slots.length > 0 ? (slots[0] as SlotInfo).start : Infinity;
    const l = this.find(counter, leadMs, limit);
    if (l) {
      l.version = version;
      l.from = from;
      l.until = until;
      l.slots = frozen;
    } else {
      let list = this.byCounter.get(counter);
      if (!list) this.byCounter.set(counter, (list = []));
      list.push({ leadMs, limit, version, from, until, slots: frozen });
    }
    return frozen;
  }

  private find(counter: string, leadMs: number, limit: number): Listing | undefined {
    const list = this.byCounter.get(counter);
    if (!list) return undefined;
    for (const l of list) if (l.leadMs === leadMs && l.limit === limit) return l;
    return undefined;
  }
}
