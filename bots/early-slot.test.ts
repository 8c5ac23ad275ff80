import { describe, expect, it } from 'vitest';
import type { SlotInfo } from './actions.js';
import { EARLY_TIMES, earlySlot } from './early-slot.js';
import { testStream } from './test-support/stream.js';

const QUARTER = 15 * 60_000;

/** A list as the target gives it: by start, then desk. */
function listOf(times: number, desks: number): SlotInfo[] {
  const list: SlotInfo[] = [];
  for (let t = 0; t < times; t++) {
    for (let d = 1; d <= desks; d++) list.push({ id: `renewal@${t}#${d}`, counter: 'renewal', start: t * QUARTER });
  }
  return list;
}

describe('earlySlot', () => {
  it('picks every desk of the earliest times and nothing later', () => {
    const list = listOf(6, 16);
    const rng = testStream(3);
    const picked = new Set<string>();
    for (let i = 0; i < 5_000; i++) {
      const s = earlySlot(rng, list);
      expect(s.start).toBeLessThan(EARLY_TIMES * QUARTER);
      picked.add(s.id);
    }
    expect(picked.size).toBe(EARLY_TIMES * 16);
  });

  it('keeps a crowd k times larger at k times the desks from racing itself more', () => {
    // the share of a crowd whose pick another member of it also picked, at 4 desks and at 64
    const collided = (desks: number): number => {
      const rng = testStream(7);
      const list = listOf(10, desks);
      let lost = 0;
      for (let round = 0; round < 200; round++) {
        const taken = new Set<string>();
        for (let p = 0; p < 2 * desks; p++) {
          const id = earlySlot(rng, list).id;
          if (taken.has(id)) lost++;
          taken.add(id);
        }
      }
      return lost / (200 * 2 * desks);
    };
    // (with the first three slots only, 128 people would share 3 slots: nearly all would lose)
    expect(collided(64)).toBeLessThan(collided(4) * 1.2);
  });

  it('takes what there is from a short list, and one time with many desks', () => {
    const rng = testStream(1);
    expect(earlySlot(rng, listOf(1, 1)).id).toBe('renewal@0#1');
    const oneTime = listOf(1, 4);
    const ids = new Set(Array.from({ length: 200 }, () => earlySlot(rng, oneTime).id));
    expect(ids.size).toBe(4);
  });
});
