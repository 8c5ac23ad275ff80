/**
 * An index of the memory store's live bookings by one identity key (an e-mail key, a phone or
 * AGDREF number), built the first time a policy asks it something and kept up to date from
 * then on. Most policies never ask (no per-identity limit, no purge): the index then costs
 * nothing, where computing keys and keeping lists at every booking was a tenth of a run.
 */
import type { Booking } from '../domain/types.js';
import { cmpCreated, insertSorted, removeSorted, type Sequenced } from './sorted.js';

export interface LiveRec extends Sequenced {
  b: Booking;
}

/** Live bookings by key, and the keys with two or more of them. */
interface Index<R> {
  recs: Map<string, R[]>;
  dups: Set<string>;
}

export class LiveByKey<R extends LiveRec> {
  private built: Index<R> | undefined;

  constructor(
    /** the key of a booking, undefined when its identity has no such field */
    private readonly keyOf: (rec: R) => string | undefined,
    /** every live booking, when the index is built */
    private readonly live: () => Iterable<R>,
  ) {}

  /** Live bookings by key, in creation order. */
  get recs(): ReadonlyMap<string, readonly R[]> {
    return this.index().recs;
  }

  /** The keys with two or more live bookings. */
  get dups(): ReadonlySet<string> {
    return this.index().dups;
  }

  add(rec: R): void {
    if (this.built) this.put(this.built, rec);
  }

  remove(rec: R): void {
    const built = this.built;
    if (!built) return;
    const key = this.keyOf(rec);
    if (key === undefined) return;
    const list = built.recs.get(key);
    if (!list) return;
    removeSorted(list, rec, cmpCreated);
    if (list.length < 2) built.dups.delete(key);
    if (list.length === 0) built.recs.delete(key);
  }

  clear(): void {
    this.built = undefined;
  }

  private index(): Index<R> {
    if (!this.built) {
      const built: Index<R> = { recs: new Map(), dups: new Set() };
      for (const rec of this.live()) this.put(built, rec);
      this.built = built;
    }
    return this.built;
  }

  private put(built: Index<R>, rec: R): void {
    const key = this.keyOf(rec);
    if (key === undefined) return;
    const list = built.recs.get(key);
    if (list) {
      insertSorted(list, rec, cmpCreated);
      built.dups.add(key);
    } else built.recs.set(key, [rec]);
  }
}
