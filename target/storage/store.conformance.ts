/**
 * The behaviour every Store must have, as a vitest suite: memory-store.test.ts and
 * sqlite-store.test.ts run it, so both implementations answer every query the same way.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../domain/ports.js';
import type { StoreHolder } from './test-support/fixtures.js';
import { bookingConformance } from './test-support/conformance-bookings.js';
import { recordConformance } from './test-support/conformance-records.js';
import { slotConformance } from './test-support/conformance-slots.js';

export function storeConformance(name: string, make: () => Store | Promise<Store>): void {
  describe(`Store conformance: ${name}`, () => {
    let current: Store | undefined;
    const holder: StoreHolder = {
      get store(): Store {
        if (!current) throw new Error('store not created yet');
        return current;
      },
    };
    beforeEach(async () => {
      current = await make();
    });
    afterEach(() => {
      current?.close();
      current = undefined;
    });
    slotConformance(holder);
    bookingConformance(holder);
    recordConformance(holder);
  });
}
