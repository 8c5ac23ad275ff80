import { describe, expect, it } from 'vitest';
import { LatencyRecorder } from './latency.js';

describe('LatencyRecorder', () => {
  it('summarises in ms, with the percentiles of what it recorded (three significant digits)', () => {
    const r = new LatencyRecorder();
    for (let ms = 1; ms <= 100; ms++) r.record(ms);
    const s = r.summary();
    expect(s.count).toBe(100);
    expect(s.mean).toBeCloseTo(50.5, 1);
    expect(s.p50).toBeCloseTo(50, 0);
    expect(s.p90).toBeCloseTo(90, 0);
    expect(s.p95).toBeCloseTo(95, 0);
    expect(s.p99).toBeCloseTo(99, 0);
    expect(s.max).toBeCloseTo(100, 0);
  });

  it('keeps sub-millisecond answers apart, and is all zero when empty', () => {
    const r = new LatencyRecorder();
    r.record(0.25);
    r.record(0.75);
    expect(r.summary().p50).toBeCloseTo(0.25, 2);
    expect(r.summary().max).toBeCloseTo(0.75, 2);
    expect(new LatencyRecorder().summary()).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 });
  });
});
