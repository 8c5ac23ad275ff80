/**
 * `guichet run <scenario> --mode live`: the scenario's agents against the reference target,
 * started on loopback for each replication, over real HTTP (and real browsers for `client:
 * browser` groups). The scenario's `live:` block is the base; flags override it. A driver module
 * named in the scenario is found relative to the scenario file, one named by `--driver`
 * relative to the current folder.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { BrowserMissingError, chromiumPath } from '../../engine/drivers/browser/browser-missing.js';
import { driverFactory, loadDriver } from '../../engine/drivers/driver-module.js';
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

/** Where the driver module is looked for: the current folder for --driver, the scenario's folder for its `driver:` key. */
function driverOf(file: string, scenario: Scenario, flags: LiveFlags): { spec: string; cwd: string } {
  return flags.driver !== undefined
    ? { spec: flags.driver, cwd: process.cwd() }
    : { spec: (scenario.live ?? LIVE_SETTINGS_DEFAULTS).driver, cwd: dirname(file) };
}

/**
 * What would make the run fail once started, checked before anything is started or written:
 * the driver module loads and is a factory, and Chromium is there when a group uses a browser.
 */
export async function checkLiveSetup(file: string, scenario: Scenario, flags: LiveFlags): Promise<void> {
  const { spec, cwd } = driverOf(file, scenario, flags);
  await driverFactory(spec, cwd);
  const { legit, scalpers } = scenario.population;
  if ([...legit, ...scalpers].some((g) => g.client === 'browser') && !existsSync(chromiumPath())) {
    throw new BrowserMissingError(chromiumPath(), 'a group of this scenario has client: browser');
  }
}

export async function runScenarioLive(
  file: string, scenario: Scenario, flags: LiveFlags, outDir: string, onProgress: (done: number, total: number) => void,
): Promise<RunResult> {
  const base = scenario.live ?? LIVE_SETTINGS_DEFAULTS;
  const settings = { ...base, ...(flags.raceSpeed !== undefined ? { raceSpeed: flags.raceSpeed } : {}) };
  const { spec: driverSpec, cwd: driverCwd } = driverOf(file, scenario, flags);
  return runLive(scenario, {
    file, settings, workDir: outDir, driverName: driverSpec,
    createDriver: (client, options, who) => (client === 'browser'
      ? loadDriver('browser', {
        ...options,
        ...(settings.browserContexts !== undefined ? { contexts: settings.browserContexts } : {}),
        // a scalper's script fills the fields at once; people type
        ...(who === 'crew' ? { typingDelayMs: 0 } : {}),
      })
      : loadDriver(driverSpec, options, driverCwd)),
    onProgress,
    warn: (m) => process.stderr.write(`guichet: ${m}\n`),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.replications !== undefined ? { replications: flags.replications } : {}),
    ...(flags.policy ? { policies: flags.policy } : {}),
  });
}
