import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from './errors.js';
import { loadConfigFile, loadPolicy, parsePolicy } from './load-policy.js';

const GOOD = `# Hérault 2019, random release
release: { kind: random, batchesPerWeek: 5, window: "mon-fri 08:00-18:00", horizon: 8w }
measures:
  captcha: { kind: proof-of-work, difficulty: 12 }
counters:
  renewal: { days: [mon, tue], hours: "08:30-12:00", slotMinutes: 15, desks: 4 }
`;

/** every line of the error, as `guichet validate` prints them */
const fails = (text: string, file = 'p.yaml'): string[] => {
  try {
    parsePolicy(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).format().split('\n');
  }
  throw new Error('expected a ScenarioError');
};

const tmp = () => mkdtempSync(join(tmpdir(), 'guichet-policy-'));

describe('policy files', () => {
  it('accepts a valid YAML policy', () => {
    const p = parsePolicy(GOOD, 'p.yaml');
    expect(p.release).toEqual({ kind: 'random', batchesPerWeek: 5, window: 'mon-fri 08:00-18:00', horizon: '8w' });
    expect(Object.keys(p.counters ?? {})).toEqual(['renewal']);
  });

  it('accepts JSON files', () => {
    const file = join(tmp(), 'p.json');
    writeFileSync(file, JSON.stringify({ release: { kind: 'continuous', horizon: '2w' }, flaws: ['captcha-replay'] }, null, 2));
    expect(loadPolicy(file).flaws).toEqual(['captcha-replay']);
  });

  it('reports every error at once, each located, in the words of scenario errors', () => {
    expect(fails('release:\n  kind: weekly\n  day: sun\n  at: "25:00"\n  horizon: 8w\nmeasures:\n  captcha:\n    kind: challenge\n    colour: red\nflaws: [captcha-replai]\n'))
      .toEqual([
        'p.yaml:4:7 release.at: expected a time of day "HH:MM", got "25:00"',
        'p.yaml:9:5 measures.captcha.colour: unknown key "colour"',
        'p.yaml:10:9 flaws[0]: expected one of "captcha-replay" | "captcha-client-side-only" | "non-atomic-booking", got a string ("captcha-replai") (did you mean "captcha-replay"?)',
      ]);
  });

  it('locates a missing key at its parent and an unknown top-level key with a suggestion', () => {
    expect(fails('release:\n  kind: weekly\n  day: sun\n  horizon: 8w\n')).toEqual(['p.yaml:2:3 release.at: missing required field "at"']);
    expect(fails('release: { kind: continuous, horizon: 1w }\nmeasure: {}\n'))
      .toEqual(['p.yaml:2:1 measure: unknown key "measure" (did you mean "measures"?)']);
  });

  it('locates YAML syntax errors and duplicate keys', () => {
    expect(fails('release: { kind: continuous\n')[0]).toMatch(/^p\.yaml:\d+:\d+ YAML syntax error: /);
    expect(fails('release: { kind: continuous, horizon: 1w }\nrelease: { kind: continuous, horizon: 2w }\n'))
      .toEqual(['p.yaml:2:1 duplicate key "release": it appears earlier in the same mapping']);
    expect(fails('')).toEqual([expect.stringMatching(/^p\.yaml:1:1 the file is empty: a policy file needs at least release/)]);
  });

  it('says so when a scenario is passed as a policy', () => {
    expect(fails('name: x\nstart: 2019-01-07\npolicy:\n  release: { kind: continuous, horizon: 1w }\n')).toEqual([
      'p.yaml:1:1 this looks like a scenario file, not a policy file (use its `policy:` section in a file of its own, or pass it with --scenario)',
    ]);
  });

  it('names an unreadable file', () => {
    expect(() => loadPolicy('/nonexistent/p.yaml')).toThrow('/nonexistent/p.yaml cannot read the policy file: no such file');
  });
});

describe('loadConfigFile', () => {
  it('tells a policy file from a scenario by its keys, unless told which', () => {
    const dir = tmp();
    const policy = join(dir, 'policy.yaml');
    writeFileSync(policy, 'release: { kind: continuous, horizon: 1w }\n');
    expect(loadConfigFile(policy).kind).toBe('policy');
    expect(loadConfigFile('scenarios/fixtures/good/minimal.yaml').kind).toBe('scenario');
    // forced to be a policy, a scenario is refused as one
    expect(() => loadConfigFile('scenarios/fixtures/good/minimal.yaml', 'policy')).toThrow(/looks like a scenario file/);
    // forced to be a scenario, a policy file gets the scenario's missing fields
    expect(() => loadConfigFile(policy, 'scenario')).toThrow(/missing required field "name"/);
  });
});

describe('error codes', () => {
  const codeOf = (read: () => unknown): string | undefined => {
    try {
      read();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      return (e as ScenarioError).code;
    }
    return undefined;
  };

  it('says POLICY_INVALID for a file read as a policy, however it fails, and SCENARIO_INVALID for a scenario', () => {
    const dir = tmp();
    const badPolicy = join(dir, 'bad-policy.yaml');
    writeFileSync(badPolicy, 'release: { kind: weekly, day: sunday, at: "20:00", horizon: 8w }\n');
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, '');
    expect(codeOf(() => loadPolicy(badPolicy))).toBe('POLICY_INVALID');
    expect(codeOf(() => loadPolicy(join(dir, 'missing.yaml')))).toBe('POLICY_INVALID');
    expect(codeOf(() => loadPolicy(empty))).toBe('POLICY_INVALID');
    expect(codeOf(() => parsePolicy('release: [', 'syntax.yaml'))).toBe('POLICY_INVALID');
    // told apart by its keys, a policy file is still a policy
    expect(codeOf(() => loadConfigFile(badPolicy))).toBe('POLICY_INVALID');
    expect(codeOf(() => loadConfigFile('scenarios/fixtures/good/minimal.yaml', 'policy'))).toBe('POLICY_INVALID');
    expect(codeOf(() => loadConfigFile('scenarios/fixtures/bad/many-errors.yaml'))).toBe('SCENARIO_INVALID');
    expect(codeOf(() => loadConfigFile(empty))).toBe('SCENARIO_INVALID');
  });
});
