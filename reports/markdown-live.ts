/**
 * The live part of summary.md (runs with `--mode live` only): a warning at the top when the
 * ledgers did not reconcile, and a table of each population's latency and errors per policy.
 */
import type { RunResult } from '../engine/result.js';
import type { Texts } from './i18n/texts.js';
import { livePolicy, someIds } from './model/live.js';

type Escape = (s: string) => string;

/** Lines for the top of summary.md when some replication's ledgers differ; none otherwise. */
export function liveWarning(result: RunResult, tx: Texts, e: Escape): string[] {
  const lives = result.policies.flatMap((p) => livePolicy(p) ?? []);
  const items = lives.flatMap((l) => l.mismatches.flatMap((m) => {
    const details = [
      ...(m.missingInTarget.length ? [tx.t('live.banner.missing', { ids: someIds(m.missingInTarget) })] : []),
      ...(m.unknownToHarness.length ? [tx.t('live.banner.unknown', { ids: someIds(m.unknownToHarness) })] : []),
      ...(m.doubleBooked.length ? [tx.t('live.banner.double', { ids: someIds(m.doubleBooked) })] : []),
    ];
    const head = tx.t('live.banner.item', { policy: tx.policyShort(l.name), replication: String(m.replication), harness: m.harnessBookings, target: m.targetBookings });
    return [`> - ${e(head)}`, ...details.map((d) => `>   - ${e(d)}`)];
  }));
  return items.length ? [`> **${e(tx.t('live.banner.title'))}**`, '>', ...items, ''] : [];
}

/** The live section: a row per policy and population, then the reconciliation. */
export function liveSectionMarkdown(result: RunResult, tx: Texts, e: Escape): string[] {
  const lives = result.policies.flatMap((p) => livePolicy(p) ?? []);
  if (lives.length === 0) return [];
  const ms = (x: number) => tx.fmt.number(x);
  const out = [`### ${e(tx.t('section.live'))}`, ''];
  const columns = [tx.t('table.policy'), tx.t('table.population'), tx.t('table.requests'), 'p50 (ms)', 'p95 (ms)', 'p99 (ms)', tx.t('table.withoutAnswer'), tx.t('table.timeouts')];
  out.push(`| ${columns.map(e).join(' | ')} |`, `| --- | --- | ${columns.slice(2).map(() => '---:').join(' | ')} |`);
  for (const l of lives) {
    for (const p of l.populations) {
      out.push(`| ${[tx.policyShort(l.name), tx.populationLabel(p), tx.fmt.number(p.requests), ms(p.p50), ms(p.p95), ms(p.p99), tx.value('share', p.errorShare), tx.fmt.number(p.timeouts)].map(e).join(' | ')} |`);
    }
  }
  out.push('');
  const bookings = lives.reduce((s, l) => s + l.bookings, 0);
  out.push(lives.some((l) => l.mismatches.length > 0) ? `**${e(tx.t('live.banner.title'))}**` : e(tx.t('live.reconciled', { bookings: tx.fmt.number(bookings) })), '');
  return out;
}
