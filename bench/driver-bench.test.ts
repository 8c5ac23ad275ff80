import { describe, expect, it } from 'vitest';
import { benchDriver } from './driver-bench.js';

describe('benchDriver', () => {
  it('loads the target in its own process with the driver and with autocannon, and reports their CPU ratio', async () => {
    const [line, ...rest] = await benchDriver({ runMs: 1000, warmupMs: 0, rounds: 1, agents: 4 });
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ name: 'live.httpDriver', unit: 'req/CPU-s', aim: '≥ 0.5' });
    expect(line?.value).toBeGreaterThan(0);
    expect(line?.referenceValue).toBeGreaterThan(0);
    expect(line?.ratio).toBeCloseTo((line?.value ?? 0) / (line?.referenceValue ?? 1), 5);
  }, 30_000);
});
