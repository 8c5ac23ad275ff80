/** The sections of report.html, each a function of the result and the language's texts. */
import { METRICS } from '../../engine/result.js';
import type { RunResult } from '../../engine/result.js';
import type { ChartsModel, ChartSpec } from '../charts.js';
import type { Texts } from '../i18n/texts.js';
import { headlines } from '../model/headlines.js';
import { rankPolicies, singleReplication } from '../model/ranking.js';
import { html, raw, type Raw } from './escape.js';

/** `live`: the result has live blocks, so the contents list the live section. */
export function header(result: RunResult, tx: Texts, live = false): Raw {
  const s = result.scenario;
  const meta = tx.t('doc.meta', {
    policies: tx.count('policies', result.policies.length),
    replications: tx.count('replications', result.replications),
    seed: String(result.seed),
    days: tx.count('days', s.durationDays),
    start: tx.fmt.date(s.start),
  });
  const note = singleReplication(result)
    ? html`<p class="note warning" role="note">${tx.t('note.noInterval')}</p>`
    : html`<p class="note" role="note">${tx.t('note.intervals', { ci: tx.ci, replications: tx.count('replications', result.replications) })}</p>`;
  const links: [string, string][] = [
    ['headlines', tx.t('section.headlines')], ['ranking', tx.t('section.ranking')], ['figures', tx.t('section.figures')],
    ['charts', tx.t('section.charts')], ...(live ? [['live', tx.t('section.live')] as [string, string]] : []),
    ['policies', tx.t('section.policies')], ['methods', tx.t('section.methods')],
  ];
  return html`<header>
<h1>${tx.t('doc.title', { scenario: tx.scenarioTitle })}</h1>
<p class="question">${tx.t('doc.question')}</p>
${tx.scenarioDescription ? html`<p>${tx.scenarioDescription}</p>` : ''}
<p class="meta">${meta}</p>
<nav aria-label="${tx.t('nav.contents')}"><ul>${links.map(([id, label]) => html`<li><a href="#${id}">${label}</a></li>`)}</ul></nav>
${note}
</header>`;
}

/** Escaped `text` with the first occurrence of `part` in bold, so a reader can scan for the policy. */
function boldFirst(text: string, part: string): Raw {
  const at = text.indexOf(part);
  if (at < 0 || part === '') return html`${text}`;
  return html`${text.slice(0, at)}<strong>${part}</strong>${text.slice(at + part.length)}`;
}

export function headlineSection(result: RunResult, tx: Texts): Raw {
  return html`<section id="headlines" aria-labelledby="h-headlines">
<h2 id="h-headlines">${tx.t('section.headlines')}</h2>
<ul class="headlines">${headlines(result, tx).map((h) => html`<li>${boldFirst(h.text, h.lead)}</li>`)}</ul>
</section>`;
}

export function rankingSection(result: RunResult, tx: Texts): Raw {
  const r = rankPolicies(result);
  const direction = tx.t(r.higherIsBetter ? 'ranking.higher' : 'ranking.lower');
  const intro = tx.t('ranking.intro', { metric: tx.metricLabel(r.metric), direction });
  let closing: string;
  if (r.entries.length < 2) closing = tx.t('ranking.onlyOne');
  else if (r.noInterval) closing = tx.t('ranking.noInterval');
  else closing = r.anyOverlap ? '' : tx.t('ranking.apart');
  const items = r.entries.map((e) => html`<li><strong>${tx.policyShort(e.name)}</strong>${tx.t('punct.colon')}<span class="value">${tx.metric(r.metric, e.value)}</span>${
    e.tiedWith.length > 0 && !r.noInterval
      ? html`<span class="tie">${tx.t('ranking.tied', { others: tx.fmt.list(e.tiedWith.map((n) => tx.policyShort(n))) })}</span>`
      : ''}</li>`);
  return html`<section id="ranking" aria-labelledby="h-ranking">
<h2 id="h-ranking">${tx.t('section.ranking')}</h2>
<p>${intro}</p>
<ol class="ranking">${items}</ol>
${closing ? html`<p>${closing}</p>` : ''}
</section>`;
}

/**
 * "229 186 € [227 374–230 997]" as the mean and, on its own line, the interval: seven policies fit
 * side by side instead of scrolling sideways.
 */
function meanThenInterval(text: string): Raw {
  const at = text.lastIndexOf(' [');
  if (at < 0) return html`${text}`;
  return html`<span class="mean">${text.slice(0, at)}</span> <span class="ci">${text.slice(at + 1)}</span>`;
}

