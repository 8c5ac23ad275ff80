/**
 * The charts of a live run (see charts.ts for what a spec is): traffic and p95 latency second by
 * second in each race window, latency per route for people against the crews, and the figures
 * that compare policies under the same live load. Empty for a simulated run.
 */
import type { RaceWindow, RunResult, TrafficSecond } from '../engine/result.js';
import { LIVE_ROUTES } from '../engine/result.js';
import { policyColours, wrapLabel, type ChartDataset, type ChartSpec } from './charts.js';
import type { Texts } from './i18n/texts.js';
import { livePolicy, type LivePolicyFigures } from './model/live.js';

const PEOPLE = '#0072B2';
const SCALPERS = '#D55E00';
const FLOOD = '#6b6b6b';
const PERCENTILES = [['p50', '#56B4E9'], ['p95', '#0072B2'], ['p99', '#000000']] as const;
/** windows drawn per policy: beyond three the small charts say nothing new */
export const MAX_WINDOWS = 3;

const ms = (tx: Texts, x: number): string => tx.fmt.number(x);

/** "6 Jan, 19:58" in Paris time, as the release schedule is written. */
function windowTime(tx: Texts, epochMs: number): string {
  return new Intl.DateTimeFormat(tx.fmt.locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(epochMs);
}

interface WindowTraffic {
  policy: string;
  window: RaceWindow;
  seconds: TrafficSecond[];
}

function windowsOf(lives: LivePolicyFigures[]): WindowTraffic[] {
  return lives.flatMap((live) => live.first.raceWindows.slice(0, MAX_WINDOWS).map((window) => ({
    policy: live.name, window, seconds: live.first.traffic.filter((s) => s.at >= window.start && s.at < window.end),
  })));
}

const minutes = (w: RaceWindow, s: TrafficSecond): number => Math.round((s.at - w.start) / 6000) / 10;

function trafficSpec(tx: Texts, windows: WindowTraffic[], kind: 'rps' | 'p95'): ChartSpec {
  const id = kind === 'rps' ? 'live-rps' : 'live-p95';
  const key = kind === 'rps' ? 'chart.liveRps' : 'chart.liveP95';
  // in time order (a line joins its points in data order); a second without requests has no p95, not a zero one
  const point = (w: WindowTraffic, y: (s: TrafficSecond) => number | null) => w.seconds
    .map((s) => ({ x: minutes(w.window, s), y: y(s) })).filter((d): d is { x: number; y: number } => d.y !== null).sort((a, b) => a.x - b.x);
  const people = tx.t('series.people.short');
  const bots = tx.t('series.scalpers.short');
  const flood = tx.t('series.flood');
  const panels = windows.map((w) => {
    const datasets: ChartDataset[] = kind === 'rps'
      ? [
        { label: people, color: PEOPLE, data: point(w, (s) => s.people.requests) },
        { label: bots, color: SCALPERS, dashed: true, data: point(w, (s) => s.bots.requests) },
        ...(w.seconds.some((s) => s.flood) ? [{ label: flood, color: FLOOD, data: point(w, (s) => s.flood?.requests ?? 0) }] : []),
      ]
      : [
        { label: people, color: PEOPLE, data: point(w, (s) => (s.people.requests > 0 ? s.people.p95 : null)) },
        { label: bots, color: SCALPERS, dashed: true, data: point(w, (s) => (s.bots.requests > 0 ? s.bots.p95 : null)) },
      ];
    return { title: tx.t('live.window', { policy: tx.policyShort(w.policy), time: windowTime(tx, w.window.start) }), datasets };
  });
  const peak = (xs: number[]): string => tx.fmt.number(Math.max(0, ...xs));
  const columns = kind === 'rps' ? [people, bots, flood] : [people, bots];
  const header = (who: string) => tx.t(kind === 'rps' ? 'table.peakRps' : 'table.peakP95', { who });
  return {
    id, kind: 'line', legend: true, title: tx.t(`${key}.title`), caption: tx.t(`${key}.caption`),
    xTitle: tx.t('axis.minutesInWindow'), yTitle: tx.t(kind === 'rps' ? 'axis.rps' : 'axis.latencyMs'), yUnit: 'count',
    datasets: [], panels, ...(kind === 'p95' ? { yLog: true } : {}),
    table: {
      caption: tx.t(`${key}.title`),
      columns: [tx.t('table.window'), ...columns.map(header)],
      rows: windows.map((w, k) => [panels[k]!.title, ...(kind === 'rps'
        ? [peak(w.seconds.map((s) => s.people.requests)), peak(w.seconds.map((s) => s.bots.requests)), peak(w.seconds.map((s) => s.flood?.requests ?? 0))]
        : [peak(w.seconds.map((s) => s.people.p95)), peak(w.seconds.map((s) => s.bots.p95))])]),
    },
  };
}

/** Per policy: a small chart per route, people and each crew side by side, p50 / p95 / p99. */
function routesSpec(tx: Texts, live: LivePolicyFigures, k: number): ChartSpec {
  const routes = LIVE_ROUTES.filter((r) => live.populations.some((p) => p.routes[r]));
  const title = tx.t('chart.liveRoutes.title', { policy: tx.policyShort(live.name) });
  const panels = routes.map((route) => ({
    title: tx.routeLabel(route),
    datasets: PERCENTILES.map(([q, color]): ChartDataset => ({
      label: tx.t(`series.${q}`), color, data: live.populations.map((p) => p.routes[route]?.[q] ?? null),
    })),
  }));
  return {
    id: `live-routes-${k}`, kind: 'bar', legend: true, title, caption: tx.t('chart.liveRoutes.caption'),
    // three small charts a row leave room for three populations' names; more crews need the full width
    labels: live.populations.map((p) => wrapLabel(tx.populationLabel(p), 12)), wide: live.populations.length > 3,
    xTitle: tx.t('table.population'), yTitle: tx.t('axis.latencyMs'), yUnit: 'count', datasets: [], panels,
    table: {
      caption: title,
      columns: [tx.t('table.route'), tx.t('table.population'), tx.t('table.requests'), 'p50', 'p95', 'p99'],
      rows: routes.flatMap((route) => live.populations.flatMap((p) => {
        const f = p.routes[route];
        return f ? [[tx.routeLabel(route), tx.populationLabel(p), tx.fmt.number(f.requests), ms(tx, f.p50), ms(tx, f.p95), ms(tx, f.p99)]] : [];
      })),
    },
  };
}

/** People's p95 and share without an answer beside served-before-deadline, one bar per policy. */
function compareSpec(result: RunResult, tx: Texts, lives: LivePolicyFigures[]): ChartSpec {
  const colours = policyColours(result);
  const people = lives.map((l) => l.populations.find((p) => p.kind === 'people')!);
  const served = lives.map((l) => result.policies.find((p) => p.name === l.name)!.summary['legit.servedBeforeDeadline'].mean);
  const color = lives.map((l) => colours.get(l.name)!);
  const servedLabel = tx.metricLabel('legit.servedBeforeDeadline');
  const panels = [
    { title: tx.t('compare.p95'), yTitle: tx.t('axis.latencyMs'), yUnit: 'count' as const, datasets: [{ label: tx.t('compare.p95'), color, data: people.map((p) => p.p95) }] },
    { title: tx.t('compare.errors'), yTitle: tx.t('compare.errors'), yUnit: 'share' as const, datasets: [{ label: tx.t('compare.errors'), color, data: people.map((p) => p.errorShare) }] },
    { title: servedLabel, yTitle: servedLabel, yUnit: 'share' as const, yMax: 1, datasets: [{ label: servedLabel, color, data: served }] },
  ];
  return {
    id: 'live-compare', kind: 'bar', legend: false, title: tx.t('chart.liveCompare.title'), caption: tx.t('chart.liveCompare.caption'),
    // side by side for two policies (with and without a measure); beyond, each needs the full width for its names
    labels: lives.map((l) => wrapLabel(tx.policyShort(l.name), 12)), wide: lives.length > 2,
    xTitle: tx.t('table.policy'), yTitle: tx.t('axis.latencyMs'), yUnit: 'count', datasets: [], panels,
    table: {
      caption: tx.t('chart.liveCompare.title'),
      columns: [tx.t('table.policy'), tx.t('compare.p95'), tx.t('compare.errors'), servedLabel],
      rows: lives.map((l, i) => [tx.policyShort(l.name), ms(tx, people[i]!.p95), tx.value('share', people[i]!.errorShare), tx.value('share', served[i]!)]),
    },
  };
}

export interface LiveCharts {
  lives: LivePolicyFigures[];
  charts: ChartSpec[];
}

/** The live charts, in the order the section shows them; none for a simulated run. */
export function buildLiveCharts(result: RunResult, tx: Texts): LiveCharts {
  const lives = result.policies.flatMap((p) => livePolicy(p) ?? []);
  if (lives.length === 0) return { lives, charts: [] };
  const windows = windowsOf(lives);
  const charts: ChartSpec[] = [];
  if (windows.some((w) => w.seconds.length > 0)) charts.push(trafficSpec(tx, windows, 'rps'), trafficSpec(tx, windows, 'p95'));
  charts.push(...lives.map((l, k) => routesSpec(tx, l, k)).filter((s) => (s.panels ?? []).length > 0));
  charts.push(compareSpec(result, tx, lives));
  return { lives, charts };
}

