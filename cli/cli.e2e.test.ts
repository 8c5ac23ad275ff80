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
    expect(h.stdout).toMatch(/--lang <lang>\s+report language \(choices: "fr", "en", default: "fr"\)/);
    expect(guichet('run', 'small.yaml', '--lang', 'de').status).toBe(2);
  });

  it('stops quietly with status 0 when its reader closes the pipe early (guichet run --help | head -1)', () => {
    const piped = spawnSync('sh', ['-c', `node ${JSON.stringify(MAIN)} run --help | head -1`], { encoding: 'utf8' });
    expect(piped.stdout).toMatch(/^Usage: guichet run/);
    expect(piped.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('runs a scenario in worker threads with the same result.json as in one thread, and writes the reports', () => {
    const threads = guichet('run', 'small.yaml', '--out', 'w2', '--workers', '2', '--quiet');
    expect(threads.stderr).toBe('');
    expect(threads.status).toBe(0);
    const single = guichet('run', 'small.yaml', '--out', 'w1', '--workers', '1');
    expect(single.status).toBe(0);
    expect(single.stdout).toMatch(/^policy\s+deadline\s+wait/m);
    expect(single.stdout).toMatch(/^lottery\s/m);
    // paths relative to the working directory, as the README shows them
    expect(single.stdout).toMatch(/\nresult: w1\/result\.json\nreport: w1\/report\.html\nsummary: w1\/summary\.md\n$/);
    const a = readFileSync(join(dir, 'w2/result.json'), 'utf8');
    expect(a).toBe(readFileSync(join(dir, 'w1/result.json'), 'utf8'));
    expect(JSON.parse(a).schema).toBe('guichet.result/v1');
    for (const f of ['report.html', 'summary.md']) expect(existsSync(join(dir, 'w2', f))).toBe(true);
  }, 120_000);

  it('shards in worker threads and merges into the unsharded result.json, byte for byte (--shard, merge)', () => {
    expect(guichet('run', 'small.yaml', '--out', 'whole', '--workers', '2', '--quiet', '--no-report').status).toBe(0);
    for (const i of [1, 2, 3]) {
      const shard = guichet('run', 'small.yaml', '--shard', `${i}/3`, '--out', 'parts', '--workers', '2');
      expect(shard.status, shard.stderr).toBe(0);
      expect(shard.stdout).toMatch(new RegExp(`^shard ${i}/3: \\d of 4 replications \\(policy × replication\\)\npart: parts/part-${i}-of-3\\.json\n$`));
    }
    const merge = guichet('merge', 'parts/part-3-of-3.json', 'parts/part-1-of-3.json', 'parts/part-2-of-3.json', '-o', 'merged/result.json');
    expect(merge.status, merge.stderr).toBe(0);
    expect(readFileSync(join(dir, 'merged/result.json'), 'utf8')).toBe(readFileSync(join(dir, 'whole/result.json'), 'utf8'));
  }, 120_000);

  it('prints plain progress lines on stderr when output is piped, and none with --quiet', () => {
    const run = guichet('run', 'small.yaml', '--out', 'piped', '--no-report');
    expect(run.status).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^simulating: 1\/4 replications \(25 %\), \d+ s elapsed, ~\d+ s left$/);
    expect(lines.at(-1)).toMatch(/^simulating: 4\/4 replications \(100 %\), \d+ s elapsed$/);
    for (const l of lines) expect(l).toMatch(/^simulating: \d\/4 replications/);
    expect(run.stdout).toMatch(/\nresult: piped\/result\.json\n$/);
    const quiet = guichet('run', 'small.yaml', '--out', 'piped', '--no-report', '--quiet');
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  }, 120_000);

  it('checks the output folder before simulating: one clear line, exit code 2, no table', () => {
    const run = guichet('run', 'small.yaml', '--out', '/dev/null/x');
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('guichet run: cannot write to /dev/null/x: not a directory\n');
    expect(run.stdout).toBe('');
    writeFileSync(join(dir, 'taken'), '');
    const onFile = guichet('run', 'small.yaml', '--out', 'taken/x', '--no-report');
    expect(onFile.stderr).toBe('guichet run: cannot write to taken/x: not a directory\n');
    expect(onFile.status).toBe(2);
  });

  it('reports into a folder it cannot use with one line and exit code 2, never a hang', () => {
    expect(guichet('run', 'small.yaml', '--out', '.', '--no-report', '--quiet', '--replications', '1').status).toBe(0);
    for (const [out, reason] of [['/dev/null/x', 'not a directory'], ...(existsSync('/proc/self') ? [['/proc/nope', 'no such file or directory']] : [])] as const) {
      const r = spawnSync(process.execPath, [MAIN, 'report', 'result.json', '--out', out], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      expect(r.signal, out).toBeNull();
      expect(r.stderr, out).toBe(`guichet report: cannot write to ${out}: ${reason}\n`);
      expect(r.status, out).toBe(2);
    }
    const ok = guichet('report', 'result.json', '--lang', 'en', '--out', 'en');
    expect(ok.stdout).toBe('result: en/result.json\nreport: en/report.html\nsummary: en/summary.md\n');
  });

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

  it('exports a scenario as a k6 script, and refuses a lottery with a located error and exit code 2', () => {
    const ok = guichet('export', 'k6', 'small.yaml', '-o', 'test.ts');
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    const script = readFileSync(join(dir, 'test.ts'), 'utf8');
    expect(script).toMatch(/^\/\/ k6 load test of "small e2e", policy baseline/);
    expect(script).toContain('crew_cafe: { executor: "constant-vus", exec: "crew_cafe", vus: 3,');
    const refused = guichet('export', 'k6', 'small.yaml', '--policy', 'lottery', '-o', 'lottery.ts');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^small\.yaml:\d+:\d+ policies\.lottery\.release\.kind: a lottery release is not exported to k6/);
    expect(existsSync(join(dir, 'lottery.ts'))).toBe(false);
  });
});
