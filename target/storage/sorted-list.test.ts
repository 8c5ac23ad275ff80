import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SortedList } from './sorted-list.js';
import { insertSorted, removeSorted } from './sorted.js';

interface Item { key: number; id: number }
const cmp = (a: Item, b: Item) => a.key - b.key || a.id - b.id;

describe('SortedList', () => {
  it('holds what a sorted array holds under any inserts and removals, front removals included', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), key: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('removeFirst' as const) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 3000 }), fc.integer({ min: 0, max: 50 }), (ops, t) => {
      const list = new SortedList<Item>(cmp);
      const ref: Item[] = [];
      let id = 0;
      for (const o of ops) {
        if (o.kind === 'insert') {
          const x = { key: o.key, id: id++ };
          list.insert(x);
          insertSorted(ref, x, cmp);
        } else if (ref.length > 0) {
          const x = ref[o.kind === 'removeFirst' ? 0 : o.pick % ref.length]!;
          expect(list.remove(x)).toBe(true);
          removeSorted(ref, x, cmp);
        }
      }
      expect(list.length).toBe(ref.length);
      expect(list.slice(0, ref.length)).toEqual(ref);
      const after = ref.findIndex((x) => x.key > t);
      expect(list.firstAfter(t, (x) => x.key)).toBe(after < 0 ? ref.length : after);
      expect(list.remove({ key: -1, id: -1 })).toBe(false);
    }), { numRuns: 200 });
  });

  it('reclaims its front gap after many front removals and stays in order', () => {
    const list = new SortedList<Item>(cmp);
    for (let i = 0; i < 5000; i++) list.insert({ key: i, id: i });
    for (let i = 0; i < 3000; i++) expect(list.remove({ key: i, id: i })).toBe(true);
    expect(list.length).toBe(2000);
    expect(list.slice(0, 3).map((x) => x.key)).toEqual([3000, 3001, 3002]);
    list.insert({ key: 2500, id: -1 });
    expect(list.slice(0, 2).map((x) => x.key)).toEqual([2500, 3000]);
  });
});
