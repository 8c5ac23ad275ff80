import { describe, expect, it } from 'vitest';
import { parseShard, runKey, shardCells, shardProblem } from './run-shard.js';
import { scenario } from '../test-support/scenarios.js';

describe('parseShard', () => {
  it('reads i/n with 1 ≤ i ≤ n, as vitest and Playwright do', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    expect(parseShard('8/8')).toEqual({ index: 8, count: 8 });
  });

  it('refuses shard 0, a shard past the count, a count of 0 and anything else', () => {
    for (const bad of ['0/8', '9/8', '1/0', '0/0', '2', '2/', '/8', '-1/8', '1.5/8', '2/8/1', 'a/b', '']) expect(parseShard(bad), bad).toBeUndefined();
  });
});

describe('shardCells', () => {
  // every grid and every split up to a size bigger than any matrix of the repository's scenarios at a few replications
  it('deals every cell of the grid to exactly one shard, none empty, sizes within one of each other', () => {
    for (let grid = 1; grid <= 40; grid++) {
      for (let count = 1; count <= grid; count++) {
        const shards = Array.from({ length: count }, (_, k) => shardCells(grid, { index: k + 1, count }));
        expect(shards.flat().sort((a, b) => a - b), `${grid} cells in ${count}`).toEqual(Array.from({ length: grid }, (_, t) => t));
        const sizes = shards.map((s) => s.length);
        expect(Math.min(...sizes)).toBeGreaterThan(0);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const s of shards) expect([...s].sort((a, b) => a - b)).toEqual(s);
      }
    }
  });

  it('interleaves the policies: with 7 policies × 2 replications in 3 shards, each shard has replications of most policies', () => {
    const policiesOf = (cells: number[]) => new Set(cells.map((t) => Math.floor(t / 2)));
    for (let index = 1; index <= 3; index++) expect(policiesOf(shardCells(14, { index, count: 3 })).size).toBeGreaterThanOrEqual(4);
  });
});

describe('shardProblem', () => {
  it('accepts up to one shard per cell and says how many the run allows beyond', () => {
    expect(shardProblem({ index: 14, count: 14 }, 14)).toBeUndefined();
    expect(shardProblem({ index: 1, count: 15 }, 14)).toMatch(/14 \(policy × replication\) cells, so at most 14 shards/);
  });
});

describe('runKey', () => {
  const s = scenario();
  const key = (over: Partial<{ file: string; seed: number; replications: number; policies: string[]; version: string }> = {}) =>
    runKey({ ...s, seed: over.seed ?? s.seed }, over.file ?? 'x.yaml', over.replications ?? 2, over.policies ?? ['baseline'], over.version ?? '1.0.0');

  it('is the same for the same run and differs when the scenario, a flag, the path or the version does', () => {
    expect(key()).toBe(key());
    expect(key()).toMatch(/^sha256:[0-9a-f]{64}$/);
    const others = [key({ seed: 8 }), key({ replications: 3 }), key({ policies: ['lottery'] }), key({ file: 'y.yaml' }), key({ version: '1.0.1' }),
      runKey(scenario({ duration: '9w' }), 'x.yaml', 2, ['baseline'], '1.0.0')];
    expect(new Set([key(), ...others]).size).toBe(others.length + 1);
  });
});
