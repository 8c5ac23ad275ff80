/**
 * The CI example is YAML GitHub Actions would accept: triggers, jobs with a runner and steps,
 * each step a `uses:` (owner/repo@ref) or a `run:`, never both; and it runs, gates and
 * uploads what the README says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Step = Record<string, unknown>;
type Job = { 'runs-on'?: unknown; steps?: Step[]; needs?: unknown; [k: string]: unknown };

const text = readFileSync(new URL('./github-actions.yml', import.meta.url), 'utf8');
const workflow = parse(text) as { name?: unknown; on?: unknown; jobs?: Record<string, Job>; [k: string]: unknown };
const JOB_KEYS = new Set(['name', 'runs-on', 'needs', 'if', 'steps', 'strategy', 'env', 'timeout-minutes', 'permissions', 'outputs', 'container', 'services', 'defaults', 'concurrency', 'continue-on-error', 'environment']);
const STEP_KEYS = new Set(['id', 'name', 'uses', 'run', 'with', 'env', 'if', 'shell', 'working-directory', 'continue-on-error', 'timeout-minutes']);
const TOP_KEYS = new Set(['name', 'on', 'permissions', 'env', 'jobs', 'concurrency', 'defaults', 'run-name']);

describe('examples/github-actions.yml', () => {
  const jobs = Object.entries(workflow.jobs ?? {});

  it('has the shape of a GitHub Actions workflow', () => {
    for (const key of Object.keys(workflow)) expect(TOP_KEYS, `top-level key ${key}`).toContain(key);
    expect(typeof workflow.name).toBe('string');
    expect(workflow.on).toBeTruthy();
    expect(jobs.length).toBeGreaterThan(0);
    for (const [id, job] of jobs) {
      expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_-]*$/);
      for (const key of Object.keys(job)) expect(JOB_KEYS, `jobs.${id}.${key}`).toContain(key);
      expect(typeof job['runs-on'], `jobs.${id}.runs-on`).toBe('string');
      expect(Array.isArray(job.steps) && job.steps.length > 0, `jobs.${id}.steps`).toBe(true);
      for (const needed of [job.needs ?? []].flat()) expect(workflow.jobs, `jobs.${id}.needs`).toHaveProperty(String(needed));
      for (const [i, step] of (job.steps ?? []).entries()) {
        const where = `jobs.${id}.steps[${i}]`;
        for (const key of Object.keys(step)) expect(STEP_KEYS, `${where}.${key}`).toContain(key);
        expect(('uses' in step) !== ('run' in step), `${where}: exactly one of uses and run`).toBe(true);
        if ('uses' in step) expect(step['uses'], where).toMatch(/^[\w.-]+\/[\w.\/-]+@[\w.-]+$/);
        if ('run' in step) expect(typeof step['run'], where).toBe('string');
        if ('with' in step) expect(typeof step['with'], where).toBe('object');
      }
    }
  });

  it('runs the scenario, gates it with JUnit output, uploads the report and posts the summary', () => {
    const steps = jobs.flatMap(([, job]) => job.steps ?? []);
    const runs = steps.map((s) => String(s['run'] ?? '')).join('\n');
    expect(runs).toMatch(/guichet run /);
    expect(runs).toMatch(/guichet gate [^\n]*--junit/);
    expect(runs).toMatch(/--baseline [^\n]*--tolerance/);
    expect(runs).toMatch(/summary\.md >> "\$GITHUB_STEP_SUMMARY"/);
    expect(steps.some((s) => String(s['uses']).startsWith('actions/upload-artifact@'))).toBe(true);
    // the report and the summary are kept when a gate fails: that is when they are read
    for (const s of steps.filter((x) => String(x['uses']).startsWith('actions/upload-artifact@') || String(x['run'] ?? '').includes('GITHUB_STEP_SUMMARY'))) {
      expect(s['if']).toBe('always()');
    }
  });

  it('runs every shard of the matrix it merges, then gates the merged result', () => {
    const shards = workflow.jobs?.['shards'] as Job & { strategy?: { matrix?: { shard?: number[] } } };
    const list = shards.strategy?.matrix?.shard ?? [];
    const run = (shards.steps ?? []).map((s) => String(s['run'] ?? '')).join('\n');
    const n = Number(/--shard \$\{\{ matrix\.shard \}\}\/(\d+)/.exec(run)?.[1]);
    expect(list).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    const merge = workflow.jobs?.['merge'];
    expect(merge?.needs).toBe('shards');
    const mergeRuns = (merge?.steps ?? []).map((s) => String(s['run'] ?? '')).join('\n');
    expect(mergeRuns).toMatch(/guichet merge parts\/part-\*\.json/);
    expect(mergeRuns).toMatch(/guichet gate out\/matrix\/result\.json/);
  });

  it('gates a scenario that exists', () => {
    const scenario = (workflow['env'] as Record<string, string>)['SCENARIO'];
    expect(() => readFileSync(new URL(`../${scenario}`, import.meta.url))).not.toThrow();
  });
});
