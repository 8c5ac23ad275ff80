/**
 * Read cache of the available-slot lists: listing is by far the most frequent request (bots
 * poll it), and between two writes its answer only changes when time passes the first listed
 * slot. An entry is reused while (a) this connection wrote nothing, (b) SQLite's data_version
 * says no other connection committed, and (c) `now` lies between the instant the entry was
 * loaded for and the first listed slot — then the rows with start > now are exactly the cached
 * ones. (A listing with a lead asks for `now + lead`, so `now` does not only grow.)
 */
import type { Slot } from '../domain/types.js';

interface Entry { generation: number; dataVersion: number; from: number; rows: readonly Slot[] }

export class AvailabilityCache {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();

  /** Any write through this connection. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  get(counter: string, now: number, limit: number, dataVersion: number, load: () => Slot[]): Slot[] {
    const key = `${counter}\u0000${limit}`;
    const e = this.entries.get(key);
    if (e && e.generation === this.generation && e.dataVersion === dataVersion && e.from <= now
      && (e.rows.length === 0 || now < e.rows[0]!.start)) {
      return e.rows.slice();
    }
    const rows = load().map((s) => Object.freeze(s));
    if (this.entries.size > 64) this.entries.clear();
    this.entries.set(key, { generation: this.generation, dataVersion, from: now, rows });
    return rows.slice();
  }
}
