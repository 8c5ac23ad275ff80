import { describe, expect, it } from 'vitest';
import { fullScaleHerault, scaledHerault } from './herault-shapes.js';

describe('the Hérault shapes of the simulation bench', () => {
  it('full scale: at least 15,000 arrivals a year and 50 bots polling at the given period', () => {
    const s = fullScaleHerault(0.1);
    const perYear = s.population.legit.reduce((n, g) => n + g.arrivals.perWeek, 0) * 52;
    expect(perYear).toBeGreaterThanOrEqual(15_000);
    expect(s.population.scalpers.reduce((n, c) => n + c.agents, 0)).toBe(50);
    expect(s.population.scalpers.every((c) => c.pollEverySeconds === 0.1)).toBe(true);
  });

  it('×k multiplies arrivals, desks and crews alike, for the weeks asked', () => {
    const one = scaledHerault(1);
    const four = scaledHerault(4, 12);
    expect(four.duration).toBe('12w');
    four.population.legit.forEach((g, i) => expect(g.arrivals.perWeek).toBe(4 * one.population.legit[i]!.arrivals.perWeek));
    four.population.scalpers.forEach((c, i) => expect(c.agents).toBe(4 * one.population.scalpers[i]!.agents));
    for (const [id, c] of Object.entries(four.target.counters)) expect(c.desks).toBe(4 * one.target.counters[id]!.desks);
  });
});
