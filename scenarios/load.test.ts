import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, ScenarioError } from './load.js';
import type { ScenarioIssue } from './load.js';

const BAD = 'scenarios/fixtures/bad';

/** the issues of a file that must fail, without the file name */
function issuesOf(file: string): Omit<ScenarioIssue, 'file'>[] {
  try {
    loadScenario(file);
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    for (const i of e.issues) expect(i.file).toBe(file);
    return e.issues.map(({ file: _file, ...rest }) => rest);
  }
  throw new Error(`${file} was accepted`);
}

type Expected = [line: number, col: number, path: string, message: string, hint?: string];
const issue = ([line, col, path, message, hint]: Expected): Omit<ScenarioIssue, 'file'> =>
  ({ line, col, path, message, ...(hint ? { hint } : {}) });

// Every fixture starts with a one-line comment, so line numbers are those of the base file + 1.
const CASES: Record<string, Expected[]> = {
  'wrong-type.yaml': [[14, 28, 'population.legit[0].arrivals.perWeek', 'expected a number, got a string ("abc")']],
  'unknown-key.yaml': [[15, 7, 'population.legit[0].dedlineDays', 'unknown key "dedlineDays"', 'did you mean "deadlineDays"?']],
  'negative-count.yaml': [[20, 15, 'population.scalpers[0].agents', 'must be at least 1, got -3']],
  'impossible-date.yaml': [[3, 8, 'start', 'impossible date "2019-02-30": February 2019 has 28 days']],
  'yaml-syntax.yaml': [
    [7, 81, '', 'YAML syntax error: flow sequence in block collection must be sufficiently indented and end with a ]'],
    [7, 82, '', 'YAML syntax error: flow map in block collection must be sufficiently indented and end with a }'],
  ],
  'empty.yaml': [[1, 1, '', 'the file is empty: a scenario needs at least name, start, duration, target, policy and population']],
  'not-a-mapping.yaml': [[2, 1, '', 'expected a mapping at the top level (name: …, start: …, target: …), got a list']],
  'unknown-counter.yaml': [[13, 16, 'population.legit[0].counter', 'unknown counter "renwal"', 'did you mean "renewal"?']],
  'min-greater-than-max.yaml': [[15, 37, 'population.legit[0].deadlineDays.max', 'max (20) is smaller than min (90)']],
  'bad-duration.yaml': [[4, 11, 'duration', 'expected a duration such as "90s", "15m", "8w", got "8 weeks"']],
  'bad-hours.yaml': [[7, 41, 'target.counters.renewal.hours', 'expected opening hours "HH:MM-HH:MM", got "25:00-12:00"']],
  'unknown-enum.yaml': [[19, 17, 'population.scalpers[0].strategy',
    'expected one of "sniper" | "hoarder" | "broker" | "double-seller", got a string ("hoader")', 'did you mean "hoarder"?']],
  'duplicate-group.yaml': [[17, 14, 'population.legit[1].group', 'duplicate group id "workers": already used by population.legit[0]']],
  'missing-field.yaml': [[2, 1, 'start', 'missing required field "start"']],
  'decimal-and-cross.yaml': [
    [13, 16, 'population.legit[0].counter', 'unknown counter "renwal"', 'did you mean "renewal"?'],
    [20, 15, 'population.scalpers[0].agents', 'expected a whole number, got a decimal number (2.5)'],
  ],
  'release-kind.yaml': [[9, 20, 'policy.release.kind',
    'expected one of "weekly" | "random" | "batch" | "continuous" | "lottery" | "waiting-room", got a string ("randum")', 'did you mean "random"?']],
  'reserved-policy-name.yaml': [[11, 3, 'policies.baseline',
    'invalid key "baseline": "baseline" is the name of the scenario\'s own policy; pick another name']],
  'registry-counter.yaml': [[13, 44, 'policies.national-module.measures.registryCheck.counters[1]',
    'unknown counter "first-requets"', 'target.counters has: renewal']],
  'duplicate-key.yaml': [[5, 1, '', 'duplicate key "duration": it appears earlier in the same mapping']],
  'tab-indent.yaml': [[7, 1, '', 'YAML syntax error: tabs are not allowed as indentation', 'indent with spaces']],
  'warmup-too-long.yaml': [[5, 9, 'warmup', 'warmup (6w) must be shorter than duration (4w): nobody would be measured']],
  // the misspelt key is reported once, not also as a missing "name"
  'many-errors.yaml': [
    [2, 1, 'nmae', 'unknown key "nmae"', 'did you mean "name"?'],
    [7, 69, 'target.counters.renewal.slotMinutes', 'must be at least 5, got 0'],
    [21, 25, 'population.scalpers[0].pollEverySeconds', 'expected a number, got a string ("fast")'],
  ],
  'bad-json.json': [[4, 19, '', 'JSON syntax error: trailing comma before "}"']],
  'json-types.json': [
    [5, 19, 'replications', 'must be at least 1, got 0'],
    [7, 53, 'policy.release.day', 'expected one of "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", got a string ("sunday")'],
    [8, 28, 'population.legit', 'needs at least 1 item'],
  ],
};

