import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './load.js';
import { MAX_NESTING, tooDeep } from './nesting.js';

const blockSeq = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}- `).join('\n');

describe('nesting depth, before parsing', () => {
  it('leaves every shipped scenario and fixture alone, with a wide margin', () => {
    for (const dir of ['scenarios', 'scenarios/fixtures/good', 'scenarios/fixtures/bad']) {
      for (const f of readdirSync(dir).filter((x) => /\.(ya?ml|json)$/.test(x))) {
        expect(tooDeep(readFileSync(`${dir}/${f}`, 'utf8'), MAX_NESTING / 2), `${dir}/${f}`).toBeUndefined();
      }
    }
  });

  it('finds where flow brackets and block indentation go too deep', () => {
    expect(tooDeep(`name: ${'['.repeat(100)}`)).toEqual({ line: 1, col: 6 + MAX_NESTING, depth: MAX_NESTING + 1 });
    expect(tooDeep(`name:\n${blockSeq(200)}`)).toMatchObject({ line: MAX_NESTING + 1, depth: MAX_NESTING + 1 });
    expect(tooDeep(`{"name": ${'{"a":'.repeat(70)}1${'}'.repeat(70)}}`)).toMatchObject({ line: 1, depth: MAX_NESTING + 1 });
  });

  it('skips brackets in quoted text and comments, and counts closed ones out', () => {
    expect(tooDeep(`a: "${'['.repeat(100)}"\nb: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}`)).toBeUndefined();
    expect(tooDeep(Array.from({ length: 100 }, () => '[[[]]]').join('\n'))).toBeUndefined();
  });

  it('turns what would overflow the YAML parser into a located error', () => {
    for (const [file, text] of [['deep.yaml', `name:\n${blockSeq(3000)}`], ['deep.json', `{"name": ${blockSeq(3000)}}`], ['deep.json', '['.repeat(50_000)]]) {
      const e = (() => { try { parseScenario(text as string, file as string); } catch (x) { return x; } return undefined; })();
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).format()).toMatch(new RegExp(`^${file}:\\d+:\\d+ collections nested ${MAX_NESTING + 1} levels deep here; at most ${MAX_NESTING}`));
    }
  });
});
