/**
 * report.html: one self-contained page (chart.js inlined, no network) that opens from file://.
 * A Content-Security-Policy with hashes of our own inline code stops anything else from running,
 * a second line of defence behind the escaping of scenario text.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RunResult } from '../../engine/result.js';
import { buildCharts } from '../charts.js';
import { buildLiveCharts } from '../live-charts.js';
import { LOCALE, type Lang } from '../i18n/format.js';
import { Texts } from '../i18n/texts.js';
import { html, jsonForScript, raw, scriptBody } from './escape.js';
import { gatesSection } from '../gates/gate-table.js';
import { liveBanner, liveSection } from './live-section.js';
import { RUNTIME } from './runtime.js';
import {
  chartsSection, figuresSection, header, headlineSection, methodsSection, policiesSection, rankingSection,
} from './sections.js';
import { STYLE } from './style.js';

let chartJsCache: string | undefined;

/** chart.js's UMD bundle, read from the installed package (not in its `exports`, so found beside the main file). */
export function chartJsSource(): string {
  if (chartJsCache === undefined) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    const file = join(dirname(main), 'chart.umd.min.js');
    try {
      chartJsCache = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read chart.js bundle at ${file} (is the chart.js package installed?): ${(error as Error).message}`);
    }
  }
  return chartJsCache;
}

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export function renderHtml(result: RunResult, lang: Lang): string {
  const tx = new Texts(lang, result);
  const model = buildCharts(result, tx);
  // a live run adds its section (and, when the ledgers differ, a banner above everything)
  const live = buildLiveCharts(result, tx);
  const hasLive = live.lives.length > 0;
  const data = jsonForScript({ locale: LOCALE[lang], charts: [...model.charts, ...live.charts] });
  const chartJs = scriptBody(chartJsSource());
  const runtime = scriptBody(RUNTIME);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(chartJs)} ${sha256(runtime)}`,
    `style-src ${sha256(STYLE)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const body = html`<main>
${liveBanner(live.lives, tx)}
${header(result, tx, hasLive)}
${gatesSection(result, tx)}
${headlineSection(result, tx)}
${rankingSection(result, tx)}
${figuresSection(result, tx)}
${chartsSection(model, tx)}
${liveSection(live, tx)}
${policiesSection(result, tx)}
${methodsSection(result, tx)}
<footer><p>${tx.t(hasLive ? 'doc.footer.live' : 'doc.footer')}</p></footer>
</main>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
${html`<title>${tx.t('doc.title', { scenario: tx.scenarioTitle })}</title>`}
<style>${STYLE}</style>
</head>
<body>
${body}
<script type="application/json" id="guichet-data">${raw(data)}</script>
<script>${chartJs}</script>
<script>${runtime}</script>
</body>
</html>
`;
}
