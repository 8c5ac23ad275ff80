/**
 * The built command, as a user runs it (`npx guichet` is dist/cli/main.js). Builds first, so the
 * test never runs a stale dist/. Also the only place the worker-thread path runs: Node 20
 * workers cannot load TypeScript, so from sources replications run in-thread.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url).pathname;
const MAIN = join(ROOT, 'dist/cli/main.js');
const dir = mkdtempSync(join(tmpdir(), 'guichet-cli-'));

const SMALL = `
name: small e2e
seed: 3
start: 2019-01-07
duration: 5w
warmup: 1w
replications: 2
target:
  counters:
    renewal: { days: [mon, tue, thu, fri], hours: "08:30-10:00", slotMinutes: 15, desks: 2 }
policy:
  release: { kind: weekly, day: sun, at: "20:00", horizon: 2w }
policies:
  lottery:
    release: { kind: lottery, day: sun, at: "20:00", horizon: 2w }
population:
  legit:
    - group: workers
      counter: renewal
      arrivals: { perWeek: 40 }
      deadlineDays: { min: 10, max: 40 }
      checksPerDay: { median: 3 }
  scalpers:
    - crew: cafe
      strategy: hoarder
      agents: 3
      pollEverySeconds: 1
      priceEur: 100
`;

function guichet(...args: string[]) {
  return spawnSync(process.execPath, [MAIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } });
}

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'pipe' });
  writeFileSync(join(dir, 'small.yaml'), SMALL);
  writeFileSync(join(dir, 'bad.yaml'), SMALL.replace('agents: 3', 'agents: -3').replace('seed: 3', 'seed: 3\nsede: 4'));
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('guichet (built)', () => {
  it('prints its version and help', () => {
    const v = guichet('--version');
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const h = guichet('run', '--help');
    expect(h.stdout).toMatch(/--replications <n>/);
  });

  it('runs a scenario in worker threads with the same result.json as in one thread, and writes the reports', () => {
    const threads = guichet('run', 'small.yaml', '--out', 'w2', '--workers', '2', '--quiet');
    expect(threads.stderr).toBe('');
    expect(threads.status).toBe(0);
    const single = guichet('run', 'small.yaml', '--out', 'w1', '--workers', '1');
    expect(single.status).toBe(0);
    expect(single.stdout).toMatch(/policy\s+served before deadline/);
    expect(single.stdout).toMatch(/^lottery\s/m);
    const a = readFileSync(join(dir, 'w2/result.json'), 'utf8');
    expect(a).toBe(readFileSync(join(dir, 'w1/result.json'), 'utf8'));
    expect(JSON.parse(a).schema).toBe('guichet.result/v1');
    for (const f of ['report.html', 'summary.md']) expect(existsSync(join(dir, 'w2', f))).toBe(true);
  }, 120_000);

  it('rejects bad input with located errors and exit code 2, never a stack trace', () => {
    const bad = guichet('run', 'bad.yaml');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+ .*sede/);
    expect(bad.stderr).toMatch(/bad\.yaml:\d+:\d+ population\.scalpers\[0\]\.agents: must be at least 1/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    for (const args of [['run', 'missing.yaml'], ['run', 'small.yaml', '--replications', 'many'], ['run', 'small.yaml', '--policy', 'nope'], ['frobnicate']]) {
      const r = guichet(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });
});
