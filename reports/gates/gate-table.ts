/**
 * The gates table at the top of report.html and summary.md: one row per gate and policy, green
 * when it holds, red when it fails, with the observed figure and its interval in the metric's
 * own scale (the scale thresholds are written in).
 */
import type { GateCheck, RunResult } from '../../engine/result.js';
import { html, type Raw } from '../html/escape.js';
import type { Texts } from '../i18n/texts.js';
import { figure, shownInterval } from './junit.js';

interface Row { policy: string; check: GateCheck }

function rows(result: RunResult): Row[] {
  return (result.gates?.policies ?? []).flatMap((p) => p.checks.map((check) => ({ policy: p.policy, check })));
}

function observedText(c: GateCheck, tx: Texts): string {
  if (c.observed === null) return tx.t('gates.notMeasured');
  const iv = shownInterval(c.metric, c.interval);
  return iv && iv.n > 1 ? `${figure(c.observed)} [${figure(iv.low)} – ${figure(iv.high)}]` : figure(c.observed);
}

function verdict(all: Row[], tx: Texts): string {
  const failed = all.filter((r) => !r.check.pass).length;
  return failed === 0 ? tx.t('gates.allPass', { n: String(all.length) }) : tx.t('gates.someFail', { failed: String(failed), n: String(all.length) });
}

/** Lines of summary.md (none when the scenario has no gates); `e` escapes scenario text. */
export function gatesMarkdown(result: RunResult, tx: Texts, e: (s: string) => string): string[] {
  const all = rows(result);
  if (all.length === 0) return [];
  const out = [`### ${e(tx.t('section.gates'))}`, '', `**${e(verdict(all, tx))}**`, ''];
  out.push(`| ${[tx.t('gates.col.outcome'), tx.t('gates.col.policy'), tx.t('gates.col.gate'), tx.t('gates.col.observed')].map(e).join(' | ')} |`);
  out.push('| --- | --- | --- | ---: |');
  for (const { policy, check } of all) {
    const outcome = check.pass ? `🟢 ${e(tx.t('gates.pass'))}` : `🔴 **${e(tx.t('gates.fail'))}**`;
    out.push(`| ${outcome} | ${e(tx.policyShort(policy))} | ${e(`${check.metric} ${check.expression}`)} | ${e(observedText(check, tx))} |`);
  }
  out.push('');
  return out;
}

/** The section of report.html, or '' when the scenario has no gates. */
export function gatesSection(result: RunResult, tx: Texts): Raw | '' {
  const all = rows(result);
  if (all.length === 0) return '';
  const failed = all.some((r) => !r.check.pass);
  return html`<section id="gates" class="gates ${failed ? 'gates-fail' : 'gates-pass'}" aria-labelledby="h-gates">
<h2 id="h-gates">${tx.t('section.gates')}</h2>
<p><strong>${verdict(all, tx)}</strong></p>
<table><thead><tr><th>${tx.t('gates.col.outcome')}</th><th>${tx.t('gates.col.policy')}</th><th>${tx.t('gates.col.gate')}</th><th>${tx.t('gates.col.observed')}</th></tr></thead>
<tbody>${all.map(({ policy, check }) => html`<tr class="${check.pass ? 'gate-pass' : 'gate-fail'}"><td>${check.pass ? tx.t('gates.pass') : tx.t('gates.fail')}</td><td>${tx.policyShort(policy)}</td><td><code>${check.metric} ${check.expression}</code></td><td class="num">${observedText(check, tx)}</td></tr>`)}</tbody></table>
</section>`;
}
