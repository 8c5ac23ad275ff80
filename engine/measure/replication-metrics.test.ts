import { describe, expect, it } from 'vitest';
import { AgentRun, BOT, LEGIT, type AgentHost } from '../agents/agent-run.js';
import { scenario } from '../test-support/scenarios.js';
import { Recorder } from './recorder.js';
import { computeResult, percentile } from './replication-metrics.js';

const DAY = 86_400_000;
const S = Date.UTC(2019, 0, 7);
const W = S + 14 * DAY;
const E = W + 20 * DAY;
const host: AgentHost = { onAgentEvent: () => {} };
const cafe = new AgentRun(host, 0, 'b0', BOT, 0, 0, 25, 1, 1);
const person = new AgentRun(host, 1, 'p0', LEGIT, 0, 0, 60, 1, 1);

/** Two people counted (one served with a bought slot before their deadline, one hit by a captcha), one arrived in the warm-up. */
function records(): Recorder {
  const r = new Recorder(3, 1, W);
  r.arrived(0, 0, W + 1, W + 1, W + 10 * DAY);
  r.arrived(1, 1, W + 2, W + 2, W + 5 * DAY);
  r.arrived(2, 0, W - 1, W - 1, W + 5 * DAY);
  r.released([{ id: 's0', counter: 'renewal', start: W + DAY }], W - 10);
  r.released([{ id: 's1', counter: 'renewal', start: W + 3 * DAY }, { id: 's2', counter: 'renewal', start: W + 4 * DAY }], W);
  r.booked('s1', 'bk1', cafe, W + 60_000);
  r.paid(0, 0, 150, 'bk1', W + DAY);
  r.checkIn(0, 'bk1', W + 3 * DAY, true, undefined, W + 3 * DAY);
  r.slotServed('s1');
  r.effort(1, 120 * 60_000);
  r.hit(1, 'captcha');
  r.checkIn(2, 'bkx', W + DAY, true, undefined, W + DAY);
  r.requestsAt(cafe, 30, true, W + 5);
  r.requestsAt(person, 10, false, W + 5);
  return r;
}

describe('computeResult', () => {
  const s = scenario();
  const result = computeResult({ scenario: s, policy: s.policy, replication: 2, seed: 99, start: S, end: E, recorder: records() });
  const m = result.metrics;

  it('counts people who arrived after the warm-up only, and their outcomes', () => {
    expect(result.counts.legitUsers).toBe(2);
    expect(result.counts.legitServed).toBe(1);
    expect(m['legit.servedBeforeDeadline']).toBe(0.5);
    expect(m['legit.waitDays.p50']).toBeCloseTo(3 - 1 / DAY, 9);
    expect(m['legit.paidShare']).toBe(1);
    expect(m['legit.moneyPaidEur']).toBe(150);
    expect(m['legit.effortMinutes.p50']).toBe(60);
    expect(m['legit.effortMinutes.p90']).toBe(108);
    expect(result.waitDaysHistogram).toEqual([0, 0, 1]);
  });

  it('counts slots released after the warm-up: who took them first, which were wasted', () => {
    expect(result.counts.slotsReleased).toBe(2);
    expect(result.counts.slotsBooked).toBe(1);
    expect(m['bots.captureShare']).toBe(1);
    expect(m['slots.wastedShare']).toBe(0.5);
    expect(m['bots.revenueEur']).toBe(150);
    expect(m['traffic.botShare']).toBe(0.75);
    expect(result.counts.elidedPolls).toBe(30);
    expect(result.series.releases.map((b) => b.released)).toEqual([1, 2]);
    expect(result.series.releases[1]?.sellOutMinutes).toBeNull();
  });

  it('reports collateral of measures that hit someone, per group too, and the gap between groups', () => {
    expect(result.collateral).toEqual({ captcha: 0.5 });
    expect(result.groups['workers']).toMatchObject({ users: 1, served: 1, servedBeforeDeadline: 1, moneyPaidEur: 150 });
    expect(result.groups['families']).toMatchObject({ users: 1, served: 0, servedBeforeDeadline: 0, collateral: { captcha: 1 } });
    expect(m['equity.gap']).toBe(1);
    expect(result.crews['cafe']).toMatchObject({ booked: 1, sold: 1, revenueEur: 150, requests: 30 });
  });

  it('paid share: appointments on a bought slot ÷ appointments served, later visits counted as revenue counts their sale', () => {
    const r = records();
    // person 0 (served on a bought slot) buys the slot of a later visit too; person 1 is served
    // on their own first, then buys the slot of a later visit
    r.paid(0, 0, 100, 'bk3', W + 5 * DAY);
    r.checkIn(0, 'bk3', W + 8 * DAY, true, undefined, W + 8 * DAY);
    r.checkIn(1, 'own1', W + 4 * DAY, true, undefined, W + 4 * DAY);
    r.paid(1, 0, 100, 'bk2', W + 5 * DAY);
    r.checkIn(1, 'bk2', W + 9 * DAY, true, undefined, W + 9 * DAY);
    const x = computeResult({ scenario: s, policy: s.policy, replication: 0, seed: 1, start: S, end: E, recorder: r });
    // 3 bought of 4 appointments (first appointments alone: 1 of 2); the revenue counts the three sales
    expect(x.metrics['legit.paidShare']).toBe(0.75);
    expect(x.metrics['bots.revenueEur']).toBe(350);
    expect(x.groups['families']?.paidShare).toBe(0.5);
    expect(x.counts.legitServed).toBe(2);
  });

  it('leaves a ratio with an empty denominator undefined (NaN) rather than zero', () => {
    const empty = computeResult({ scenario: s, policy: s.policy, replication: 0, seed: 1, start: S, end: E, recorder: new Recorder(0, 1, W) });
    expect(empty.metrics['legit.servedBeforeDeadline']).toBeNaN();
    expect(empty.metrics['bots.captureShare']).toBeNaN();
    expect(empty.metrics['equity.gap']).toBeNaN();
    expect(percentile([], 0.5)).toBeNaN();
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
