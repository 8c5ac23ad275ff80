import { describe, expect, it } from 'vitest';
import { rampStages } from './ramp.js';

const total = (stages: { rate: number; seconds: number }[]) => stages.reduce((n, s) => n + s.rate * s.seconds, 0);

describe('rampStages', () => {
  it('without a ramp, one stage at the full rate', () => {
    expect(rampStages({ rate: 300, rampSeconds: 0, seconds: 20 })).toEqual([{ rate: 300, seconds: 20 }]);
  });

  it('cuts a long ramp into four stages at the mid-stage value of the line, then the full rate', () => {
    const stages = rampStages({ rate: 1000, rampSeconds: 8, seconds: 20 });
    expect(stages).toEqual([
      { rate: 125, seconds: 2 }, { rate: 375, seconds: 2 }, { rate: 625, seconds: 2 }, { rate: 875, seconds: 2 }, { rate: 1000, seconds: 12 },
    ]);
    // as many requests as the straight line from 0 to 1,000/s over 8 s, then 12 s at 1,000/s
    expect(total(stages)).toBe(1000 * 8 / 2 + 1000 * 12);
  });

  it('never makes a stage shorter than a second, nor a rate below 1/s', () => {
    expect(rampStages({ rate: 10, rampSeconds: 2, seconds: 5 })).toEqual([{ rate: 3, seconds: 1 }, { rate: 8, seconds: 1 }, { rate: 10, seconds: 3 }]);
    expect(rampStages({ rate: 1, rampSeconds: 0.5, seconds: 1 })).toEqual([{ rate: 1, seconds: 0.5 }, { rate: 1, seconds: 0.5 }]);
  });

  it('a ramp as long as the flood never reaches the full-rate stage', () => {
    const stages = rampStages({ rate: 400, rampSeconds: 4, seconds: 4 });
    expect(stages.map((s) => s.rate)).toEqual([50, 150, 250, 350]);
    expect(stages.reduce((n, s) => n + s.seconds, 0)).toBe(4);
  });
});
