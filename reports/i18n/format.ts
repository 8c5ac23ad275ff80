/**
 * Numbers, money and dates per locale with Intl: fr gives "71 %" (narrow no-break space) and a
 * decimal comma, en gives "71%". Intervals read "71 % [68–74]": the mean with its unit, the
 * bounds bare, and no bracket at all for a single replication.
 */
import { METRIC_CATALOGUE, METRICS, UNIT_DOMAIN, clampToDomain, type Interval, type MetricName, type MetricUnit } from '../../engine/result.js';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** How a metric is read; shares and points are 0..1 in the result. */
export type Unit = MetricUnit;

/** Read from the metric catalogue, so a new metric gets its unit in one place. */
export const METRIC_UNIT: Readonly<Record<MetricName, Unit>> = Object.fromEntries(
  METRICS.map((m) => [m, METRIC_CATALOGUE[m].unit]),
) as Record<MetricName, Unit>;

export function isLang(x: unknown): x is Lang {
  return x === 'fr' || x === 'en';
}

/** en-GB rather than en-US: dates read "6 January 2019", closer to the French readers' order. */
export const LOCALE: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Digits shown for a value: one decimal only where whole numbers would hide the size. */
function digitsFor(unit: Unit, x: number): number {
  const magnitude = unit === 'share' || unit === 'points' ? Math.abs(x) * 100 : Math.abs(x);
  if (unit === 'eur' || unit === 'count') return 0;
  return magnitude > 0 && magnitude < 10 ? 1 : 0;
}

export class Formatter {
  readonly locale: string;
  private readonly plural: Intl.PluralRules;

  constructor(readonly lang: Lang) {
    this.locale = LOCALE[lang];
    this.plural = new Intl.PluralRules(this.locale);
  }

  /** 'one' or 'other', for picking a catalogue key. */
  pluralOf(n: number): 'one' | 'other' {
    return this.plural.select(n) === 'one' ? 'one' : 'other';
  }

  number(x: number, digits = 0): string {
    return new Intl.NumberFormat(this.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
  }

  /** ICU versions differ on the space before % in French; typography wants a narrow no-break one. */
  percent(x: number, digits = 0): string {
    return new Intl.NumberFormat(this.locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })
      .format(x).replace(/[\u00a0 ]%/, '\u202f%');
  }

  euros(x: number): string {
    return new Intl.NumberFormat(this.locale, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(x);
  }

  /** The number alone (for interval bounds): shares as percent figures without the sign. */
  bare(unit: Unit, x: number, digits = digitsFor(unit, x)): string {
    return this.number(unit === 'share' || unit === 'points' ? x * 100 : x, digits);
  }

  /** A value with its unit; `words` supplies the localized "{n} days" / "{n} pts" templates. */
  value(unit: Unit, x: number, words: UnitWords, digits = digitsFor(unit, x)): string {
    switch (unit) {
      case 'share': return this.percent(x, digits);
      case 'eur': return this.euros(x);
      case 'count': return this.number(x, digits);
      case 'points': return words.points(this.bare(unit, x, digits));
      case 'days': return words.days(this.bare(unit, x, digits), x);
      case 'minutes': return words.minutes(this.bare(unit, x, digits));
    }
  }

  /** "71 % [68–74]", or "71 %" alone when the interval comes from one replication. */
  interval(unit: Unit, iv: Interval, words: UnitWords): string {
    const { mean, bounds } = this.intervalParts(unit, iv, words);
    return bounds === undefined ? mean : `${mean} ${bounds}`;
  }

  /**
   * The two halves of an interval, for layouts that put the bounds under the mean: "71 %" and
   * "[68–74]". Bounds are cut to the values the unit can take (the catalogue's domain): a
   * Student interval around 2 % can reach below zero, a share cannot.
   */
  intervalParts(unit: Unit, iv: Interval, words: UnitWords): { mean: string; bounds?: string } {
    if (iv.n === 0) return { mean: words.none };
    const digits = digitsFor(unit, iv.mean);
    const mean = this.value(unit, clampToDomain(UNIT_DOMAIN[unit], iv.mean), words, digits);
    if (iv.n <= 1) return { mean };
    const low = this.bare(unit, clampToDomain(UNIT_DOMAIN[unit], iv.low), digits);
    const high = this.bare(unit, clampToDomain(UNIT_DOMAIN[unit], iv.high), digits);
    return { mean, bounds: `[${low}–${high}]` };
  }

  /** "2019-01-06" → "6 January 2019" / "6 janvier 2019"; unparseable text is returned as is. */
  date(iso: string, plusDays = 0, style: 'long' | 'short' = 'long'): string {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!m) return plusDays === 0 ? iso : `${iso} + ${plusDays}`;
    const utc = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays));
    const options: Intl.DateTimeFormatOptions = style === 'long'
      ? { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' };
    const text = new Intl.DateTimeFormat(this.locale, options).format(utc);
    // A short date is one unit in a table cell or an axis tick: it must not wrap.
    return style === 'short' ? text.replace(/ /g, '\u00a0') : text;
  }

  /** "a, b and c" / "a, b et c". */
  list(items: readonly string[]): string {
    return new Intl.ListFormat(this.locale, { style: 'long', type: 'conjunction' }).format(items);
  }
}

/** Unit words come from the catalogue; passed in so this module stays free of message text. */
export interface UnitWords {
  days(n: string, value: number): string;
  minutes(n: string): string;
  points(n: string): string;
  /** shown for an interval with no replication behind it (n = 0) */
  none: string;
}
