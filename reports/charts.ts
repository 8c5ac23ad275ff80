/**
 * What each chart shows, as plain data: the HTML page serialises these specs and a small browser
 * script turns them into chart.js charts. Each spec also carries the same numbers as a table,
 * formatted in the report's language, for readers who cannot see the canvas.
 */
import { COLLATERAL_MEASURES } from '../engine/result.js';
import type { Interval, PolicyResult, RunResult } from '../engine/result.js';
import { hasIntervals, height, whisker, withWhiskerNote, type ChartDataset, type ChartSpec, type ChartsModel } from './chart-spec.js';
import type { Unit } from './i18n/format.js';
import type { Texts } from './i18n/texts.js';
import { groupTraits } from './i18n/traits.js';
import { meanDaily, waitCdf } from './model/series.js';
import { releaseChart } from './release-chart.js';

export type { ChartDataset, ChartPanel, ChartSpec, ChartsModel } from './chart-spec.js';

const BASELINE_GREY = '#6b6b6b';
// Okabe–Ito colours (readable with colour-blindness), yellow left out: too pale on white.
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export function policyColours(result: RunResult): Map<string, string> {
  const colours = new Map<string, string>();
  let next = 0;
  for (const p of result.policies) {
    colours.set(p.name, p.name === 'baseline' ? BASELINE_GREY : PALETTE[next++ % PALETTE.length]!);
  }
  return colours;
}

/** A category label on lines of about `width` characters, so neighbouring labels do not run into each other. */
export function wrapLabel(text: string, width = 16): string | string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length <= 1 ? text : lines;
}

/** One bar per policy for one metric. */
function perPolicyBar(
  result: RunResult, tx: Texts, colours: Map<string, string>,
  id: string, metric: 'legit.servedBeforeDeadline' | 'legit.moneyPaidEur' | 'traffic.botShare', unit: Unit,
): ChartSpec {
  const ivs = result.policies.map((p) => p.summary[metric]);
  const label = tx.metricLabel(metric);
  const dataset: ChartDataset = { label, color: result.policies.map((p) => colours.get(p.name)!), data: ivs.map(height) };
  if (hasIntervals(ivs)) dataset.intervals = ivs.map((iv) => whisker(unit, iv));
  const spec: ChartSpec = {
    id, kind: 'bar', legend: false,
    title: tx.t(`chart.${id as 'served' | 'money' | 'traffic'}.title`),
    caption: withWhiskerNote(tx.t(`chart.${id as 'served' | 'money' | 'traffic'}.caption`), hasIntervals(ivs), tx),
    labels: result.policies.map((p) => wrapLabel(tx.policyShort(p.name))),
    xTitle: tx.t('table.policy'), yTitle: label, yUnit: unit, datasets: [dataset],
    table: {
      caption: tx.t(`chart.${id as 'served' | 'money' | 'traffic'}.title`),
      columns: [tx.t('table.policy'), label],
      rows: result.policies.map((p, i) => [tx.policyShort(p.name), tx.interval(unit, ivs[i]!)]),
    },
  };
  if (unit === 'share') spec.yMax = 1;
  return spec;
}

// Small multiples use the same two colours in every panel: people blue, scalpers vermillion (dashed).
const PEOPLE = '#0072B2';
const SCALPERS = '#D55E00';

/** One small chart per policy (two lines each on one shared scale): 14 lines on one chart hid most of them. */
function timeline(result: RunResult, tx: Texts): ChartSpec {
  const series = result.policies.map((p) => new Map(meanDaily(p).map((d) => [d.day, d])));
  const days = [...new Set(series.flatMap((s) => [...s.keys()]))].sort((a, b) => a - b);
  const start = result.scenario.start;
  const people = (i: number): (number | null)[] => days.map((d) => series[i]!.get(d)?.bookedByLegit ?? null);
  const bots = (i: number): (number | null)[] => days.map((d) => series[i]!.get(d)?.bookedByBots ?? null);
  const panels = result.policies.map((p, i) => ({
    title: tx.policyShort(p.name),
    datasets: [
      { label: tx.t('series.people.short'), color: PEOPLE, data: people(i) },
      { label: tx.t('series.scalpers.short'), color: SCALPERS, dashed: true, data: bots(i) },
    ] as ChartDataset[],
  }));
  const columns = result.policies.flatMap((p) => [
    tx.t('series.people', { policy: tx.policyShort(p.name) }), tx.t('series.scalpers', { policy: tx.policyShort(p.name) }),
  ]);
  const weekly = days.filter((d, k) => d % 7 === 0 || k === days.length - 1);
  const count = (x: number | undefined): string => (x === undefined ? '–' : tx.fmt.number(x));
  return {
    id: 'timeline', kind: 'line', legend: true,
    title: tx.t('chart.timeline.title'), caption: tx.t('chart.timeline.caption'),
    labels: days.map((d) => tx.fmt.date(start, d, 'short')),
    xTitle: tx.t('axis.date'), yTitle: tx.t('axis.bookings'), yUnit: 'count', datasets: [], panels,
    table: {
      caption: tx.t('chart.timeline.title'),
      columns: [tx.t('axis.date'), ...columns],
      rows: weekly.map((d) => [tx.fmt.date(start, d, 'short'), ...series.flatMap((s) => [count(s.get(d)?.bookedByLegit), count(s.get(d)?.bookedByBots)])]),
    },
  };
}

