import { describe, expect, it } from 'vitest';
import { buildFixture } from '../test-support/fixture.js';
import { withLive } from '../test-support/live-fixture.js';
import { evaluateGates, ofValues, recordedGates } from './evaluate.js';
import { renderJunit } from './junit.js';

describe('evaluating gates', () => {
  const result = buildFixture();
  const base = result.policies[0]!;
  const served = base.summary['legit.servedBeforeDeadline'];

  it('reads the interval for mean, low and high, and the replications for min, max and p(N)', () => {
    const values = base.runs.map((r) => r.metrics['legit.servedBeforeDeadline']);
    const g = evaluateGates(result, [{ policy: base.name, gates: [
      { metric: 'legit.servedBeforeDeadline', expression: `mean>=${served.mean - 0.01}` },
      { metric: 'legit.servedBeforeDeadline', expression: `low>${served.low + 0.001}` },
      { metric: 'legit.servedBeforeDeadline', expression: 'max<=1' },
    ] }]);
    const [mean, low, max] = g.policies[0]!.checks;
    expect(mean).toMatchObject({ observed: served.mean, pass: true, interval: served });
    expect(low).toMatchObject({ observed: served.low, pass: false });
    expect(max).toMatchObject({ observed: Math.max(...values), pass: true });
    expect(g.pass).toBe(false);
  });

  it('takes percentiles between ranks', () => {
    expect(ofValues([4, 1, 3, 2], 'p(50)')).toBe(2.5);
    expect(ofValues([4, 1, 3, 2], 'min')).toBe(1);
    expect(ofValues([7], 'p(90)')).toBe(7);
  });

  it('fails a live gate on a simulated result: nothing was measured', () => {
    const g = evaluateGates(result, [{ policy: base.name, gates: [{ metric: 'live.latencyMs.people', expression: 'p(95)<500' }] }]);
    expect(g.policies[0]!.checks[0]).toMatchObject({ observed: null, pass: false });
    expect(renderJunit(g)).toContain('not measured in this run');
  });

  it('reads a live run\'s latency and error rate', () => {
    const live = withLive(buildFixture({ replications: 1 }));
    const p = live.policies[0]!;
    const people = p.runs[0]!.live!.populations.find((x) => x.id === 'people')!;
    const g = evaluateGates(live, [{ policy: p.name, gates: [
      { metric: 'live.latencyMs.people', expression: `p(95)<=${people.all.latency.p95}` },
      { metric: 'live.errorRate.people', expression: 'rate<=1' },
    ] }]);
    expect(g.policies[0]!.checks.map((c) => [c.observed, c.pass])).toEqual([[people.all.latency.p95, true], [expect.any(Number), true]]);
  });

  it('skips policies the run did not have, and can judge a result again from what it recorded', () => {
    const g = evaluateGates(result, [{ policy: 'absent', gates: [{ metric: 'bots.captureShare', expression: 'mean<0.5' }] },
      { policy: base.name, gates: [{ metric: 'bots.captureShare', expression: 'mean<2' }] }]);
    expect(g.policies.map((p) => p.policy)).toEqual([base.name]);
    expect(evaluateGates(result, recordedGates({ ...result, gates: g }))).toEqual(g);
  });
});

describe('JUnit XML', () => {
  it('has one testsuite per policy and one testcase per gate, escaped', () => {
    const result = buildFixture();
    const gates = evaluateGates(result, result.policies.map((p) => ({ policy: p.name, gates: [
      { metric: 'bots.captureShare', expression: 'mean<2' }, { metric: 'bots.captureShare', expression: 'mean<0' },
    ] })));
    const xml = renderJunit(gates, undefined, 'a <b> & "c"');
    expect(xml.match(/<testsuite /g)).toHaveLength(result.policies.length);
    expect(xml.match(/<testcase /g)).toHaveLength(2 * result.policies.length);
    expect(xml.match(/<failure /g)).toHaveLength(result.policies.length);
    expect(xml).toContain('name="a &lt;b&gt; &amp; &quot;c&quot;"');
    expect(xml).toContain('name="bots.captureShare mean&lt;0"');
  });
});
