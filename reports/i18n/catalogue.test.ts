import { describe, expect, it } from 'vitest';
import { COLLATERAL_MEASURES, METRICS } from '../../engine/result.js';
import { CATALOGUE } from './catalogue.js';
import { LANGS } from './format.js';
import { Texts } from './texts.js';

const entries = Object.entries(CATALOGUE) as [string, Record<string, string>][];
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

/** Entries that are rightly the same in both languages. */
const SAME_IN_BOTH = new Set(['unit.minutes', 'unit.points', 'table.description', 'axis.date', 'measure.captcha', 'route.captcha']);

describe('message catalogue', () => {
  it('has the same keys in French and English, none empty', () => {
    const keysOf = (lang: string): string[] => entries.filter(([, m]) => typeof m[lang] === 'string' && m[lang]!.trim() !== '').map(([k]) => k);
    expect(keysOf('fr')).toEqual(keysOf('en'));
    expect(keysOf('fr')).toEqual(entries.map(([k]) => k));
    for (const [key, m] of entries) expect(Object.keys(m).sort(), key).toEqual([...LANGS].sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, m] of entries) expect(placeholders(m.fr!), key).toEqual(placeholders(m.en!));
  });

  it('is translated: French differs from English except for a few shared words', () => {
    const same = entries.filter(([k, m]) => m.fr === m.en && !SAME_IN_BOTH.has(k)).map(([k]) => k);
    expect(same).toEqual([]);
  });

  it('names and defines every metric and measure of the result contract', () => {
    for (const lang of LANGS) {
      const tx = new Texts(lang);
      for (const m of METRICS) {
        expect(tx.metricLabel(m)).not.toBe('');
        expect(tx.metricDefinition(m).length).toBeGreaterThan(20);
      }
      for (const m of COLLATERAL_MEASURES) expect(tx.measureLabel(m)).not.toBe('');
    }
  });
});

describe('Texts.t', () => {
  it('fills placeholders and applies French spacing before : ; ?', () => {
    expect(new Texts('fr').t('doc.title', { scenario: 'X' })).toBe('Rapport d’équité\u00a0: X');
    expect(new Texts('fr').t('doc.question').endsWith('usagers\u202f?')).toBe(true);
    expect(new Texts('en').t('doc.title', { scenario: 'X' })).toBe('Fairness report: X');
  });

  it('does not touch the spacing of inserted values', () => {
    expect(new Texts('fr').t('doc.title', { scenario: 'a : b' })).toBe('Rapport d’équité\u00a0: a : b');
  });

  it('throws on a missing value instead of printing {name}', () => {
    expect(() => new Texts('en').t('doc.title')).toThrow(/no value for \{scenario\}/);
  });

  it('picks plural forms per language', () => {
    expect(new Texts('en').count('replications', 1)).toBe('1 replication');
    expect(new Texts('en').count('replications', 5)).toBe('5 replications');
    expect(new Texts('fr').count('policies', 1)).toBe('1 dispositif');
    expect(new Texts('fr').count('days', 182)).toBe('182 jours');
  });
});
