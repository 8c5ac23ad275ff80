import { describe, expect, it } from 'vitest';
import { Texts } from './i18n/texts.js';
import { buildLiveCharts, MAX_WINDOWS } from './live-charts.js';
import { livePolicy } from './model/live.js';
import { buildFixture } from './test-support/fixture.js';
import { withLive } from './test-support/live-fixture.js';

const live = withLive(buildFixture({ policies: 2, replications: 2 }));
const tx = new Texts('en', live);

describe('buildLiveCharts', () => {
  it('has nothing to draw for a simulated run', () => {
    expect(buildLiveCharts(buildFixture(), tx)).toEqual({ lives: [], charts: [] });
  });

  it('draws each race window\'s traffic in time order, within the window, with a table row per window', () => {
    const { charts } = buildLiveCharts(live, tx);
    const [rps, p95] = [charts.find((c) => c.id === 'live-rps')!, charts.find((c) => c.id === 'live-p95')!];
    expect(rps.panels!.map((p) => p.title)).toEqual([
      'baseline, from 6 Jan, 19:58', 'baseline, from 13 Jan, 19:58', 'random release, from 6 Jan, 19:58', 'random release, from 13 Jan, 19:58',
    ]);
    for (const spec of [rps, p95]) {
      for (const panel of spec.panels!) {
        for (const d of panel.datasets) {
          const xs = (d.data as { x: number }[]).map((p) => p.x);
          expect(xs.length).toBeGreaterThan(50);
          expect(xs).toEqual([...xs].sort((a, b) => a - b));
          expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
          expect(Math.max(...xs)).toBeLessThan(10);
        }
      }
      expect(spec.table.rows).toHaveLength(4);
      for (const row of spec.table.rows) expect(row).toHaveLength(spec.table.columns.length);
    }
    expect(rps.panels![0]!.datasets.map((d) => d.label)).toEqual(['people', 'scalpers', 'raw flood']);
    expect(p95.yLog).toBe(true);
    expect(rps.yLog).toBeUndefined();
    // the baseline chokes at the release: its worst people's p95 is seconds, the rate-limited policy's tens of ms
    const worst = (row: string[]) => Number(row[1]!.replace(/,/g, ''));
    expect(worst(p95.table.rows[0]!)).toBeGreaterThan(1000);
    expect(worst(p95.table.rows[2]!)).toBeLessThan(100);
  });

  it(`draws at most ${MAX_WINDOWS} windows a policy`, () => {
    const many = structuredClone(live);
    const block = many.policies[0]!.runs[0]!.live!;
    const [a, b] = block.raceWindows;
    block.raceWindows = [a!, b!, { start: b!.end + 1, end: b!.end + 2 }, { start: b!.end + 3, end: b!.end + 4 }];
    const rps = buildLiveCharts(many, tx).charts.find((c) => c.id === 'live-rps')!;
    expect(rps.panels!.filter((p) => p.title.startsWith('baseline'))).toHaveLength(MAX_WINDOWS);
  });

  it('shows p50 / p95 / p99 per route for people and each crew, only on routes they used', () => {
    const spec = buildLiveCharts(live, tx).charts.find((c) => c.id === 'live-routes-0')!;
    const figures = livePolicy(live.policies[0]!)!;
    expect(spec.panels!.map((p) => p.title)).toEqual(['slot list', 'booking']);
    expect(spec.labels).toEqual(['people', 'cybercafé']);
    expect(spec.panels![1]!.datasets.map((d) => d.data)).toEqual(
      (['p50', 'p95', 'p99'] as const).map((q) => figures.populations.map((p) => p.routes.book![q])),
    );
  });

  it('compares people\'s p95 and error share with served-before-deadline across policies, each on its own axis', () => {
    const spec = buildLiveCharts(live, tx).charts.find((c) => c.id === 'live-compare')!;
    const people = live.policies.map((p) => livePolicy(p)!.populations[0]!);
    expect(spec.panels!.map((p) => [p.yUnit, p.yMax])).toEqual([['count', undefined], ['share', undefined], ['share', 1]]);
    expect(spec.panels![0]!.datasets[0]!.data).toEqual(people.map((p) => p.p95));
    expect(spec.panels![1]!.datasets[0]!.data).toEqual(people.map((p) => p.errorShare));
    expect(spec.panels![2]!.datasets[0]!.data).toEqual(live.policies.map((p) => p.summary['legit.servedBeforeDeadline'].mean));
    expect(spec.wide).toBe(false);
    expect(buildLiveCharts(withLive(buildFixture({ policies: 3, replications: 1 })), tx).charts.at(-1)!.wide).toBe(true);
  });
});