export function figuresSection(result: RunResult, tx: Texts): Raw {
  const objective = result.scenario.objective.metric;
  const rows = METRICS.map((m) => html`<tr${m === objective ? raw(' class="objective"') : ''}><th scope="row">${tx.metricLabel(m)}${
    m === objective ? html` <span class="visually-hidden">(${tx.t('table.objective')})</span>` : ''}</th>${
    result.policies.map((p) => html`<td class="num">${meanThenInterval(tx.metric(m, p.summary[m]))}</td>`)}</tr>`);
  return html`<section id="figures" aria-labelledby="h-figures">
<h2 id="h-figures">${tx.t('section.figures')}</h2>
<div class="table-wrap"><table class="figures">
<caption class="visually-hidden">${tx.t('section.figures')}</caption>
<thead><tr><th scope="col">${tx.t('table.indicator')}</th>${result.policies.map((p) => html`<th scope="col">${tx.policyShort(p.name)}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
<p class="meta" aria-hidden="true">${tx.t('table.objectiveNote')}</p>
</section>`;
}

function dataTable(spec: ChartSpec, tx: Texts): Raw {
  const [first, ...rest] = spec.table.columns;
  return html`<details><summary>${tx.t('table.numbers')}</summary><div class="table-wrap"><table>
<caption>${spec.table.caption}</caption>
<thead><tr><th scope="col">${first ?? ''}</th>${rest.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
<tbody>${spec.table.rows.map(([head, ...cells]) => html`<tr><th scope="row">${head ?? ''}</th>${cells.map((c) => html`<td class="num">${c}</td>`)}</tr>`)}</tbody>
</table></div></details>`;
}

/** Small multiples: a titled canvas per panel, ids chart-<id>-<k>, drawn by the page's script. */
function panels(spec: ChartSpec, tx: Texts): Raw {
  return html`<div class="multiples${spec.wide ? ' wide' : ''}" role="group" aria-label="${spec.title}. ${spec.caption}">${(spec.panels ?? []).map((p, k) => html`<div class="panel">
<p class="panel-title">${p.title}</p>
<div class="chart-box small"><canvas id="chart-${spec.id}-${k}" role="img" aria-label="${p.title}">${tx.t('table.numbers')}</canvas></div>
</div>`)}</div>`;
}

/** A chart (or a set of small ones) with its caption and the table of its numbers. */
export function chartFigure(spec: ChartSpec, tx: Texts): Raw {
  return html`<figure id="fig-${spec.id}" aria-labelledby="t-${spec.id}">
<h3 id="t-${spec.id}">${spec.title}</h3>
${spec.panels ? panels(spec, tx) : html`<div class="chart-box"><canvas id="chart-${spec.id}" role="img" aria-label="${spec.title}. ${spec.caption}">${tx.t('table.numbers')}</canvas></div>`}
<figcaption>${spec.caption}</figcaption>
${dataTable(spec, tx)}
</figure>`;
}

export function chartsSection(model: ChartsModel, tx: Texts): Raw {
  const figures = model.charts.map((spec) => chartFigure(spec, tx));
  const notes = model.notes.map((n) => html`<figure id="fig-${n.id}" aria-labelledby="t-${n.id}"><h3 id="t-${n.id}">${n.title}</h3><p>${n.text}</p></figure>`);
  return html`<section id="charts" aria-labelledby="h-charts">
<h2 id="h-charts">${tx.t('section.charts')}</h2>
${figures}${notes}
</section>`;
}

export function policiesSection(result: RunResult, tx: Texts): Raw {
  return html`<section id="policies" aria-labelledby="h-policies">
<h2 id="h-policies">${tx.t('section.policies')}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${tx.t('table.policy')}</th><th scope="col">${tx.t('table.description')}</th><th scope="col">${tx.t('table.settings')}</th></tr></thead>
<tbody>${result.policies.map((p) => html`<tr><th scope="row">${tx.policyShort(p.name)}</th><td>${tx.policyDescription(p.name) ?? '–'}</td><td><details><summary>${tx.t('table.show')}</summary><pre>${JSON.stringify(p.policy, null, 2) ?? ''}</pre></details></td></tr>`)}</tbody>
</table></div>
</section>`;
}

export function methodsSection(result: RunResult, tx: Texts): Raw {
  const s = result.scenario;
  const seeds = [...new Set(result.policies.flatMap((p) => p.runs.map((r) => r.seed)))];
  const shownSeeds = seeds.length > 8 ? [...seeds.slice(0, 8).map(String), '…'] : seeds.map(String);
  const facts: [string, string | Raw][] = [
    [tx.t('methods.scenario'), tx.scenarioTitle],
    [tx.t('methods.file'), html`<code>${s.file}</code>`],
    [tx.t('methods.period'), tx.t('methods.periodValue', { days: tx.count('days', s.durationDays), start: tx.fmt.date(s.start) })],
    [tx.t('methods.seed'), tx.t('methods.seedValue', { seed: String(result.seed) })],
    [tx.t('methods.replications'), tx.t('methods.replicationsValue', { replications: tx.count('replications', result.replications), seeds: shownSeeds.join(', ') })],
    [tx.t('methods.objective'), `${tx.metricLabel(s.objective.metric)} (${tx.t(s.objective.higherIsBetter ? 'ranking.higher' : 'ranking.lower')})`],
    // the engine's own record of the method (result.intervalMethod) is English: the sentence says it in the reader's language
    [tx.t('methods.intervals'), tx.t('methods.intervalsValue', { ci: tx.ci })],
  ];
  const list = (items: string[], empty: string): Raw => (items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : html`<p>${empty}</p>`);
  return html`<section id="methods" aria-labelledby="h-methods">
<h2 id="h-methods">${tx.t('section.methods')}</h2>
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
<h3>${tx.t('section.assumptions')}</h3>
${list(tx.assumptions, tx.t('methods.noAssumptions'))}
<h3>${tx.t('section.sources')}</h3>
${list(tx.sources, tx.t('methods.noSources'))}
<h3>${tx.t('section.definitions')}</h3>
<dl class="definitions">${METRICS.map((m) => html`<dt>${tx.metricLabel(m)}</dt><dd>${tx.metricDefinition(m)}</dd>`)}</dl>
</section>`;
}
