/**
 * The live part of report.html, present only when the result has live blocks: a red banner at
 * the top when the ledgers did not reconcile, and a section with the traffic and latency charts,
 * the errors per population, the floods and the reconciliation.
 */
import type { LiveCharts } from '../live-charts.js';
import type { Texts } from '../i18n/texts.js';
import { someIds, type LivePolicyFigures } from '../model/live.js';
import { html, type Raw } from './escape.js';
import { chartFigure } from './sections.js';

/** The banner at the top of the report when some replication's ledgers differ; nothing otherwise. */
export function liveBanner(lives: LivePolicyFigures[], tx: Texts): Raw | '' {
  const items = lives.flatMap((l) => l.mismatches.map((m) => {
    const details: string[] = [
      ...(m.missingInTarget.length ? [tx.t('live.banner.missing', { ids: someIds(m.missingInTarget) })] : []),
      ...(m.unknownToHarness.length ? [tx.t('live.banner.unknown', { ids: someIds(m.unknownToHarness) })] : []),
      ...(m.doubleBooked.length ? [tx.t('live.banner.double', { ids: someIds(m.doubleBooked) })] : []),
    ];
    const head = tx.t('live.banner.item', {
      policy: tx.policyShort(l.name), replication: String(m.replication), harness: m.harnessBookings, target: m.targetBookings,
    });
    return html`<li>${head}${details.length ? html`<ul>${details.map((d) => html`<li>${d}</li>`)}</ul>` : ''}</li>`;
  }));
  if (items.length === 0) return '';
  return html`<div class="banner mismatch" role="alert" id="ledger-mismatch">
<p><strong>${tx.t('live.banner.title')}</strong></p>
<ul>${items}</ul>
</div>`;
}

function counts(record: Record<string, number>, tx: Texts, rename: (key: string) => string = (k) => k): string {
  const entries = Object.entries(record).filter(([, v]) => v > 0);
  return entries.length ? entries.map(([k, v]) => `${rename(k)}${tx.t('punct.colon')}${tx.fmt.number(v)}`).join(' · ') : '–';
}

function errorsTable(lives: LivePolicyFigures[], tx: Texts): Raw {
  const status = (k: string): string => (k === '0' ? tx.t('live.noAnswer') : k);
  const rows = lives.flatMap((l) => l.populations.map((p) => html`<tr><th scope="row">${tx.policyShort(l.name)}</th><th scope="row">${tx.populationLabel(p)}</th>
<td class="num">${tx.fmt.number(p.requests)}</td><td class="num">${tx.value('share', p.errorShare)}</td>
<td>${counts(p.statuses, tx, status)}</td><td>${counts(p.rejections, tx)}</td>
<td class="num">${tx.fmt.number(p.timeouts)}</td><td class="num">${tx.fmt.number(p.connectionErrors)}</td></tr>`));
  const columns = ['table.policy', 'table.population', 'table.requests', 'table.withoutAnswer', 'table.statuses', 'table.refusals', 'table.timeouts', 'table.connectionErrors'] as const;
  return html`<figure id="fig-live-errors" aria-labelledby="t-live-errors">
<h3 id="t-live-errors">${tx.t('live.errors.title')}</h3>
<div class="table-wrap"><table class="live-errors">
<thead><tr>${columns.map((c) => html`<th scope="col">${tx.t(c)}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table></div>
<figcaption>${tx.t('live.errors.caption')}</figcaption>
</figure>`;
}

function floods(lives: LivePolicyFigures[], tx: Texts): Raw | '' {
  const lines = lives.flatMap((l) => l.floods.map((f) => tx.t('live.flood', {
    policy: tx.policyShort(l.name), name: f.name, path: f.path, runs: tx.fmt.number(f.runs), rate: tx.fmt.number(f.rate), rps: tx.fmt.number(f.rps),
    p95: tx.fmt.number(f.p95), share: tx.value('share', f.share429),
  })));
  if (lines.length === 0) return '';
  return html`<h3 id="live-floods">${tx.t('live.floods.title')}</h3><ul class="floods">${lines.map((l) => html`<li>${l}</li>`)}</ul>`;
}

export function liveSection(live: LiveCharts, tx: Texts): Raw | '' {
  const first = live.lives[0];
  if (!first) return '';
  const b = first.first;
  const intro = tx.t('live.intro', {
    url: b.target.url, driver: b.target.driver, seconds: tx.fmt.number(b.wallSeconds), speed: tx.fmt.number(b.raceSpeed),
  });
  const mismatch = live.lives.some((l) => l.mismatches.length > 0);
  const bookings = live.lives.reduce((s, l) => s + l.bookings, 0);
  const ledgers = mismatch
    ? html`<p class="ledgers mismatch" role="note"><a href="#ledger-mismatch">${tx.t('live.banner.title')}</a></p>`
    : html`<p class="ledgers ok" role="note">${tx.t('live.reconciled', { bookings: tx.fmt.number(bookings) })}</p>`;
  return html`<section id="live" aria-labelledby="h-live">
<h2 id="h-live">${tx.t('section.live')}</h2>
<p>${intro}</p>
${ledgers}
${live.charts.map((spec) => chartFigure(spec, tx))}
${errorsTable(live.lives, tx)}
${floods(live.lives, tx)}
</section>`;
}
