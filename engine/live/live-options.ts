/** What a live run is given: its settings, where its files go, how drivers and metrics are made. */
import type { LiveSettings } from '../../scenarios/schema/live.js';
import type { LiveDriver, LiveDriverOptions } from '../drivers/driver.js';
import type { LiveReplication, RaceWindow } from '../measure/live-types.js';
import type { LivePopulation } from '../measure/live-recorder.js';
import type { LiveProbe } from './live-runner.js';


/** The live metrics of one replication: fed by the runner and the floods, summarised at the end. */
export interface LiveMetrics extends LiveProbe {
  floodSecond(requests: number, errors: number): void;
  summary(): Pick<LiveReplication, 'populations' | 'traffic'>;
}

export interface LiveRunOptions {
  settings: LiveSettings;
  /** folder of the target's SQLite files (the run's output folder) */
  workDir: string;
  /** a guichet target started separately (`guichet target --test-control --trust-proxy`); absent: one is started per replication */
  target?: { url: string; adminToken: string };
  /** name of the driver, for the result */
  driverName: string;
  /** the driver of people or crews reaching the target with `client` */
  createDriver(client: 'http' | 'browser', options: LiveDriverOptions, who: 'people' | 'crew'): Promise<LiveDriver>;
  createMetrics(populations: readonly LivePopulation[], clock: { virtualNow(): number }): LiveMetrics;
  /** every second or so: simulated ms done of the replication, of `total` */
  onClock?(done: number, total: number): void;
  /** a race window opens (floods start there) */
  onWindow?(window: RaceWindow): void;
  warn?(message: string): void;
  signal?: AbortSignal;
}
