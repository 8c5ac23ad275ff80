/**
 * Absurd and oversized scenarios, through the command as a user runs it (from sources): bounds
 * are located errors of `validate`, and a run too large in total is refused before anything is
 * simulated or written. Fast: the refusals happen before any simulation.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sizedScenarioYaml } from '../../engine/test-support/sized-scenario.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'guichet-run-size-'));
/** tsx by path: the child runs in a temporary folder, where the name "tsx" resolves to nothing */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const scenario = (perWeek: string, duration: string, groups = 1): string => sizedScenarioYaml({ perWeek, duration, groups });

function guichet(...args: string[]) {
  return spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'cli/main.ts'), ...args], {
    cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' },
  });
}

beforeAll(() => {
  writeFileSync(join(dir, 'absurd.yaml'), scenario('1e9', '4w'));
  // every field within its bound (else run would print the bound's error, not the size): 20 groups of 10,000 a week for two years is 20 million people
  writeFileSync(join(dir, 'large.yaml'), scenario('10000', '104w', 20));
  // 80 people, 3 scalpers, 504 slots: about 350 agents' worth of memory
  writeFileSync(join(dir, 'small.yaml'), scenario('20', '4w'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bounds and run size', () => {
  it('validate gives perWeek: 1e9 a located error, exit 2', () => {
    const r = guichet('validate', 'absurd.yaml');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('absurd.yaml:11:59 population.legit[0].arrivals.perWeek: must be at most 10,000, got 1e9');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('run refuses a scenario too large in total before simulating: exit 2, no output folder', () => {
    const r = guichet('run', 'large.yaml', '--out', 'out-large');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^guichet run: this run is too large: one replication \(policy "baseline"\) would hold about 20,800,000 people, 3 scalper agents, .*the limit is 250,000 agents .*--max-agents <n>/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'out-large'))).toBe(false);
  });

  it('--max-agents sets the limit: below the estimate refused, above it the run goes ahead', () => {
    const refused = guichet('run', 'small.yaml', '--max-agents', '100', '--replications', '1', '--out', 'out-refused', '--quiet');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/about 80 people, 3 scalper agents, 504 slots.*the limit is 100 agents/);
    expect(existsSync(join(dir, 'out-refused'))).toBe(false);

    const ran = guichet('run', 'small.yaml', '--max-agents', '1000', '--replications', '1', '--out', 'out-ran', '--quiet', '--no-report');
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'out-ran/result.json'), 'utf8')).replications).toBe(1);
  });

  it('--max-agents takes a whole number above zero', () => {
    const r = guichet('run', 'small.yaml', '--max-agents', '0');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('expected a whole number from 1 to 1000000000, got "0"');
  });
});
