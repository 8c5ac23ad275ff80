import { describe, expect, it } from 'vitest';
import { benchStore } from './store-bench.js';

describe('benchStore', () => {
  it('measures the store and the raw loop and reports their ratio', async () => {
    const [line, ...rest] = await benchStore({ runMs: 150, warmupMs: 30, rounds: 1 });
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ name: 'store.insertBooking', unit: 'bookings/s', aim: '≥ 0.7' });
    expect(line?.value).toBeGreaterThan(0);
    expect(line?.referenceValue).toBeGreaterThan(0);
    expect(line?.ratio).toBeCloseTo((line?.value ?? 0) / (line?.referenceValue ?? 1), 1);
  });
});
