import { describe, expect, it } from 'vitest';
import { benchHttp } from './http-bench.js';

describe('benchHttp', () => {
  it('loads the target and the bare handler and reports their ratio', async () => {
    const [line, ...rest] = await benchHttp({ runMs: 1000, warmupMs: 0, rounds: 1 });
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ name: 'http.slotList', unit: 'req/s', aim: '≥ 0.5' });
    expect(line?.value).toBeGreaterThan(0);
    expect(line?.referenceValue).toBeGreaterThan(0);
    expect(line?.ratio).toBeCloseTo((line?.value ?? 0) / (line?.referenceValue ?? 1), 5);
  });
});
