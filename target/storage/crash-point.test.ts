import { describe, expect, it } from 'vitest';
import { booking, releasedSlot } from './test-support/fixtures.js';
import { CRASH_AT_WRITE_ENV, crashingAtWrite, crashPointFromEnv } from './crash-point.js';
import { MemoryStore } from './memory-store.js';

describe('crash point', () => {
  it('fires right before the n-th write, counting writes only', () => {
    const kills: number[] = [];
    const inner = new MemoryStore();
    const store = crashingAtWrite(inner, 3, () => kills.push(inner.ledger().length));
    store.insertSlots([releasedSlot('a', 10), releasedSlot('a', 20)]);
    store.getSlot('a@10#0');
    store.countAvailable('a', 0);
    store.insertBooking(booking('b1', releasedSlot('a', 10)));
    expect(kills).toEqual([]);
    store.transaction(() => store.insertBooking(booking('b2', releasedSlot('a', 20))));
    // the third write: the kill comes before the booking reaches the store
    expect(kills).toEqual([1]);
    store.setMeta('k', 'v');
    expect(kills).toEqual([1]);
  });

  it('reads its kill point from the environment, and refuses what is not one', () => {
    expect(crashPointFromEnv({})).toBeUndefined();
    expect(crashPointFromEnv({ [CRASH_AT_WRITE_ENV]: '' })).toBeUndefined();
    expect(crashPointFromEnv({ [CRASH_AT_WRITE_ENV]: '120' })).toBe(120);
    for (const bad of ['0', '-3', '1.5', 'abc', ' 7']) expect(() => crashPointFromEnv({ [CRASH_AT_WRITE_ENV]: bad }), bad).toThrow(/GUICHET_CRASH_AT_WRITE/);
  });
});