function cdf(result: RunResult, tx: Texts, colours: Map<string, string>): ChartSpec | null {
  const curves = result.policies.map((p) => waitCdf(p));
  if (curves.every((c) => c.length === 0)) return null;
  const last = Math.max(...curves.map((c) => c.length - 1));
  const rowsAt = Array.from({ length: Math.floor(last / 7) + 1 }, (_, w) => w * 7);
  if (rowsAt[rowsAt.length - 1] !== last) rowsAt.push(last);
  const at = (c: { share: number }[], day: number): string => (c.length === 0 ? '–' : tx.value('share', (c[Math.min(day, c.length - 1)]!).share));
  return {
    id: 'cdf', kind: 'line', legend: true,
    title: tx.t('chart.cdf.title'), caption: tx.t('chart.cdf.caption'),
    xTitle: tx.t('axis.waitDays'), yTitle: tx.t('axis.servedWithin'), yUnit: 'share', yMax: 1,
    datasets: result.policies.map((p, i) => ({ label: tx.policyShort(p.name), color: colours.get(p.name)!, data: curves[i]!.map((c) => ({ x: c.day, y: c.share })) })),
    table: {
      caption: tx.t('chart.cdf.title'),
      columns: [tx.t('axis.waitDays'), ...result.policies.map((p) => tx.policyShort(p.name))],
      rows: rowsAt.map((day) => [tx.fmt.number(day), ...curves.map((c) => at(c, day))]),
    },
  };
}

/** Clustered bars: one cluster per category, one bar per policy, with whiskers. */
function clustered(
  result: RunResult, tx: Texts, colours: Map<string, string>, id: 'collateral' | 'equity',
  categories: { key: string; label: string | string[]; text: string; details?: string[] }[], pick: (p: PolicyResult, key: string) => Interval | undefined,
  firstColumn: string, yTitle: string,
): ChartSpec {
  const datasets = result.policies.map((p): ChartDataset => {
    const ivs = categories.map((c) => pick(p, c.key));
    const d: ChartDataset = { label: tx.policyShort(p.name), color: colours.get(p.name)!, data: ivs.map(height) };
    if (hasIntervals(ivs)) d.intervals = ivs.map((iv) => whisker('share', iv));
    return d;
  });
  return {
    id, kind: 'bar', legend: true,
    title: tx.t(`chart.${id}.title`), caption: withWhiskerNote(tx.t(`chart.${id}.caption`), datasets.some((d) => d.intervals), tx),
    labels: categories.map((c) => c.label), xTitle: firstColumn, yTitle, yUnit: 'share', datasets,
    ...(categories.some((c) => c.details?.length) ? { details: categories.map((c) => c.details ?? []) } : {}),
    table: {
      caption: tx.t(`chart.${id}.title`),
      columns: [firstColumn, ...result.policies.map((p) => tx.policyShort(p.name))],
      rows: categories.map((c) => [c.text, ...result.policies.map((p) => {
        const iv = pick(p, c.key);
        return iv ? tx.interval('share', iv) : '–';
      })]),
    },
  };
}

export function buildCharts(result: RunResult, tx: Texts): ChartsModel {
  const colours = policyColours(result);
  const charts: ChartSpec[] = [];
  const notes: ChartsModel['notes'] = [];
  charts.push(timeline(result, tx));
  const waits = cdf(result, tx, colours);
  if (waits) charts.push(waits);
  const releases = releaseChart(result, tx, colours);
  if (releases) charts.push(releases);
  charts.push(perPolicyBar(result, tx, colours, 'served', 'legit.servedBeforeDeadline', 'share'));
  charts.push(perPolicyBar(result, tx, colours, 'money', 'legit.moneyPaidEur', 'eur'));

  const measures = COLLATERAL_MEASURES.filter((m) => result.policies.some((p) => p.collateral[m] !== undefined));
  if (measures.length === 0) {
    notes.push({ id: 'collateral', title: tx.t('chart.collateral.title'), text: tx.t('chart.collateral.none') });
  } else {
    charts.push(clustered(result, tx, colours, 'collateral',
      measures.map((m) => ({ key: m, label: wrapLabel(tx.measureLabel(m)), text: tx.measureLabel(m) })),
      (p, key) => p.collateral[key as (typeof measures)[number]], tx.t('table.measure'), tx.t('axis.peopleHit')));
  }

  // The equity chart names each group under its cluster; its traits (which say why it fares as it
  // does) go to the tooltip and the table: written under the bars they crowded the chart out.
  const recorded = new Map<string, string[]>();
  for (const p of result.policies) for (const run of p.runs) for (const [g, m] of Object.entries(run.groups)) if (!recorded.has(g)) recorded.set(g, m.traits);
  const groups = [...new Set(result.policies.flatMap((p) => Object.keys(p.groups)))];
  if (groups.length > 0) {
    charts.push(clustered(result, tx, colours, 'equity',
      groups.map((g) => {
        const label = tx.groupLabel(g);
        const traits = groupTraits(tx, g, recorded.get(g));
        return { key: g, label: wrapLabel(label), text: traits.length ? `${label} (${traits.join(', ')})` : label, details: traits };
      }),
      (p, key) => p.groups[key]?.servedBeforeDeadline, tx.t('table.group'), tx.metricLabel('legit.servedBeforeDeadline')));
    charts[charts.length - 1]!.yMax = 1;
  }
  charts.push(perPolicyBar(result, tx, colours, 'traffic', 'traffic.botShare', 'share'));
  return { charts, notes };
}
