/**
 * `guichet run --mode live` as a user runs it (from sources, in a child process): the shipped
 * smoke scenario live against the reference target, with its browser group in real Chromium,
 * its two crews over HTTP and its flood; and the bad input of live mode (live-only keys in a sim
 * run, live flags without --mode live, a driver that does not exist), refused with exit 2 and
 * nothing written.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.js';
import { browserSuite } from '../../test-support/chromium.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'guichet-run-live-'));
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SMOKE = join(ROOT, 'scenarios/live-smoke.yaml');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function guichet(...args: string[]) {
  return spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'cli/main.ts'), ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' }, timeout: 240_000,
  });
}

describe('run --mode live: bad input', () => {
  it('refuses the live-only keys of a scenario in a sim run, each located, and writes nothing', () => {
    const r = guichet('run', SMOKE, '--out', 'sim');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/live-smoke\.yaml:\d+:\d+ population\.legit\[1\]\.client: only applies to live runs/);
    expect(r.stderr).toMatch(/live-smoke\.yaml:\d+:1 live: only applies to live runs/);
    expect(r.stderr).toMatch(/live-smoke\.yaml:\d+:1 load: only applies to live runs/);
    expect(existsSync(join(dir, 'sim'))).toBe(false);
  });

  it('refuses live flags without --mode live', () => {
    const r = guichet('run', join(ROOT, 'scenarios/fixtures/good/minimal.yaml'), '--race-speed', '5', '--out', 'flags');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--race-speed only applies with --mode live');
  });

  it('refuses a driver module that does not exist, before starting anything', () => {
    const r = guichet('run', join(ROOT, 'scenarios/fixtures/good/minimal.yaml'), '--mode', 'live', '--driver', './nope.mjs', '--out', 'nodriver');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope.mjs');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'nodriver', 'result.json'))).toBe(false);
  });
});

browserSuite('live smoke run with a browser group')('run --mode live: the smoke scenario', () => {
  it('runs people in Chromium, crews over HTTP and a flood, and reconciles the ledgers', () => {
    const r = guichet('run', SMOKE, '--mode', 'live', '--out', 'smoke', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'smoke', 'result.json'), 'utf8')) as RunResult;
    const live = result.policies[0]?.runs[0]?.live;
    expect(live?.reconciliation.ok).toBe(true);
    expect(live?.reconciliation.harnessBookings).toBeGreaterThan(0);
    const people = live?.populations.find((p) => p.id === 'people');
    expect(people?.client).toBe('browser');
    expect(people?.all.statuses['200']).toBeGreaterThan(0);
    for (const crew of ['hoarders', 'snipers']) expect(live?.populations.find((p) => p.id === crew)?.all.latency.count).toBeGreaterThan(0);
    expect(live?.floods[0]?.requests).toBeGreaterThan(0);
    expect(live?.raceWindows).toHaveLength(1);
    const report = readFileSync(join(dir, 'smoke', 'report.html'), 'utf8');
    expect(report).toContain('id="live"');
  }, 240_000);
});

describe('run --mode live: no browser', () => {
  it('names apt-get install chromium when a group uses a browser and Chromium is missing, and writes nothing', () => {
    const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'cli/main.ts'), 'run', SMOKE, '--mode', 'live', '--out', 'nobrowser'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '', GUICHET_CHROMIUM: '/nonexistent/chromium' }, timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('apt-get install chromium');
    expect(r.stderr).toContain('client: browser');
    expect(existsSync(join(dir, 'nobrowser'))).toBe(false);
  });

  it('refuses an unknown built-in driver name', () => {
    const r = guichet('run', join(ROOT, 'scenarios/fixtures/good/minimal.yaml'), '--mode', 'live', '--driver', 'carrier-pigeon', '--out', 'pigeon');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown driver "carrier-pigeon"');
    expect(existsSync(join(dir, 'pigeon'))).toBe(false);
  });
});
