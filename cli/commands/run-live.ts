/**
 * `guichet run <scenario> --mode live`: the scenario's agents against the reference target,
 * started on loopback for each replication, over real HTTP (and real browsers for `client:
 * browser` groups). The scenario's `live:` block is the base; flags override it. A driver module
 * named in the scenario is found relative to the scenario file, one named by `--driver`
 * relative to the current folder.
 */
import { dirname } from 'node:path';
import { loadDriver } from '../../engine/drivers/driver-module.js';
import { LIVE_SETTINGS_DEFAULTS } from '../../engine/live/live-defaults.js';
import { runLive } from '../../engine/live/run-live.js';
import type { RunResult } from '../../engine/result.js';
import type { Scenario } from '../../scenarios/schema.js';

export interface LiveFlags {
  driver?: string;
  raceSpeed?: number;
  seed?: number;
  replications?: number;
  policy?: string[];
}

export async function runScenarioLive(
  file: string, scenario: Scenario, flags: LiveFlags, outDir: string, onProgress: (done: number, total: number) => void,
): Promise<RunResult> {
  const base = scenario.live ?? LIVE_SETTINGS_DEFAULTS;
  const settings = { ...base, ...(flags.raceSpeed !== undefined ? { raceSpeed: flags.raceSpeed } : {}) };
  const driverSpec = flags.driver ?? settings.driver;
  const driverCwd = flags.driver !== undefined ? process.cwd() : dirname(file);
  return runLive(scenario, {
    file, settings, workDir: outDir, driverName: driverSpec,
    createDriver: (client, options) => (client === 'browser'
      ? loadDriver('browser', { ...options, ...(settings.browserContexts !== undefined ? { contexts: settings.browserContexts } : {}) })
      : loadDriver(driverSpec, options, driverCwd)),
    onProgress,
    warn: (m) => process.stderr.write(`guichet: ${m}\n`),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.replications !== undefined ? { replications: flags.replications } : {}),
    ...(flags.policy ? { policies: flags.policy } : {}),
  });
}
