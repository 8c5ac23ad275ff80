import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, parsePolicyText, PolicyFileError } from './policy-file.js';

const GOOD = `# Hérault 2019, random release
release: { kind: random, batchesPerWeek: 5, window: "mon-fri 08:00-18:00", horizon: 8w }
measures:
  captcha: { kind: proof-of-work, difficulty: 12 }
counters:
  renewal: { days: [mon, tue], hours: "08:30-12:00", slotMinutes: 15, desks: 4 }
`;

const fails = (text: string) => {
  try {
    parsePolicyText(text, 'p.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyFileError);
    return (e as Error).message;
  }
  throw new Error('expected a PolicyFileError');
};

describe('policy files', () => {
  it('accepts a valid YAML policy and returns it as written', () => {
    const p = parsePolicyText(GOOD, 'p.yaml');
    expect(p.release).toEqual({ kind: 'random', batchesPerWeek: 5, window: 'mon-fri 08:00-18:00', horizon: '8w' });
    expect(Object.keys(p.counters ?? {})).toEqual(['renewal']);
  });

  it('accepts JSON files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-policy-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ release: { kind: 'continuous', horizon: '2w' }, flaws: ['captcha-replay'] }, null, 2));
    expect(loadPolicyFile(file).flaws).toEqual(['captcha-replay']);
  });

  it('locates a schema error at the offending value', () => {
    expect(fails('release:\n  kind: weekly\n  day: sun\n  at: "25:00"\n  horizon: 8w\n'))
      .toBe('p.yaml:4:7: release.at: expected a time of day "HH:MM"');
  });

  it('locates an unknown key at the key itself', () => {
    expect(fails('release: { kind: continuous, horizon: 1w }\nmeasures:\n  captcha:\n    kind: challenge\n    colour: red\n'))
      .toMatch(/^p\.yaml:5:5: measures\.captcha\.colour: /);
  });

  it('locates a missing key at its parent', () => {
    expect(fails('release:\n  kind: weekly\n  day: sun\n  horizon: 8w\n')).toMatch(/^p\.yaml:2:3: release\.at: /);
  });

  it('locates YAML syntax errors and duplicate keys', () => {
    expect(fails('release: { kind: continuous\n')).toMatch(/^p\.yaml:\d+:\d+: /);
    expect(fails('release: { kind: continuous, horizon: 1w }\nrelease: { kind: continuous, horizon: 2w }\n')).toMatch(/^p\.yaml:2:1: .*[Mm]ap keys must be unique/);
  });

  it('names an unreadable file', () => {
    expect(() => loadPolicyFile('/nonexistent/p.yaml')).toThrow('/nonexistent/p.yaml: cannot read: ENOENT');
  });
});
