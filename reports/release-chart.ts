/**
 * The release chart: how much of each release scalpers took within a minute, ten minutes, an
 * hour, and in all (model/release-capture.ts), one cluster per window and one bar per policy, and
 * in its table how long half and nine tenths of a release took to go. A policy whose result has
 * no per-release windows (an older file, a run without releases after the warm-up) has no bars.
 */
import type { RunResult } from '../engine/result.js';
import { hasIntervals, height, whisker, withWhiskerNote, type ChartDataset, type ChartSpec } from './chart-spec.js';
import type { Texts } from './i18n/texts.js';
import { CAPTURE_WINDOWS, releaseCapture } from './model/release-capture.js';

const windowLabel = (tx: Texts, key: string): string => (key === 'all' ? tx.t('release.all') : tx.t('release.within', { n: key }));

/** The chart, or null when no policy has a release to show. */
export function releaseChart(result: RunResult, tx: Texts, colours: Map<string, string>): ChartSpec | null {
  const warmup = result.scenario.warmupDays ?? 0;
  const captures = result.policies.map((p) => releaseCapture(p, warmup));
  if (captures.every((c) => c === undefined)) return null;
  const datasets = result.policies.map((p, i): ChartDataset => {
    const ivs = CAPTURE_WINDOWS.map((k) => captures[i]?.share[k]);
    const d: ChartDataset = { label: tx.policyShort(p.name), color: colours.get(p.name)!, data: ivs.map(height) };
    if (hasIntervals(ivs)) d.intervals = ivs.map((iv) => whisker('share', iv));
    return d;
  });
  const minutes = (x: number | undefined): string => (x === undefined ? '–' : tx.t('unit.minutes', { n: tx.fmt.number(x, x < 10 ? 1 : 0) }));
  const title = tx.t('chart.releases.title');
  return {
    id: 'releases', kind: 'bar', legend: true, yMax: 1,
    title, caption: withWhiskerNote(tx.t('chart.releases.caption'), datasets.some((d) => d.intervals), tx),
    labels: CAPTURE_WINDOWS.map((k) => windowLabel(tx, k)),
    xTitle: tx.t('table.afterRelease'), yTitle: tx.t('axis.releaseTaken'), yUnit: 'share', datasets,
    table: {
      caption: title,
      columns: [tx.t('table.afterRelease'), ...result.policies.map((p) => tx.policyShort(p.name))],
      rows: [
        ...CAPTURE_WINDOWS.map((k) => [windowLabel(tx, k), ...captures.map((c) => {
          const iv = c?.share[k];
          return iv ? tx.interval('share', iv) : '–';
        })]),
        [tx.t('release.to50'), ...captures.map((c) => minutes(c?.minutesTo50))],
        [tx.t('release.to90'), ...captures.map((c) => minutes(c?.minutesTo90))],
      ],
    },
  };
}
