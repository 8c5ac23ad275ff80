import { describe, expect, it } from 'vitest';
import { clampToDomain, isMetricName, METRIC_CATALOGUE, METRIC_NAMES, UNIT_DOMAIN } from './metrics.js';
import { ScenarioSchema } from './schema.js';

describe('the metric catalogue', () => {
  it('lists the metrics of docs/design.md in report order, each with a unit, a domain and a definition', () => {
    expect(METRIC_NAMES[0]).toBe('legit.servedBeforeDeadline');
    expect(METRIC_NAMES).toHaveLength(13);
    expect(new Set(METRIC_NAMES).size).toBe(METRIC_NAMES.length);
    for (const m of METRIC_NAMES) {
      const spec = METRIC_CATALOGUE[m];
      expect(spec.domain, m).toEqual(UNIT_DOMAIN[spec.unit]);
      expect(spec.definition.length, m).toBeGreaterThan(20);
    }
  });

  it('bounds shares to [0, 1] and money or days below by 0 only', () => {
    expect(METRIC_CATALOGUE['bots.captureShare'].domain).toEqual({ min: 0, max: 1 });
    expect(METRIC_CATALOGUE['equity.gap'].domain).toEqual({ min: 0, max: 1 });
    expect(METRIC_CATALOGUE['legit.moneyPaidEur'].domain).toEqual({ min: 0 });
    expect(METRIC_CATALOGUE['legit.waitDays.p50'].domain).toEqual({ min: 0 });
  });

  it('clamps a value to its domain and leaves values inside it alone', () => {
    const share = METRIC_CATALOGUE['legit.paidShare'].domain;
    expect(clampToDomain(share, 1.07)).toBe(1);
    expect(clampToDomain(share, -0.02)).toBe(0);
    expect(clampToDomain(share, 0.61)).toBe(0.61);
    expect(clampToDomain(METRIC_CATALOGUE['legit.moneyPaidEur'].domain, -4007)).toBe(0);
    expect(clampToDomain(METRIC_CATALOGUE['legit.moneyPaidEur'].domain, 1e9)).toBe(1e9);
  });

  it('knows its names, and nothing else', () => {
    expect(isMetricName('traffic.botShare')).toBe(true);
    expect(isMetricName('traffic.nope')).toBe(false);
    expect(isMetricName('toString')).toBe(false);
  });

  it('gives scenario objectives their default direction', () => {
    const objective = (metric: string) => ScenarioSchema.shape.objective.parse({ metric });
    for (const m of METRIC_NAMES) expect(objective(m), m).toEqual({ metric: m, higherIsBetter: METRIC_CATALOGUE[m].higherIsBetter });
    expect(objective('bots.costEur').higherIsBetter).toBe(true);
    expect(objective('legit.waitDays.p90').higherIsBetter).toBe(false);
  });
});
