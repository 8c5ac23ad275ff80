/**
 * One object per language that turns catalogue keys and numbers into text. Renderers only talk to
 * this, so a sentence and its numbers always come out in the same language.
 */
import type { CollateralMeasure, GroupInfo, Interval, LiveRoute, Localized, MetricName, RunResult } from '../../engine/result.js';
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

  /** `result` supplies the scenario's own words (labels, descriptions); without it names stand in. */
  constructor(readonly lang: Lang, private readonly result?: RunResult) {
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

  /** The scenario's text in this language. */
  local(text: Localized): string {
    return text[this.lang];
  }

  /** The scenario's title: its label, else its name (older result files). */
  get scenarioTitle(): string {
    const s = this.result?.scenario;
    return s?.label ? this.local(s.label) : s?.name ?? '';
  }

  get scenarioDescription(): string | undefined {
    const s = this.result?.scenario;
    return s?.localized?.description ? this.local(s.localized.description) : s?.description;
  }

  get sources(): string[] {
    const s = this.result?.scenario;
    return s?.localized ? s.localized.sources.map((t) => this.local(t)) : s?.sources ?? [];
  }

  get assumptions(): string[] {
    const s = this.result?.scenario;
    return s?.localized ? s.localized.assumptions.map((t) => this.local(t)) : s?.assumptions ?? [];
  }

  policyDescription(name: string): string | undefined {
    const p = this.result?.policies.find((x) => x.name === name);
    return p?.localized?.description ? this.local(p.localized.description) : p?.description;
  }

  /** Short policy name for legends and tables: the scenario's label, else "baseline" / "référence" or the key with spaces. */
  policyShort(name: string): string {
    const label = this.result?.policies.find((p) => p.name === name)?.label;
    if (label) return this.local(label);
    return name === 'baseline' ? this.t('policy.baseline.short') : name.replace(/[-_]+/g, ' ');
  }

  /** The policy others are compared with, inside a sentence ("the baseline (Sunday release)" / "la situation de référence"). */
  policySentence(name: string): string {
    if (name !== 'baseline') return this.policyShort(name);
    const label = this.result?.policies.find((p) => p.name === name)?.label;
    const base = this.t('policy.baseline.sentence');
    return label ? `${base} (${this.local(label)})` : base;
  }

  /** A policy's name opening a sentence: "Mesures de l’Hérault". */
  policyLead(name: string): string {
    const labelled = this.result?.policies.find((p) => p.name === name)?.label !== undefined;
    const short = name === 'baseline' && !labelled ? this.t('policy.baseline.sentence') : this.policyShort(name);
    return short.charAt(0).toLocaleUpperCase(this.fmt.locale) + short.slice(1);
  }

  group(id: string): GroupInfo | undefined {
    return this.result?.scenario.groups?.find((g) => g.id === id);
  }

  groupLabel(id: string): string {
    const g = this.group(id);
    return g ? this.local(g.label) : id;
  }

  /** A crew by the scenario's name for it, else its id. */
  crewLabel(id: string): string {
    const c = this.result?.scenario.crews?.find((x) => x.id === id);
    return c ? this.local(c.label) : id;
  }

  /** A live population: people, or the crew's name. */
  populationLabel(p: { id: string; kind: 'people' | 'crew' }): string {
    return p.kind === 'people' ? this.t('series.people.short') : this.crewLabel(p.id);
  }

  routeLabel(route: LiveRoute): string {
    return this.t(`route.${route}`);
  }
}