describe('malformed scenario files', () => {
  for (const [name, expected] of Object.entries(CASES)) {
    it(`${name}: every problem, located`, () => {
      expect(issuesOf(`${BAD}/${name}`)).toEqual(expected.map(issue));
    });
  }

  it('format() gives file:line:col path: message (hint), one line per issue', () => {
    try {
      loadScenario(`${BAD}/many-errors.yaml`);
      expect.unreachable();
    } catch (e) {
      expect((e as ScenarioError).format().split('\n')).toEqual([
        `${BAD}/many-errors.yaml:2:1 nmae: unknown key "nmae" (did you mean "name"?)`,
        `${BAD}/many-errors.yaml:7:69 target.counters.renewal.slotMinutes: must be at least 5, got 0`,
        `${BAD}/many-errors.yaml:21:25 population.scalpers[0].pollEverySeconds: expected a number, got a string ("fast")`,
      ]);
      expect((e as Error).stack).toBeDefined(); // an Error, but callers print format(), never the stack
    }
  });
});

describe('files that cannot be read', () => {
  it('a missing file is a ScenarioError without a position', () => {
    expect(issuesOf('scenarios/fixtures/nope.yaml')).toEqual([
      { line: 0, col: 0, path: '', message: 'cannot read the scenario: no such file' },
    ]);
    try { loadScenario('nope.yaml'); } catch (e) { expect((e as ScenarioError).format()).toBe('nope.yaml cannot read the scenario: no such file'); }
  });

  it('a directory is refused clearly', () => {
    expect(issuesOf('scenarios/fixtures')[0]?.message).toBe('cannot read the scenario: this is a directory, not a file');
  });
});

describe('valid files', () => {
  it('YAML and JSON forms of the same scenario give the same result', () => {
    const yaml = loadScenario('scenarios/fixtures/good/minimal.yaml');
    const { $schema, ...json } = loadScenario('scenarios/fixtures/good/minimal.json');
    expect($schema).toBe('../../scenario.schema.json');
    expect(json).toEqual(yaml);
    expect(yaml.population.scalpers[0]).toMatchObject({ ips: 3, identities: 30, jitterSeconds: 0.1, sellsPerSlot: 1 });
  });

  it('accepts a byte-order mark and a .yml file written on the fly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guichet-scenario-'));
    const file = join(dir, 'bom.yml');
    writeFileSync(file, `\uFEFF${parseable()}`);
    expect(loadScenario(file).name).toBe('minimal');
  });

  it('anchors and merge keys share settings between groups', () => {
    const text = parseable().replace('    - group: workers\n', '    - &workers\n      group: workers\n')
      .replace('  scalpers:\n', '    - <<: *workers\n      group: students\n      arrivals: { perWeek: 5 }\n  scalpers:\n');
    const [workers, students] = parseScenario(text, 'x.yaml').population.legit;
    expect(students).toEqual({ ...workers, group: 'students', arrivals: { perWeek: 5 } });
  });

  it('a second YAML document is refused', () => {
    expect(() => parseScenario(`${parseable()}---\nname: other\n`, 'x.yaml')).toThrow(/holds a single YAML document/);
  });

  it('a JSON syntax error without a position from JSON.parse is still located', () => {
    const e = catchError(() => parseScenario('{\n  "name": "x",\n  "seed": tru\n}\n', 'x.json'));
    expect(e.issues).toEqual([{ file: 'x.json', line: 3, col: 11, path: '', message: 'JSON syntax error: expected a value, found "t"' }]);
  });

  it('an empty value points at its key', () => {
    const e = catchError(() => parseScenario(parseable().replace('counter: renewal', 'counter:'), 'x.yaml'));
    expect(e.issues).toEqual([{ file: 'x.yaml', line: 14, col: 7, path: 'population.legit[0].counter', message: 'expected text, got an empty value' }]);
  });
});

/** the valid minimal scenario, as text to alter */
function parseable(): string {
  return readFileSync('scenarios/fixtures/good/minimal.yaml', 'utf8');
}

function catchError(fn: () => unknown): ScenarioError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('numbers past what a double holds', () => {
  it('are named as such, not as "a number (Infinity)"', () => {
    const text = readFileSync('scenarios/lottery.yaml', 'utf8').replace(/^seed:.*$/m, 'seed: 1e400');
    const e = (() => { try { parseScenario(text, 'big.yaml'); } catch (x) { return x; } return undefined; })();
    expect(e).toBeInstanceOf(ScenarioError);
    expect((e as ScenarioError).issues.map((i) => i.message)).toEqual(['expected a number, got a number too large to hold (Infinity)']);
  });
});
