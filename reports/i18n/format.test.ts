import { describe, expect, it } from 'vitest';
import { Texts } from './texts.js';

const NNBSP = '\u202f';
const NBSP = '\u00a0';
const fr = new Texts('fr');
const en = new Texts('en');
const iv = (mean: number, low: number, high: number, n = 5) => ({ mean, low, high, n });

describe('locale formatting', () => {
  it('writes percentages per locale: "71 %" with a narrow no-break space in French, "71%" in English', () => {
    expect(fr.value('share', 0.71)).toBe(`71${NNBSP}%`);
    expect(en.value('share', 0.71)).toBe('71%');
  });

  it('keeps one decimal for small shares, with a decimal comma in French', () => {
    expect(fr.value('share', 0.034)).toBe(`3,4${NNBSP}%`);
    expect(en.value('share', 0.034)).toBe('3.4%');
  });

  it('writes intervals as mean [low–high], bounds without the unit', () => {
    expect(fr.interval('share', iv(0.71, 0.683, 0.742))).toBe(`71${NNBSP}% [68–74]`);
    expect(en.interval('share', iv(0.71, 0.683, 0.742))).toBe('71% [68–74]');
    expect(en.interval('days', iv(52.3, 49.6, 55.1))).toBe('52 days [50–55]');
    expect(fr.interval('days', iv(1, 0.5, 1.5))).toBe('1,0 jour [0,5–1,5]');
  });

  it('shows a single replication without a bracket', () => {
    expect(en.interval('share', iv(0.38, 0.38, 0.38, 1))).toBe('38%');
    expect(fr.interval('eur', iv(41114, 41114, 41114, 1))).toBe(`41${NNBSP}114${NBSP}€`);
  });

  it('says "no data" when no replication defined the value', () => {
    expect(en.interval('days', iv(0, 0, 0, 0))).toBe('no data');
    expect(fr.interval('share', iv(0, 0, 0, 0))).toBe('pas de données');
  });

  it('cuts bounds to possible values: no negative share, none above 100 %', () => {
    expect(en.interval('share', iv(0.02, -0.01, 0.05))).toBe('2.0% [0.0–5.0]');
    expect(en.interval('share', iv(0.99, 0.97, 1.02))).toBe('99% [97–100]');
    expect(en.interval('eur', iv(100, -40, 240))).toBe('€100 [0–240]');
  });

  it('splits an interval into the mean and its clamped bounds, for layouts that stack them', () => {
    expect(en.fmt.intervalParts('share', iv(0.84, 0.61, 1.07), en.words)).toEqual({ mean: '84%', bounds: '[61–100]' });
    expect(en.fmt.intervalParts('eur', iv(12, -4007, 4031), en.words)).toEqual({ mean: '€12', bounds: '[0–4,031]' });
    expect(en.fmt.intervalParts('share', iv(0.3, 0.3, 0.3, 1), en.words)).toEqual({ mean: '30%' });
    expect(en.fmt.intervalParts('days', iv(0, 0, 0, 0), en.words)).toEqual({ mean: 'no data' });
  });

  it('writes money and percentage points per locale', () => {
    expect(en.value('eur', 41114)).toBe('€41,114');
    expect(fr.value('eur', 41114)).toBe(`41${NNBSP}114${NBSP}€`);
    expect(fr.value('points', 0.092)).toBe('9,2 pts');
  });

  it('writes dates per locale, and offsets them by whole days', () => {
    expect(fr.fmt.date('2019-01-06')).toBe('6 janvier 2019');
    expect(en.fmt.date('2019-01-06')).toBe('6 January 2019');
    expect(en.fmt.date('2019-01-06', 26, 'short')).toBe('1\u00a0Feb');
    expect(fr.fmt.date('2019-01-06T00:00:00+01:00', 0)).toBe('6 janvier 2019');
    expect(fr.fmt.date('not a date')).toBe('not a date');
  });

  it('joins lists per locale', () => {
    expect(en.fmt.list(['a', 'b', 'c'])).toBe('a, b and c');
    expect(fr.fmt.list(['a', 'b'])).toBe('a et b');
  });
});
