import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioError } from '../errors.js';
import { loadScenario } from '../load.js';
import { loadScenarioFor } from '../run-mode.js';
import { gatesByPolicy } from './effective.js';

const MINIMAL = readFileSync(new URL('../fixtures/good/minimal.yaml', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'guichet-gates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, extra: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${MINIMAL}${extra}`);
  return path;
}

describe('gates per policy', () => {
  it('applies the scenario\'s gates to every policy, a policy\'s own replacing them metric by metric', () => {
    const s = loadScenario(file('per-policy.yaml', `
gates:
  bots.captureShare: ["mean<0.5"]
  legit.servedBeforeDeadline: ["mean>=0.8"]
baseline:
  gates:
    legit.servedBeforeDeadline: ["mean>=0.6"]
policies:
  lottery:
    release: { kind: lottery, day: sun, at: "20:00", horizon: 4w }
    gates:
      bots.captureShare: ["mean<0.1", "max<0.2"]
`));
    const byPolicy = gatesByPolicy(s).map((p) => [p.policy, p.gates.map((g) => `${g.metric} ${g.expression}`)]);
    expect(byPolicy).toEqual([
      ['baseline', ['bots.captureShare mean<0.5', 'legit.servedBeforeDeadline mean>=0.6']],
      ['lottery', ['bots.captureShare mean<0.1', 'bots.captureShare max<0.2', 'legit.servedBeforeDeadline mean>=0.8']],
    ]);
  });

  it('refuses live gates in a simulated run, located, and takes them in a live one', () => {
    const path = file('live-gate.yaml', `
gates:
  live.latencyMs.people: ["p(95)<500"]
  live.errorRate.cybercafe: ["rate<0.01"]
`);
    expect(() => loadScenarioFor(path, 'live')).not.toThrow();
    try {
      loadScenarioFor(path, 'sim');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).issues.map((i) => [i.line, i.path, i.message])).toEqual([
        [26, 'gates["live.latencyMs.people"]', 'only applies to live runs'],
        [27, 'gates["live.errorRate.cybercafe"]', 'only applies to live runs'],
      ]);
    }
  });
});
