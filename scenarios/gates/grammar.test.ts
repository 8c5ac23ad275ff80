import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../metrics.js';
import { holds, parseGate, parseGateMetric } from './grammar.js';

describe('gate grammar', () => {
  it('reads k6 thresholds over every catalogue metric', () => {
    for (const metric of METRIC_NAMES) {
      const g = parseGate(metric, 'mean >= 0.8');
      expect(g).toMatchObject({ ok: true, value: { metric, stat: 'mean', op: '>=', limit: 0.8, target: { kind: 'catalogue', metric } } });
    }
    expect(parseGate('bots.captureShare', 'avg<0.1')).toMatchObject({ ok: true, value: { stat: 'mean', op: '<' } });
    expect(parseGate('bots.captureShare', 'med<0.1')).toMatchObject({ ok: true, value: { stat: 'p(50)' } });
    expect(parseGate('legit.waitDays.p90', 'p( 90 )<=60')).toMatchObject({ ok: true, value: { stat: 'p(90)', limit: 60 } });
    expect(parseGate('bots.costEur', 'low===0')).toMatchObject({ ok: true, value: { op: '==' } });
  });

  it('reads live metrics for people, a crew and a route, with the statistics the live recorder keeps', () => {
    expect(parseGateMetric('live.latencyMs.people')).toEqual({ ok: true, value: { kind: 'latency', who: 'people' } });
    expect(parseGateMetric('live.errorRate.cybercafe.book')).toEqual({ ok: true, value: { kind: 'errorRate', who: 'cybercafe', route: 'book' } });
    expect(parseGate('live.latencyMs.people', 'p(95)<500')).toMatchObject({ ok: true, value: { stat: 'p(95)', limit: 500 } });
    expect(parseGate('live.errorRate.people', 'rate<0.01')).toMatchObject({ ok: true, value: { stat: 'rate' } });
  });

  it('refuses what it cannot judge, saying why', () => {
    expect(parseGate('legit.served', 'mean>0')).toMatchObject({ ok: false, message: 'unknown metric "legit.served"' });
    expect(parseGate('bots.captureShare', 'mean => 0.1')).toMatchObject({ ok: false, message: '"mean => 0.1" is not a threshold' });
    expect(parseGate('bots.captureShare', 'rate<0.1')).toMatchObject({ ok: false, message: '"rate" is not a statistic of bots.captureShare' });
    expect(parseGate('bots.captureShare', 'p(101)<0.1')).toMatchObject({ ok: false });
    // the live recorder keeps p50, p90, p95, p99 only
    expect(parseGate('live.latencyMs.people', 'p(97)<500')).toMatchObject({ ok: false, hint: expect.stringContaining('p(95)') });
    expect(parseGate('live.errorRate.people', 'mean<0.1')).toMatchObject({ ok: false });
  });

  it('compares as the operator says, at and around the limit', () => {
    const cases: [string, number, boolean, boolean, boolean][] = [
      // op, limit, below, at, above
      ['<', 1, true, false, false], ['<=', 1, true, true, false], ['>', 1, false, false, true],
      ['>=', 1, false, true, true], ['==', 1, false, true, false], ['!=', 1, true, false, true],
    ];
    for (const [op, limit, below, at, above] of cases) {
      expect([holds(limit - 0.5, op as never, limit), holds(limit, op as never, limit), holds(limit + 0.5, op as never, limit)], op).toEqual([below, at, above]);
    }
  });
});
