/**
 * A report of a shipped scenario speaks one language: the French report of matrix.yaml holds none
 * of the scenario's English words nor any English-only sentence of the catalogue, and the
 * English one none of the French. (Simulated briefly: the words matter here, not the numbers.)
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../engine/run/run-scenario.js';
import type { Localized } from '../../engine/result.js';
import { renderHtml } from '../../reports/html/render.js';
import { CATALOGUE } from '../../reports/i18n/catalogue.js';
import type { Lang } from '../../reports/i18n/format.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { loadScenario } from '../../scenarios/load.js';

const file = 'scenarios/matrix.yaml';
const scenario = { ...loadScenario(file), duration: '6w', warmup: '1w' };
const result = await runScenario(scenario, { file, replications: 1, workers: 1 });

/** What a reader sees: tags, the policies' settings (JSON keys) and the file name taken out, entities decoded. */
function visible(page: string): string {
  return page
    .replace(/<pre>[\s\S]*?<\/pre>/g, ' ').replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<script>[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
}

/** Scenario words and catalogue phrases (the text between placeholders) that exist only in `lang`. */
function onlyIn(lang: Lang): string[] {
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  const s = scenario;
  const words: (Localized | undefined)[] = [
    s.label, s.description, ...s.sources, ...s.assumptions, s.baseline?.label, s.baseline?.description,
    ...Object.values(s.policies).flatMap((p) => [p.label, p.description]),
    ...s.population.legit.map((g) => g.label), ...s.population.scalpers.map((c) => c.label),
  ];
  const own = words.filter((w): w is Localized => w !== undefined && w[lang] !== w[other]).map((w) => w[lang].trim());
  const phrases = Object.values(CATALOGUE as Record<string, Localized>)
    .filter((m) => m[lang] !== m[other])
    .flatMap((m) => m[lang].split(/\{\w+\}/).map((piece) => piece.trim()))
    .filter((piece) => piece.length >= 12);
  return [...new Set([...own, ...phrases])];
}

describe('the report of a shipped scenario', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`is written in ${lang} only`, () => {
      const other: Lang = lang === 'fr' ? 'en' : 'fr';
      const html = renderHtml(result, lang);
      const page = visible(html);
      // chart labels, tooltips and tables, as the page's script reads them
      const data = JSON.stringify(JSON.parse(/<script type="application\/json" id="guichet-data">([\s\S]*?)<\/script>/.exec(html)![1]!));
      const summary = renderMarkdown(result, lang);
      const foreign = onlyIn(other).filter((s) => page.includes(s) || data.includes(s) || summary.includes(s));
      expect(foreign).toEqual([]);
      // and the words of this language are there: the scenario's title, a policy, a group
      expect(page).toContain(scenario.label![lang]);
      expect(page).toContain(scenario.policies['herault-measures']!.label![lang]);
      expect(data).toContain(scenario.population.legit[1]!.label![lang]);
    });
  }
});
