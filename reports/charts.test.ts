import { describe, expect, it } from 'vitest';
import { buildCharts, policyColours, wrapLabel } from './charts.js';
import { Texts } from './i18n/texts.js';
import { buildFixture } from './test-support/fixture.js';

describe('buildCharts', () => {
  it('builds the eight charts of a full run, each with a caption and a table', () => {
    const { charts, notes } = buildCharts(buildFixture(), new Texts('en'));
    expect(charts.map((c) => c.id)).toEqual(['timeline', 'cdf', 'releases', 'served', 'money', 'collateral', 'equity', 'traffic']);
    expect(notes).toEqual([]);
    for (const c of charts) {
      expect(c.caption.length, c.id).toBeGreaterThan(40);
      expect(c.table.rows.length, c.id).toBeGreaterThan(0);
      for (const row of c.table.rows) expect(row, c.id).toHaveLength(c.table.columns.length);
    }
  });

  it('draws served-before-deadline means with their interval as whiskers, and tabulates the same numbers', () => {
    const result = buildFixture();
    const tx = new Texts('en');
    const served = buildCharts(result, tx).charts.find((c) => c.id === 'served')!;
    const ivs = result.policies.map((p) => p.summary['legit.servedBeforeDeadline']);
    expect(served.datasets[0]!.data).toEqual(ivs.map((iv) => iv.mean));
    expect(served.datasets[0]!.intervals).toEqual(ivs.map((iv) => [iv.low, iv.high]));
    expect(served.table.rows.map((r) => r[1])).toEqual(ivs.map((iv) => tx.interval('share', iv)));
    expect(served.yMax).toBe(1);
  });

  it('clamps whiskers to the metric domain, as every printed interval is', () => {
    const result = buildFixture();
    const p = result.policies[1]!;
    p.summary['legit.servedBeforeDeadline'] = { mean: 0.97, low: 0.9, high: 1.04, n: 5 };
    p.summary['legit.moneyPaidEur'] = { mean: 120, low: -80, high: 320, n: 5 };
    const charts = buildCharts(result, new Texts('en')).charts;
    expect(charts.find((c) => c.id === 'served')!.datasets[0]!.intervals![1]).toEqual([0.9, 1]);
    expect(charts.find((c) => c.id === 'money')!.datasets[0]!.intervals![1]).toEqual([0, 320]);
  });

  it('keeps one colour per policy across charts, grey for the baseline', () => {
    const result = buildFixture();
    const colours = policyColours(result);
    expect(colours.get('baseline')).toBe('#6b6b6b');
    expect(new Set(colours.values()).size).toBe(3);
    const cdf = buildCharts(result, new Texts('en')).charts.find((c) => c.id === 'cdf')!;
    expect(cdf.datasets.map((d) => d.color)).toEqual(result.policies.map((p) => colours.get(p.name)));
  });

  it('lists only measures some policy used, and replaces the chart by a sentence when none did', () => {
    const full = buildCharts(buildFixture(), new Texts('en')).charts.find((c) => c.id === 'collateral')!;
    expect(full.table.rows.map((r) => r[0])).toEqual(['Captcha', 'Bookings per e-mail limit', 'Duplicate purge', 'Exact-name check']);
    expect(full.datasets[0]!.data).toEqual([null, null, null, null]); // the baseline has no measure
    const single = buildCharts(buildFixture({ policies: 1, replications: 1 }), new Texts('fr'));
    expect(single.charts.map((c) => c.id)).not.toContain('collateral');
    expect(single.notes).toEqual([{ id: 'collateral', title: expect.any(String), text: 'Aucune mesure n’a touché d’usagers légitimes dans ces dispositifs.' }]);
  });

  it('draws no whiskers for a single replication', () => {
    const { charts } = buildCharts(buildFixture({ policies: 2, replications: 1 }), new Texts('en'));
    for (const c of charts) for (const d of c.datasets) expect(d.intervals, c.id).toBeUndefined();
  });

  it('names groups by their short label, their traits in the tooltip and the table, in the report\'s language', () => {
    const result = buildFixture();
    const equity = buildCharts(result, new Texts('fr', result)).charts.find((c) => c.id === 'equity')!;
    expect(equity.labels).toEqual(['Salariés', ['Étudiants en', 'première demande'], ['Usagers des', 'cybercafés']]);
    expect(equity.details![0]).toEqual([
      'consulte ~3 fois/jour, 07:00-23:00', 'captcha ~10 s, 10\u202f% d’échecs', '15\u202f% derrière une IP partagée',
      '5\u202f% partagent une adresse e-mail', '10\u202f% tapent une variante de leur nom', 'achètent après 21 jours sans créneau (jusqu’à 150\u00a0€)',
    ]);
    expect(equity.details![1]).toContain('sans numéro AGDREF');
    expect(equity.table.rows[0]![0]).toBe(`Salariés (${equity.details![0]!.join(', ')})`);
    // older result files carry English phrases only: shown as they are
    const legacy = buildFixture({ legacy: true });
    const old = buildCharts(legacy, new Texts('fr', legacy)).charts.find((c) => c.id === 'equity')!;
    expect(old.labels![0]).toBe('workers');
    expect(old.details![0]).toEqual(['works weekdays', 'own connection']);
  });

  it('draws the timeline as one small chart per policy on dates', () => {
    const result = buildFixture();
    const timeline = buildCharts(result, new Texts('fr', result)).charts.find((c) => c.id === 'timeline')!;
    expect(timeline.labels!.slice(0, 2)).toEqual(['6\u00a0janv.', '7\u00a0janv.']);
    expect(timeline.panels!.map((p) => p.title)).toEqual(['référence', 'publication aléatoire', 'créneau lié à l’identité']);
    for (const p of timeline.panels!) expect(p.datasets.map((d) => [d.label, d.dashed ?? false])).toEqual([['usagers', false], ['revendeurs', true]]);
    expect(timeline.table.columns).toHaveLength(1 + 2 * result.policies.length);
  });

  it('wraps long category labels on lines of about 16 characters', () => {
    expect(wrapLabel('lottery')).toBe('lottery');
    expect(wrapLabel('Familles qui se relaient jour et nuit')).toEqual(['Familles qui se', 'relaient jour et', 'nuit']);
  });
});

describe('values no replication defined', () => {
  it('leave a gap in the bars and read "no data" in the table', () => {
    const result = buildFixture({ policies: 2 });
    result.policies[1]!.summary['legit.moneyPaidEur'] = { mean: 0, low: 0, high: 0, n: 0 };
    const money = buildCharts(result, new Texts('en')).charts.find((c) => c.id === 'money')!;
    expect(money.datasets[0]!.data[1]).toBeNull();
    expect(money.datasets[0]!.intervals![1]).toBeNull();
    expect(money.table.rows[1]).toEqual(['random release', 'no data']);
  });
});

describe('bar captions', () => {
  it('explain the whiskers, or say there are none with a single replication', () => {
    const many = buildCharts(buildFixture(), new Texts('en')).charts.find((c) => c.id === 'served')!;
    expect(many.caption).toMatch(/Black whiskers: 95% interval/);
    const one = buildCharts(buildFixture({ replications: 1 }), new Texts('en')).charts.find((c) => c.id === 'served')!;
    expect(one.caption).toMatch(/1 replication: no interval\.$/);
    expect(one.caption).not.toContain('whiskers');
  });
});
