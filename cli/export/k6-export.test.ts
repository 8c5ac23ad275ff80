import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, parseScenario } from '../../scenarios/load.js';
import { BASELINE, effectivePolicies } from '../../scenarios/schema.js';
import { planFromFile } from '../commands/export.js';
import type { TargetConfigInput } from '../../target/domain/policy.js';
import { startTarget, type RunningTarget } from '../../target/http/server.js';
import { runK6Script, type AdapterResult } from '../../test-support/k6-adapter/run.js';
import { readThresholds } from '../../test-support/k6-adapter/thresholds.js';
import { typeCheckK6Script } from '../../test-support/k6-typecheck.js';
import { planK6, visitsPerHour } from './k6-plan.js';
import { k6Script } from './k6-script.js';

const LIVE = 'scenarios/herault-2019-live.yaml';
const dir = mkdtempSync(join(tmpdir(), 'guichet-k6-export-'));
const minimal = readFileSync('scenarios/fixtures/good/minimal.yaml', 'utf8');

function exported(file: string, policy = BASELINE): string {
  const path = join(dir, `${file.replace(/\W/g, '_')}-${policy}.ts`);
  writeFileSync(path, k6Script(planFromFile(file, policy), file));
  return path;
}

describe('the k6 plan', () => {
  it('visits of a group: people looking at once (arrivals a day × search days) × checks a day over active hours', () => {
    const s = parseScenario(minimal.replace('deadlineDays: { min: 20, max: 90 }', 'deadlineDays: { min: 10, max: 10 }\n      activeHours: "00:00-24:00"')
      .replace('perWeek: 20', 'perWeek: 7').replace('median: 3', 'median: 24'), 'inline.yaml');
    // 1 arrival a day × 10 days = 10 looking, 24 checks a day each over 24 h = 10 an hour
    expect(visitsPerHour(s.population.legit[0]!)).toBeCloseTo(10, 9);
    const later = parseScenario(minimal.replace('checksPerDay: { median: 3 }', 'checksPerDay: { median: 3 }\n      laterVisits: 1'), 'inline.yaml');
    expect(visitsPerHour(later.population.legit[0]!)).toBeCloseTo(2 * visitsPerHour(parseScenario(minimal, 'inline.yaml').population.legit[0]!), 9);
  });

  it('people become arrival-rate flows and each crew constant VUs with its poll, addresses and identities', () => {
    const plan = planFromFile(LIVE);
    expect(plan.people.map((p) => p.group)).toEqual(['workers', 'families', 'cybercafe-users', 'low-attentiveness', 'first-requests']);
    const snipers = plan.crews.find((c) => c.crew === 'snipers');
    expect(snipers).toMatchObject({ agents: 5, pollSeconds: 0.25, counters: ['renewal', 'first-request'], maxHeldPerAgent: 8, solver: { latencySeconds: 14, accuracy: 0.9 } });
    expect(plan.crews.find((c) => c.crew === 'cybercafe')).toMatchObject({ ips: 5, identities: 200, jitterSeconds: 0.2 });
  });

  it('mirrors live gates as k6 thresholds with population and route tags, avg and med spelt as k6 does', () => {
    const s = parseScenario(`${minimal}gates:
  live.latencyMs.people: ["p(95)<500", "mean<100"]
  live.latencyMs.cybercafe.book: ["med<=50"]
  live.errorRate.people: ["rate<0.01"]
  legit.servedBeforeDeadline: ["mean>=0.8"]
`, 'inline.yaml');
    const planned = planK6(s);
    if (!planned.ok) throw new Error(JSON.stringify(planned.refusals));
    expect(planned.plan.thresholds).toEqual({
      'http_req_duration{population:people}': ['p(95)<500', 'avg<100'],
      'http_req_duration{population:cybercafe,route:book}': ['med<=50'],
      'http_req_failed{population:people}': ['rate<0.01'],
    });
    expect(planned.plan.unmirroredGates).toEqual(['legit.servedBeforeDeadline mean>=0.8']);
  });

  it('refuses, located, what the script cannot play: a lottery policy, a gate on a route it never requests', () => {
    expect(() => planFromFile('scenarios/matrix.yaml', 'lottery')).toThrow(/^scenarios\/matrix\.yaml:\d+:\d+ policies\.lottery\.release\.kind: a lottery release is not exported to k6/);
    expect(() => planFromFile('scenarios/lottery.yaml')).toThrow(/^scenarios\/lottery\.yaml:\d+:\d+ policy\.release\.kind: a lottery release/);
    expect(() => planFromFile('scenarios/national-module-2019.yaml')).toThrow(/policy\.measures\.registryCheck: the registry check is not exported/);
    const file = join(dir, 'route-gate.yaml');
    writeFileSync(file, `${minimal}gates:\n  live.latencyMs.people.register: ["p(95)<500"]\n`);
    expect(() => planFromFile(file)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ gates\\["live.latencyMs.people.register"\\]: the k6 script makes no "register" request`));
  });
});

describe('the exported script', () => {
  it('type-checks against @types/k6 (strict, k6 globals only)', () => {
    expect(typeCheckK6Script(exported(LIVE))).toEqual([]);
    expect(typeCheckK6Script(exported('scenarios/matrix.yaml'))).toEqual([]);
  });

  it('the type-check does catch a script k6 would not take', () => {
    const bad = join(dir, 'bad.ts');
    writeFileSync(bad, readFileSync(exported(LIVE), 'utf8').replace("http.get(url('/api/counters'), {", "http.get(url('/api/counters'), 42, {"));
    expect(typeCheckK6Script(bad).join('\n')).toMatch(/Expected 1-2 arguments, but got 3/);
  });

  it('is the same text for the same scenario', () => {
    expect(readFileSync(exported(LIVE), 'utf8')).toBe(k6Script(planFromFile(LIVE), LIVE));
  });
});

const CREWS = ['cybercafe', 'snipers', 'broker', 'double-seller'];
const isPerson = (email: string) => email.startsWith('p-') || email.startsWith('shared-');

/** A run of the people's or the crews' scenarios, until one of them has booked (bounded). */
async function runUntilBooked(target: RunningTarget, script: string, who: 'people' | 'crew'): Promise<AdapterResult> {
  return runK6Script(script, {
    // think times and polls scaled down a hundredfold; people's visits up twentyfold: a run of seconds
    env: { BASE_URL: target.url, DURATION: '20s', PEOPLE_SCALE: '20', TIME_SCALE: '0.01' },
    maxSeconds: 20, maxVUsPerScenario: 1, only: (name) => name.startsWith(`${who}_`),
    stopWhen: (requests) => target.store.ledger().some((b) => isPerson(b.identity.email) === (who === 'people'))
      // and, for the bots, until every crew has tried to book once: VUs start one after another
      && (who === 'people' || CREWS.every((crew) => requests.some((s) => s.tags['population'] === crew && s.tags['route'] === 'book'))),
  });
}

/** Every answer one the flow expects, every check passed, no exception, one ledger booking per 201. */
function expectValid(r: AdapterResult, allowed: number[]): void {
  expect(r.exceptions).toEqual([]);
  expect([...new Set(r.requests.map((s) => s.status))].filter((status) => !allowed.includes(status))).toEqual([]);
  expect(r.checks.length).toBeGreaterThan(0);
  expect(r.checks.filter((c) => !c.ok)).toEqual([]);
}

/** The target as `guichet target` serves the scenario, with one of its policies, or with measures of a test's own. */
function targetConfig(policy: string, measures?: TargetConfigInput['measures']): TargetConfigInput {
  const s = loadScenario(LIVE);
  const chosen = effectivePolicies(s).find((p) => p.name === policy)?.policy;
  if (!chosen) throw new Error(`no policy ${policy}`);
  return { ...chosen, ...(measures ? { measures } : {}), counters: s.target.counters };
}

describe.each([
  { policy: 'baseline', measures: undefined, allowed: [200, 201, 409] },
  // a bot's address spends its bucket within a poll or two: 429s are answers
  { policy: 'rate-limit', measures: undefined, allowed: [200, 201, 409, 429] },
  // a wrong answer (people's fail rate, the farms' accuracy) is refused with a 403
  { policy: 'baseline', measures: { captcha: { kind: 'proof-of-work' as const, difficulty: 8 } }, allowed: [200, 201, 403, 409] },
])('the exported Hérault live script under the k6 adapter, against the real target: policy $policy, measures $measures', ({ policy, measures, allowed }) => {
  let target: RunningTarget;
  const script = exported(LIVE, policy);

  beforeAll(async () => {
    target = await startTarget({ config: targetConfig(policy, measures), trustProxy: true, epoch: Date.UTC(2019, 0, 6, 19, 0, 30) });
    // the Sunday release comes: slots on both counters
    expect(target.target.releaseNow().length).toBeGreaterThan(0);
    target.settingsChanged();
  });
  afterAll(() => target.close());

  it('people book slots, with valid requests only', async () => {
    const r = await runUntilBooked(target, script, 'people');
    expect(r.stoppedBy).toBe('stopWhen');
    expectValid(r, allowed);
    const booked = r.requests.filter((s) => s.status === 201 && s.tags['route'] === 'book');
    expect(booked.length).toBeGreaterThan(0);
    expect(booked.every((s) => s.tags['population'] === 'people')).toBe(true);
    expect(target.store.ledger().filter((b) => isPerson(b.identity.email)).length).toBe(booked.length);
    // the gate's threshold selects every request of the people (their scenarios' tags reach each request)
    const readings = readThresholds(r.options['thresholds'] as Record<string, string[]>, r.requests);
    expect(readings.map((t) => `${t.key} ${t.expression}`)).toEqual(['http_req_duration{population:people} p(95)<500']);
    expect(readings[0]?.samples).toBe(r.requests.filter((s) => s.tags['population'] === 'people').length);
    expect(readings[0]?.observed).toBeGreaterThan(0);
  });

  it('bots book slots, with valid requests only, each crew under its own tag', async () => {
    const before = target.store.ledger().length;
    const r = await runUntilBooked(target, script, 'crew');
    expect(r.stoppedBy).toBe('stopWhen');
    expectValid(r, allowed);
    expect(new Set(r.requests.filter((s) => s.tags['route'] === 'list').map((s) => s.tags['population'])))
      .toEqual(new Set(CREWS));
    const booked = r.requests.filter((s) => s.status === 201 && s.tags['route'] === 'book');
    expect(booked.length).toBeGreaterThan(0);
    expect(target.store.ledger().length - before).toBe(booked.length);
    if (measures) expect(r.requests.some((s) => s.tags['route'] === 'captcha' && s.status === 201)).toBe(true);
  });
});
