import { describe, expect, it } from 'vitest';
import { InventoryChanges } from './inventory-changes.js';

describe('InventoryChanges', () => {
  it('wakes each changed counter once per flush, in the order they changed, ignoring counters the run does not watch', () => {
    const changes = new InventoryChanges(['renewal', 'first-request', 'exceptional']);
    const woken: number[] = [];
    changes.subscribe((c) => woken.push(c));
    changes.flush();
    expect(woken).toEqual([]);
    changes.mark('exceptional');
    changes.mark('renewal');
    changes.mark('exceptional');
    changes.mark('unknown');
    changes.flush();
    expect(woken).toEqual([2, 0]);
    changes.flush();
    expect(woken).toEqual([2, 0]);
    changes.mark('first-request');
    changes.flush();
    expect(woken).toEqual([2, 0, 1]);
  });
});
