import { describe, expect, it } from 'vitest';
import type { Slot } from '../domain/types.js';
import { MemoryStore } from './memory-store.js';
import { SqliteStore } from './sqlite-store.js';
import { journaled, replay, StoreJournal, STORE_WRITES, type JournalEntry } from './store-journal.js';

const slot = (n: number): Slot => ({ id: `renewal@${n}#1`, counter: 'renewal', start: n, desk: 1, state: 'hidden' } as Slot);
const entries = (j: StoreJournal) => (j.page(j.oldest, 1000)?.entries ?? []).map((e) => JSON.parse(e) as JournalEntry);

describe('store journal', () => {
  it('records writes, not reads, with their arguments as they were', () => {
    const journal = new StoreJournal();
    const store = journaled(new MemoryStore(), journal);
    const s = slot(1000);
    store.insertSlots([s]);
    store.getSlot(s.id);
    store.countAvailable('renewal', 0);
    store.setMeta('k', 'v');
    expect(entries(journal).map((e) => e.op)).toEqual(['insertSlots', 'setMeta']);
    expect(entries(journal)[0]?.args).toEqual([[s]]);
    expect(STORE_WRITES).toContain('setBookingStatus');
    expect(STORE_WRITES).not.toContain('getSlot');
  });

  it('does not record writes that changed nothing: a challenge used already, a sweep with nothing expired', () => {
    const journal = new StoreJournal();
    const store = journaled(new MemoryStore(), journal);
    store.insertChallenge({ id: 'c1', kind: 'challenge', prompt: 'AB', session: 's', expiresAt: 10, used: false, answer: 'AB' });
    expect(store.useChallenge('c1')).toBe(true);
    expect(store.useChallenge('c1')).toBe(false);
    expect(store.deleteChallengesExpiredBefore(5)).toBe(0);
    expect(store.deleteChallengesExpiredBefore(11)).toBe(1);
    expect(entries(journal).map((e) => e.op)).toEqual(['insertChallenge', 'useChallenge', 'deleteChallengesExpiredBefore']);
  });

  it('takes back the writes of a transaction that throws, as SQLite does', () => {
    const journal = new StoreJournal();
    const raw = new SqliteStore(':memory:');
    const store = journaled(raw, journal);
    store.setMeta('kept', '1');
    expect(() => store.transaction(() => {
      store.insertSlots([slot(2000)]);
      throw new Error('boom');
    })).toThrow('boom');
    expect(raw.getSlot(slot(2000).id)).toBeUndefined();
    expect(entries(journal).map((e) => e.op)).toEqual(['setMeta']);
    raw.close();
  });

  it('keeps the latest entries only, and says so to a reader that fell behind', () => {
    const journal = new StoreJournal(3);
    const store = journaled(new MemoryStore(), journal);
    for (let i = 0; i < 5; i++) store.setMeta('k', String(i));
    expect([journal.oldest, journal.next]).toEqual([2, 5]);
    expect(journal.page(1, 10)).toBeUndefined();
    expect(journal.page(3, 10)?.entries).toHaveLength(2);
    expect(journal.page(9, 10)).toEqual({ entries: [], next: 5 });
  });

  it('replays into a replica that ends in the same state', () => {
    const journal = new StoreJournal();
    const store = journaled(new SqliteStore(':memory:'), journal);
    store.insertSlots([slot(3000), slot(4000)]);
    const ids = store.releaseSlots(['renewal'], 0, 5000, 10);
    expect(ids).toHaveLength(2);
    store.setSlotState(slot(4000).id, 'served');
    const replica = new MemoryStore();
    for (const e of entries(journal)) replay(replica, e);
    expect(replica.countAvailable('renewal', 0)).toBe(store.countAvailable('renewal', 0));
    expect(replica.getSlot(slot(4000).id)?.state).toBe('served');
    expect(() => replay(replica, { seq: 9, op: 'dropTable' as never, args: [] })).toThrow('unknown store write');
  });
});
