import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StepMemo } from './step-memo.js';

describe('StepMemo', () => {
  it('answers inside a kept interval [from, to) only', () => {
    const m = new StepMemo();
    m.set(10, 20, 7);
    expect(m.get(10)).toBe(7);
    expect(m.get(19.5)).toBe(7);
    expect(m.get(20)).toBeUndefined();
    expect(m.get(9)).toBeUndefined();
  });

  it('keeps the last `size` answers, forgetting the oldest', () => {
    const m = new StepMemo(2);
    m.set(0, 10, 1);
    m.set(10, 20, 2);
    m.set(20, 30, 3);
    expect(m.get(5)).toBeUndefined();
    expect(m.get(15)).toBe(2);
    expect(m.get(25)).toBe(3);
  });

  it('as a cache of a step function, never answers differently from the function', () => {
    // f(x) = the next multiple of 7 strictly after x, kept on [x, f(x)) as nextWeeklyInstant does
    const f = (x: number) => (Math.floor(x / 7) + 1) * 7;
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }), (xs) => {
      const m = new StepMemo(3);
      for (const x of xs) {
        const known = m.get(x);
        if (known !== undefined) expect(known).toBe(f(x));
        else m.set(x, f(x), f(x));
      }
    }));
  });
});
