/**
 * `guichet run --mode live --target URL` as a user runs it: a target started on its own with
 * `guichet target --test-control --trust-proxy` (another process, its own SQLite file), then the
 * run against it; and the targets it must refuse before writing anything (nothing listening, a
 * wrong token, a target it cannot steer).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'guichet-run-target-'));
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCENARIO = join(ROOT, 'scenarios/fixtures/good/live-remote.yaml');
const TOKEN = 'remote-test-token';
const CLI = ['--import', TSX, join(ROOT, 'cli/main.ts')];

function guichet(...args: string[]) {
  return spawnSync(process.execPath, [...CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '', GUICHET_ADMIN_TOKEN: '' }, timeout: 240_000 });
}

const targets: ChildProcess[] = [];
/** `guichet target` in its own process; resolves with its URL once it listens. */
function startTarget(...flags: string[]): Promise<string> {
  const child = spawn(process.execPath, [...CLI, 'target', '--port', '0', '--admin-token', TOKEN, '--db', join(dir, `t${targets.length}.db`), ...flags], { cwd: dir });
  targets.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`guichet target exited with ${code}`)));
  });
}

let steerable: string;
let plain: string;
beforeAll(async () => {
  [steerable, plain] = await Promise.all([startTarget('--test-control', '--trust-proxy'), startTarget('--trust-proxy')]);
}, 60_000);
afterAll(() => {
  for (const t of targets) t.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('run --mode live --target', () => {
  it('runs against a target started separately, steering its clock, and reconciles the ledgers', async () => {
    const r = guichet('run', SCENARIO, '--mode', 'live', '--target', steerable, '--admin-token', TOKEN, '--out', 'remote', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'remote', 'result.json'), 'utf8')) as RunResult;
    const run = result.policies[0]?.runs[0];
    const live = run?.live;
    expect(live?.target).toMatchObject({ url: steerable, startedByHarness: false });
    expect(live?.reconciliation.ok).toBe(true);
    expect(live?.reconciliation.harnessBookings).toBeGreaterThan(0);
    // the harness saw the target's release through its journal: slots were released and people served
    expect(run?.counts.slotsReleased).toBeGreaterThan(0);
    expect(run?.counts.legitServed).toBeGreaterThan(0);
    expect(live?.raceWindows.length).toBeGreaterThan(0);
    // the run steered the target's clock through the scenario's days (it started in 2026)
    const control = await request(`${steerable}/admin/control`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const now = ((await control.body.json()) as { now: number }).now;
    expect(now).toBeGreaterThan(Date.parse('2019-01-07T00:00:00Z'));
    expect(now).toBeLessThan(Date.parse('2019-01-09T00:00:00Z'));
  }, 240_000);

  it('refuses, with exit 2 and nothing written, a target that does not answer, takes another token, or cannot be steered', () => {
    const cases: [string[], RegExp][] = [
      [['--target', 'http://127.0.0.1:9', '--admin-token', TOKEN], /cannot reach http:\/\/127\.0\.0\.1:9: (connection refused|no answer)/],
      [['--target', steerable, '--admin-token', 'wrong'], /refused the admin token/],
      [['--target', plain, '--admin-token', TOKEN], /runs without test control.*--test-control --trust-proxy/],
      [['--target', 'http://192.0.2.1:8080', '--admin-token', TOKEN], /not loopback/],
      [['--target', steerable], /needs the target's admin token/],
    ];
    for (const [flags, message] of cases) {
      const r = guichet('run', SCENARIO, '--mode', 'live', ...flags, '--out', 'refused');
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(join(dir, 'refused'))).toBe(false);
    }
  }, 120_000);
});
