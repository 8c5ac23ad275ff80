/**
 * Keys that only mean something in a live run (`live:`, `load:`, a browser `client:`). In a
 * simulated run they would change nothing, and a reader of the file would believe they did, so
 * a sim run refuses them, located like any other error of the file.
 */
import { formatPath, ScenarioError, type ScenarioIssue } from './errors.js';
import { readMapping, readSource, SCENARIO_MESSAGES, validateScenario } from './load.js';
import type { Scenario } from './schema.js';
import { liveGatePaths } from './gates/effective.js';

export type RunMode = 'sim' | 'live';

/** The scenario of `file` for a run in `mode`; a ScenarioError with every problem otherwise. */
export function loadScenarioFor(file: string, mode: RunMode): Scenario {
  const read = readMapping(readSource(file, 'scenario'), file, SCENARIO_MESSAGES);
  const scenario = validateScenario(read);
  if (mode === 'live') return scenario;
  const issues: ScenarioIssue[] = liveOnlyPaths(scenario).map((path) =>
    read.issue(read.locator.locate(path, 'key'), formatPath(path), 'only applies to live runs', 'run with --mode live, or remove it'));
  if (issues.length > 0) throw new ScenarioError(issues);
  return scenario;
}

/** Where the scenario uses what only a live run does. */
export function liveOnlyPaths(s: Scenario): (string | number)[][] {
  const paths: (string | number)[][] = [];
  if (s.live) paths.push(['live']);
  if (s.load.length > 0) paths.push(['load']);
  s.population.legit.forEach((g, i) => { if (g.client === 'browser') paths.push(['population', 'legit', i, 'client']); });
  s.population.scalpers.forEach((c, i) => { if (c.client === 'browser') paths.push(['population', 'scalpers', i, 'client']); });
  // a simulated run measures no latency: its gate could never be judged
  paths.push(...liveGatePaths(s));
  return paths;
}
