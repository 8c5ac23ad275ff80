/**
 * One object per language that turns catalogue keys and numbers into text. Renderers only talk to
 * this, so a sentence and its numbers always come out in the same language.
 */
import type { CollateralMeasure, Interval, MetricName } from '../../engine/result.js';
import { CATALOGUE, type MessageKey } from './catalogue.js';
import { Formatter, METRIC_UNIT, type Lang, type Unit, type UnitWords } from './format.js';

export type Vars = Record<string, string | number>;

/** French typography: narrow no-break space before ; ? ! and no-break space before :. */
function frenchSpacing(template: string): string {
  return template.replace(/ ([;?!»])/g, '\u202f$1').replace(/ :/g, '\u00a0:').replace(/« /g, '«\u00a0');
}

export class Texts {
  readonly fmt: Formatter;
  readonly words: UnitWords;

  constructor(readonly lang: Lang) {
    this.fmt = new Formatter(lang);
    this.words = {
      days: (n, value) => this.t(`count.days.${this.fmt.pluralOf(value)}`, { n }),
      minutes: (n) => this.t('unit.minutes', { n }),
      points: (n) => this.t('unit.points', { n }),
      none: this.t('unit.none'),
    };
  }

  /** The message for `key` with {placeholders} replaced; an unknown placeholder is a bug, so it throws. */
  t(key: MessageKey, vars: Vars = {}): string {
    const raw = CATALOGUE[key][this.lang];
    const template = this.lang === 'fr' ? frenchSpacing(raw) : raw;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = vars[name];
      if (v === undefined) throw new Error(`message ${key}: no value for {${name}}`);
      return typeof v === 'number' ? this.fmt.number(v) : v;
    });
  }

  /** "3 policies", "1 réplication". */
  count(kind: 'policies' | 'replications' | 'days', n: number): string {
    return this.t(`count.${kind}.${this.fmt.pluralOf(n)}`, { n: this.fmt.number(n) });
  }

  metricLabel(m: MetricName): string {
    return this.t(`metric.${m}`);
  }

  metricDefinition(m: MetricName): string {
    return this.t(`define.${m}`);
  }

  measureLabel(m: CollateralMeasure): string {
    return this.t(`measure.${m}`);
  }

  /** A metric's interval with its unit: "71 % [68–74]". */
  metric(m: MetricName, iv: Interval): string {
    return this.fmt.interval(METRIC_UNIT[m], iv, this.words);
  }

  interval(unit: Unit, iv: Interval): string {
    return this.fmt.interval(unit, iv, this.words);
  }

  value(unit: Unit, x: number): string {
    return this.fmt.value(unit, x, this.words);
  }

  /** The confidence level, formatted ("95 %" / "95%"). */
  get ci(): string {
    return this.fmt.percent(0.95);
  }

  /** Short policy name for legends and tables ("baseline" / "référence"; "random-release" → "random release"). */
  policyShort(name: string): string {
    return name === 'baseline' ? this.t('policy.baseline.short') : name.replace(/[-_]+/g, ' ');
  }

  /** Policy name inside a sentence ("the baseline" / "la situation de référence"). */
  policySentence(name: string): string {
    return name === 'baseline' ? this.t('policy.baseline.sentence') : this.policyShort(name);
  }
}
