/**
 * The plain data of a chart, as the HTML page serialises it for its chart.js script, and the
 * helpers every bar chart shares: whiskers from intervals, and the caption's note on reading them.
 */
import { clampToDomain, UNIT_DOMAIN, type Interval } from '../engine/result.js';
import type { Unit } from './i18n/format.js';
import type { Texts } from './i18n/texts.js';

export interface ChartDataset {
  label: string;
  /** one colour, or one per bar */
  color: string | string[];
  data: (number | null)[] | { x: number; y: number }[];
  dashed?: boolean;
  /** [low, high] per bar, drawn as whiskers; absent with a single replication */
  intervals?: ([number, number] | null)[];
}

/** One small chart of a set; with `yUnit` it has a y axis of its own (a different quantity from its neighbours). */
export interface ChartPanel {
  title: string;
  datasets: ChartDataset[];
  yTitle?: string;
  yUnit?: Unit;
  yMax?: number;
}

export interface ChartSpec {
  id: string;
  title: string;
  caption: string;
  kind: 'bar' | 'line';
  /** category labels (an array is drawn on several lines); absent for a numeric x axis */
  labels?: (string | string[])[];
  /** per category, lines the tooltip adds under the label (a group's traits) */
  details?: string[][];
  /** small multiples: one small chart per panel, on one shared y scale unless a panel has its own unit, instead of `datasets` */
  panels?: ChartPanel[];
  /** panels one under the other at full width, when their category labels need the room */
  wide?: boolean;
  /** a logarithmic y axis (from 1), for latencies that span milliseconds to seconds */
  yLog?: boolean;
  xTitle: string;
  yTitle: string;
  yUnit: Unit;
  yMax?: number;
  legend: boolean;
  datasets: ChartDataset[];
  table: { caption: string; columns: string[]; rows: string[][] };
}

export interface ChartsModel {
  charts: ChartSpec[];
  /** sentences shown instead of a chart that has nothing to draw */
  notes: { id: string; title: string; text: string }[];
}

/** An interval's whisker, clamped to the unit's domain as every printed interval is (no share past 100 %). */
export function whisker(unit: Unit, iv: Interval | undefined): [number, number] | null {
  if (!iv || iv.n <= 1) return null;
  const domain = UNIT_DOMAIN[unit];
  return [clampToDomain(domain, iv.low), clampToDomain(domain, iv.high)];
}
/** The bar's height; none when no replication defined the value (n = 0). */
export const height = (iv: Interval | undefined): number | null => (iv && iv.n > 0 ? iv.mean : null);
export const hasIntervals = (ivs: (Interval | undefined)[]): boolean => ivs.some((iv) => iv !== undefined && iv.n > 1);

/** Bar captions end by saying how to read the whiskers, or that there are none. */
export function withWhiskerNote(caption: string, whiskers: boolean, tx: Texts): string {
  return `${caption} ${whiskers ? tx.t('chart.whiskers', { ci: tx.ci }) : tx.t('chart.noWhiskers')}`;
}
