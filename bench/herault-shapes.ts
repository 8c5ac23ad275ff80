/**
 * The Hérault scenarios the simulation benchmarks run: the full-scale year of lines (b), (c)
 * and (f), and the population-and-capacity multiples of line (e).
 */
import { loadScenario } from '../scenarios/load.js';
import type { Scenario } from '../scenarios/schema.js';
import { repoFile } from './repo-file.js';

function herault(): Scenario {
  return loadScenario(repoFile('scenarios/herault-2019.yaml'));
}

/** Hérault at full scale: arrivals ×1.25 (≥ 15,000 people a year) and 50 bots polling every `poll` s. */
export function fullScaleHerault(poll: number): Scenario {
  const base = herault();
  const legit = base.population.legit.map((g) => ({ ...g, arrivals: { ...g.arrivals, perWeek: g.arrivals.perWeek * 1.25 } }));
  const total = base.population.scalpers.reduce((n, c) => n + c.agents, 0);
  let left = 50;
  const scalpers = base.population.scalpers.map((c, i, all) => {
    const agents = i === all.length - 1 ? left : Math.max(1, Math.round((c.agents / total) * 50));
    left -= agents;
    return { ...c, agents, pollEverySeconds: poll, jitterSeconds: poll / 10 };
  });
  return { ...base, population: { ...base.population, legit, scalpers } };
}

/** Weeks simulated by the scale line (e): the warm-up and as much again, so that ×16 stays short. */
export const SCALE_WEEKS = 16;

/**
 * Hérault as written, `scale` times over for `weeks` weeks: `scale` times the arrivals, the desks
 * of every counter and the agents of every crew, so that supply, demand and competition keep
 * their proportions and only the size changes.
 */
export function scaledHerault(scale: number, weeks = SCALE_WEEKS): Scenario {
  const base = herault();
  const counters = Object.fromEntries(Object.entries(base.target.counters).map(([id, c]) => [id, { ...c, desks: c.desks * scale }]));
  const legit = base.population.legit.map((g) => ({ ...g, arrivals: { ...g.arrivals, perWeek: g.arrivals.perWeek * scale } }));
  const scalpers = base.population.scalpers.map((c) => ({ ...c, agents: c.agents * scale }));
  return {
    ...base,
    duration: `${weeks}w`,
    target: { ...base.target, counters },
    population: { ...base.population, legit, scalpers },
  };
}
