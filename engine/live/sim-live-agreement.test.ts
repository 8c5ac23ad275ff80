/**
 * The same scenario, simulated and live, must tell the same story: the fairness metrics agree
 * within the tolerance docs/live.md states (the network's latency and the scheduling of real
 * requests are the only differences). Live here is the real thing: the reference target on
 * 127.0.0.1 with its SQLite file, the HTTP driver over undici.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDriver } from '../drivers/driver-module.js';
import { runScenario } from '../run/run-scenario.js';
import { HOARDERS, scenario, WORKERS } from '../test-support/scenarios.js';
import { LIVE_SETTINGS_DEFAULTS } from './live-defaults.js';
import { runLive } from './run-live.js';

/** docs/live.md, "Sim and live agree" */
const TOLERANCE = 0.05;
const dir = mkdtempSync(join(tmpdir(), 'guichet-agree-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sim and live', () => {
  it('agree on who gets the slots', async () => {
    const s = scenario({
      duration: '3w', warmup: '0d',
      population: { legit: [{ ...WORKERS, arrivals: { perWeek: 25 }, deadlineDays: { min: 5, max: 15 } }], scalpers: [{ ...HOARDERS, agents: 3 }] },
      market: { resaleLeadDays: 0 },
    });
    const sim = await runScenario(s, { file: 'agree', replications: 1, workers: 1 });
    const live = await runLive(s, {
      file: 'agree', workDir: dir, driverName: 'http',
      settings: { ...LIVE_SETTINGS_DEFAULTS, raceSpeed: 20, raceWindow: { before: '5s', after: '40s' } },
      createDriver: (_client, options) => loadDriver('http', options),
    });
    const a = sim.policies[0]?.runs[0];
    const b = live.policies[0]?.runs[0];
    expect(a && b).toBeTruthy();
    if (!a || !b) return;
    expect(b.live?.reconciliation.ok).toBe(true);
    expect(b.counts.slotsReleased).toBe(a.counts.slotsReleased);
    // the run did real work: people and bots booked over HTTP
    expect(b.counts.slotsBooked).toBeGreaterThan(10);
    for (const m of ['legit.servedBeforeDeadline', 'bots.captureShare', 'legit.paidShare'] as const) {
      expect(Number.isFinite(a.metrics[m]), m).toBe(true);
      expect(Math.abs(b.metrics[m] - a.metrics[m]), m).toBeLessThanOrEqual(TOLERANCE);
    }
    const people = b.live?.populations.find((p) => p.id === 'people');
    expect(people?.all.latency.count).toBeGreaterThan(0);
    expect(people?.all.statuses['201']).toBeGreaterThan(0);
  }, 120_000);
});
