/**
 * summary.md: short enough for a pull-request comment. Headline sentences, policies against key
 * metrics with intervals (and a live run's latency and ledgers), and the ranking with its
 * caveats. Scenario text is escaped so a name cannot break the table or inject markup.
 */
import type { MetricName, RunResult } from '../engine/result.js';
import type { Lang } from './i18n/format.js';
import { Texts } from './i18n/texts.js';
import { gatesMarkdown } from './gates/gate-table.js';
import { liveSectionMarkdown, liveWarning } from './markdown-live.js';
import { headlines } from './model/headlines.js';
import { rankPolicies, singleReplication } from './model/ranking.js';

const KEY_METRICS: MetricName[] = [
  'legit.servedBeforeDeadline',
  'legit.waitDays.p50',
  'bots.captureShare',
  'legit.moneyPaidEur',
  'slots.wastedShare',
  'traffic.botShare',
  'equity.gap',
];

/** Markdown-inert text on one line: no emphasis, links, HTML or table breaks from user strings. */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_{}|~#!]/g, (c) => `\\${c}`)
    // A bracket only makes a link or reference when "](" "][" or "]:" follows it.
    .replace(/\]([([:])/g, '\\]$1')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function renderMarkdown(result: RunResult, lang: Lang): string {
  const tx = new Texts(lang, result);
  const e = escapeMarkdown;
  const s = result.scenario;
  const out: string[] = [];
  out.push(`## ${e(tx.t('doc.title', { scenario: tx.scenarioTitle }))}`, '');
  out.push(`_${e(tx.t('doc.meta', {
    policies: tx.count('policies', result.policies.length),
    replications: tx.count('replications', result.replications),
    seed: String(result.seed),
    days: tx.count('days', s.durationDays),
    start: tx.fmt.date(s.start),
  }))}_`, '');
  out.push(...liveWarning(result, tx, e));
  // a CI reader looks for the verdict first
  out.push(...gatesMarkdown(result, tx, e));
  out.push(singleReplication(result)
    ? `> **${e(tx.t('note.noInterval'))}**`
    : `> ${e(tx.t('note.intervals', { ci: tx.ci, replications: tx.count('replications', result.replications) }))}`, '');

  out.push(`### ${e(tx.t('section.headlines'))}`, '');
  for (const h of headlines(result, tx)) out.push(`- ${e(h.text)}`);
  out.push('');

  out.push(`### ${e(tx.t('section.figures'))}`, '');
  const metrics = KEY_METRICS.includes(s.objective.metric) ? KEY_METRICS : [s.objective.metric, ...KEY_METRICS];
  out.push(`| ${e(tx.t('table.indicator'))} | ${result.policies.map((p) => e(tx.policyShort(p.name))).join(' | ')} |`);
  out.push(`| --- | ${result.policies.map(() => '---:').join(' | ')} |`);
  for (const m of metrics) {
    const label = m === s.objective.metric ? `**${e(tx.metricLabel(m))}** (${e(tx.t('table.objective'))})` : e(tx.metricLabel(m));
    out.push(`| ${label} | ${result.policies.map((p) => e(tx.metric(m, p.summary[m]))).join(' | ')} |`);
  }
  out.push('');
  out.push(...liveSectionMarkdown(result, tx, e));

  const r = rankPolicies(result);
  out.push(`### ${e(tx.t('section.ranking'))}`, '');
  out.push(e(tx.t('ranking.intro', { metric: tx.metricLabel(r.metric), direction: tx.t(r.higherIsBetter ? 'ranking.higher' : 'ranking.lower') })), '');
  for (const entry of r.entries) {
    const tie = entry.tiedWith.length > 0 && !r.noInterval
      ? ` — ${e(tx.t('ranking.tied', { others: tx.fmt.list(entry.tiedWith.map((n) => tx.policyShort(n))) }))}`
      : '';
    out.push(`${entry.rank}. **${e(tx.policyShort(entry.name))}** ${e(tx.metric(r.metric, entry.value))}${tie}`);
  }
  out.push('');
  if (r.entries.length < 2) out.push(e(tx.t('ranking.onlyOne')), '');
  else if (r.noInterval) out.push(e(tx.t('ranking.noInterval')), '');
  else if (!r.anyOverlap) out.push(e(tx.t('ranking.apart')), '');
  return `${out.join('\n').trimEnd()}\n`;
}
