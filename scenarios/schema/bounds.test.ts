import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PolicySchema, readableNumber } from '../../target/domain/policy.js';
import { scenarioJsonSchema } from '../json-schema.js';
import { parseScenario, ScenarioError } from '../load.js';

const MINIMAL = readFileSync('scenarios/fixtures/good/minimal.yaml', 'utf8');

/** minimal.yaml with one piece replaced; the replaced text must be there */
function edited(from: string, to: string): string {
  expect(MINIMAL).toContain(from);
  return MINIMAL.replace(from, to);
}

function errors(text: string): string[] {
  try {
    parseScenario(text, 'x.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).format().split('\n');
  }
  throw new Error('expected a ScenarioError');
}

describe('readableNumber', () => {
  it('groups thousands and writes large round numbers as typed', () => {
    expect(readableNumber(10_000)).toBe('10,000');
    expect(readableNumber(1e9)).toBe('1e9');
    expect(readableNumber(2.5e7)).toBe('2.5e7');
    expect(readableNumber(1_234_567)).toBe('1,234,567');
    expect(readableNumber(Number.MAX_SAFE_INTEGER)).toBe('9,007,199,254,740,991');
    expect(readableNumber(1.25e8)).toBe('1.25e8');
    expect(readableNumber(0.25)).toBe('0.25');
    expect(readableNumber(-3)).toBe('-3');
  });
});

describe('upper bounds', () => {
  it('perWeek: 1e9 is a located error naming the bound', () => {
    expect(errors(edited('perWeek: 20', 'perWeek: 1e9'))).toEqual([
      'x.yaml:15:28 population.legit[0].arrivals.perWeek: must be at most 10,000, got 1e9',
    ]);
  });

  it('a value at the bound is accepted', () => {
    const s = parseScenario(edited('perWeek: 20', 'perWeek: 10000').replace('agents: 3', 'agents: 10000'), 'x.yaml');
    expect(s.population.legit[0]?.arrivals.perWeek).toBe(10_000);
    expect(s.population.scalpers[0]?.agents).toBe(10_000);
  });

  it.each([
    ['desks: 2', 'desks: 500', 'target.counters.renewal.desks: must be at most 100, got 500'],
    ['horizon: 4w', 'horizon: 100w', 'policy.release.horizon: must be at most 52w, got "100w"'],
    ['duration: 4w', 'duration: 1000w', 'duration: must be at most 520w, got "1000w"'],
    ['median: 3', 'median: 5000', 'population.legit[0].checksPerDay.median: must be at most 1,440, got 5,000'],
    ['max: 90', 'max: 9000', 'population.legit[0].deadlineDays.max: must be at most 730, got 9,000'],
    ['agents: 3', 'agents: 1e6', 'population.scalpers[0].agents: must be at most 10,000, got 1e6'],
    ['priceEur: 120', 'priceEur: 1e7', 'population.scalpers[0].priceEur: must be at most 10,000, got 1e7'],
    ['pollEverySeconds: 1', 'pollEverySeconds: 1\n      ips: 1e8', 'population.scalpers[0].ips: must be at most 100,000, got 1e8'],
    ['pollEverySeconds: 1', 'pollEverySeconds: 1\n      identities: 1e8', 'population.scalpers[0].identities: must be at most 100,000, got 1e8'],
    ['name: minimal', 'name: minimal\nreplications: 5000', 'replications: must be at most 1,000, got 5,000'],
    ['horizon: 4w }', 'horizon: 4w }\n  measures: { rateLimit: { perIp: { capacity: 1e9, refillPerMinute: 1 } } }',
      'policy.measures.rateLimit.perIp.capacity: must be at most 100,000, got 1e9'],
  ])('%s → %s is refused', (from, to, message) => {
    const found = errors(edited(from, to));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^x\.yaml:\d+:\d+ /);
    expect(found[0]?.replace(/^x\.yaml:\d+:\d+ /, '')).toBe(message);
  });

  it('the target gives the same wording to a policy outside its bounds', () => {
    const r = PolicySchema.safeParse({ release: { kind: 'waiting-room', day: 'sun', at: '20:00', admitPerMinute: 1e9, horizon: '8w' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['must be at most 100,000, got 1e9']);
  });

  it('every bound is in the JSON Schema, as a maximum and in the description', () => {
    type Node = { properties: Record<string, Node>; items: Node; maximum?: number; description?: string };
    const root = scenarioJsonSchema() as unknown as Node;
    const legit = root.properties['population']!.properties['legit']!.items;
    const perWeek = legit.properties['arrivals']!.properties['perWeek']!;
    expect(perWeek.maximum).toBe(10_000);
    expect(perWeek.description).toContain('at most 10,000');
    const crew = root.properties['population']!.properties['scalpers']!.items.properties;
    for (const key of ['agents', 'ips', 'identities', 'priceEur', 'pollEverySeconds']) {
      expect(crew[key]?.maximum, key).toBeGreaterThan(0);
      expect(crew[key]?.description, key).toMatch(/at most|to 7,200/);
    }
    expect(root.properties['duration']?.description).toContain('at most "520w"');
  });
});
