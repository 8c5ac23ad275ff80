/**
 * `guichet run <scenario> --mode live`: the scenario's agents against the reference target,
 * started on loopback for each replication (or a separately started one named by `--target`), over real HTTP (and real browsers for `client:
 * browser` groups). The scenario's `live:` block is the base; flags override it. A driver module
 * named in the scenario is found relative to the scenario file, one named by `--driver`
 * relative to the current folder.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { BrowserMissingError, chromiumPath } from '../../engine/drivers/browser/browser-missing.js';
import { driverFactory, loadDriver } from '../../engine/drivers/driver-module.js';
import { AdminCallError } from '../../engine/live/admin-client.js';
import { LOOPBACK } from '../../engine/live/flood/spec.js';
import { LIVE_SETTINGS_DEFAULTS } from '../../engine/live/live-defaults.js';
import { probeRemoteTarget } from '../../engine/live/remote-target.js';
import { InputError } from '../../scenarios/input-error.js';
import { runLive } from '../../engine/live/run-live.js';
import type { RunResult } from '../../engine/result.js';
import type { Scenario } from '../../scenarios/schema.js';

export interface LiveFlags {
  driver?: string;
  raceSpeed?: number;
  target?: string;
  adminToken?: string;
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

/** `--target`'s URL: http(s) on loopback (a live run is load), no path. */
export function targetUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('FLAGS_CONFLICT', `--target "${text}" is not a URL (expected e.g. http://127.0.0.1:8080)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InputError('FLAGS_CONFLICT', `--target ${text}: expected an http:// or https:// URL`);
  if (!LOOPBACK.has(url.hostname.toLowerCase())) {
    throw new InputError('FLOOD_REFUSED', `--target ${text}: host "${url.hostname}" is not loopback; a live run sends load, so only a target on this machine (127.0.0.1, ::1, localhost)`);
  }
  if (url.pathname !== '/' || url.search) throw new InputError('FLAGS_CONFLICT', `--target ${text}: give the target's base URL, without a path (e.g. ${url.origin})`);
  return url.origin;
}

/** The separately started target of `--target`, with its admin token, or undefined to start one per replication. */
function remoteOf(flags: LiveFlags): { url: string; adminToken: string } | undefined {
  if (flags.target === undefined) {
    if (flags.adminToken !== undefined && process.env['GUICHET_ADMIN_TOKEN'] !== flags.adminToken) throw new InputError('FLAGS_CONFLICT', '--admin-token only applies with --target');
    return undefined;
  }
  if (!flags.adminToken) throw new InputError('FLAGS_CONFLICT', `--target needs the target's admin token: --admin-token <token> or GUICHET_ADMIN_TOKEN (\`guichet target\` prints it when it makes one)`);
  return { url: targetUrl(flags.target), adminToken: flags.adminToken };
}

/**
 * What would make the run fail once started, checked before anything is started or written:
 * the driver module loads and is a factory, Chromium is there when a group uses a browser, and
 * a `--target` answers, takes the admin token and can be driven (test control, proxy trust).
 */
export async function checkLiveSetup(file: string, scenario: Scenario, flags: LiveFlags): Promise<void> {
  const remote = remoteOf(flags);
  if (remote) {
    try {
      await probeRemoteTarget(remote.url, remote.adminToken, (scenario.live ?? LIVE_SETTINGS_DEFAULTS).timeoutSeconds * 1000);
    } catch (e) {
      if (e instanceof AdminCallError) throw new InputError('TARGET_UNREACHABLE', `--target: ${e.reason}`, { cause: e });
      throw e;
    }
  }
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
  const remote = remoteOf(flags);
  return runLive(scenario, {
    ...(remote ? { target: remote } : {}),
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
