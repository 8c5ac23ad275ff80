/**
 * The `load:` section of a scenario: defaults, bounds and cross-checks, each error located at the
 * key that is wrong (line, column, path), as every other section.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError, type ScenarioIssue } from './load.js';
import { loadPath } from './schema.js';

const BASE = readFileSync('scenarios/fixtures/good/minimal.yaml', 'utf8');
const BASE_LINES = BASE.split('\n').length - 1;

function issuesOf(load: string): Omit<ScenarioIssue, 'file'>[] {
  try {
    parseScenario(`${BASE}load:\n${load}`, 'x.yaml');
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    return e.issues.map(({ file: _file, ...rest }) => rest);
  }
  throw new Error('the scenario was accepted');
}

/** line n of the load section (1 = its first entry line) */
const line = (n: number) => BASE_LINES + 1 + n;

describe('scenario load: section', () => {
  it('is empty by default, and fills in the defaults of an entry', () => {
    expect(parseScenario(BASE, 'x.yaml').load).toEqual([]);
    const s = parseScenario(`${BASE}load:\n  - { name: list-flood, counter: renewal, rate: 500, seconds: 30, maxRequests: 20000 }\n`, 'x.yaml');
    expect(s.load).toEqual([{
      name: 'list-flood', counter: 'renewal', rate: 500, connections: 10, rampSeconds: 0, during: 'race',
      seconds: 30, maxRequests: 20000, from: 'crews',
    }]);
    expect(loadPath(s.load[0]!)).toBe('/api/counters/renewal/slots');
  });

  it('locates bounds, unknown keys and a ramp longer than the flood', () => {
    expect(issuesOf([
      '  - name: list-flood',
      '    counter: renewal',
      '    rate: 30000',
      '    connections: 5000',
      '    seconds: 10',
      '    rampSeconds: 20',
      '    maxRequests: 9000000',
      '    during: always',
      '    bogus: 1',
      '',
    ].join('\n'))).toEqual([
      { line: line(3), col: 11, path: 'load[0].rate', message: 'must be at most 20,000, got 30,000' },
      { line: line(4), col: 18, path: 'load[0].connections', message: 'must be at most 1,000, got 5,000' },
      { line: line(7), col: 18, path: 'load[0].maxRequests', message: 'must be at most 5,000,000, got 9e6' },
      { line: line(8), col: 13, path: 'load[0].during', message: 'expected one of "race" | "run", got a string ("always")' },
      { line: line(9), col: 5, path: 'load[0].bogus', message: 'unknown key "bogus"' },
    ]);
    expect(issuesOf('  - { name: f, counter: renewal, rate: 10, seconds: 10, rampSeconds: 20, maxRequests: 50 }\n')).toEqual([
      { line: line(1), col: 70, path: 'load[0].rampSeconds', message: 'rampSeconds (20) is longer than seconds (10): the flood would end before its full rate' },
    ]);
  });

  it('requires both bounds: no flood without seconds and maxRequests', () => {
    const issues = issuesOf('  - { name: f, counter: renewal, rate: 10 }\n');
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'load[0].seconds: missing required field "seconds"',
      'load[0].maxRequests: missing required field "maxRequests"',
    ]);
  });

  it('wants a path or a counter, an existing counter, and unique names', () => {
    expect(issuesOf([
      '  - { name: a, counter: renwal, rate: 10, seconds: 1, maxRequests: 10 }',
      '  - { name: a, path: /api/counters/renewal/slots, counter: renewal, rate: 10, seconds: 1, maxRequests: 10 }',
      '  - { name: c, rate: 10, seconds: 1, maxRequests: 10 }',
      '  - { name: d, path: api/x, rate: 10, seconds: 1, maxRequests: 10 }',
      '',
    ].join('\n'))).toEqual([
      { line: line(1), col: 25, path: 'load[0].counter', message: 'unknown counter "renwal"', hint: 'did you mean "renewal"?' },
      { line: line(2), col: 13, path: 'load[1].name', message: 'duplicate flood name "a": already used by load[0]' },
      { line: line(2), col: 60, path: 'load[1].counter', message: 'give `path` or `counter`, not both' },
      { line: line(3), col: 5, path: 'load[2]', message: 'give the flooded `path` or a `counter` (whose slot list is flooded)' },
      { line: line(4), col: 22, path: 'load[3].path',
        message: 'expected a path on the target starting with "/", e.g. "/api/counters/renewal/slots", got "api/x"' },
    ]);
  });
});
