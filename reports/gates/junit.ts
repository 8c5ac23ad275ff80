/**
 * JUnit XML, the format CI systems read test outcomes from: one <testsuite> per policy, one
 * <testcase> per gate (its name is the metric and threshold), a <failure> that says the
 * observed value, its interval and the limit. A baseline comparison adds one testcase per
 * metric: failed when it regressed, skipped when the replications cannot tell.
 */
import { clampToDomain, isMetricName, METRIC_CATALOGUE, type GateCheck, type GatesResult, type Interval } from '../../engine/result.js';
import type { BaselineComparison, MetricComparison } from './baseline.js';

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string)
    // characters XML 1.0 cannot carry at all
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');
}

/** Plain figures for logs: up to 4 significant digits, no exponent for everyday values. */
export function figure(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(4)));
}

export function intervalText(iv: Interval | undefined): string {
  if (!iv) return 'no interval';
  return iv.n < 2 ? `single replication, no interval` : `95 % interval ${figure(iv.low)}..${figure(iv.high)} over ${iv.n} replications`;
}

/** The interval as the reports show it: a bound past 0 % or 100 % at the edge of what the metric can take. */
export function shownInterval(metric: string, iv: Interval | undefined): Interval | undefined {
  if (!iv || !isMetricName(metric)) return iv;
  const { domain } = METRIC_CATALOGUE[metric];
  return { ...iv, low: clampToDomain(domain, iv.low), high: clampToDomain(domain, iv.high) };
}

/** "bots.captureShare mean<0.1: observed 0.23 (95 % interval 0.2..0.26 over 10 replications), limit 0.1" */
export function gateMessage(c: GateCheck): string {
  const limit = /-?\d+(?:\.\d+)?(?:e-?\d+)?\s*$/.exec(c.expression)?.[0].trim() ?? '';
  if (c.observed === null) return `${c.metric} ${c.expression}: not measured in this run (a live metric needs --mode live; a policy or crew that did not run)`;
  return `${c.metric} ${c.expression}: observed ${figure(c.observed)} (${intervalText(shownInterval(c.metric, c.interval))}), limit ${limit}`;
}

export function comparisonMessage(c: MetricComparison): string {
  const what = c.verdict === 'regressed' ? 'regressed' : c.verdict === 'unclear' ? 'not enough replications to tell' : 'held';
  return `${c.metric}: ${what}: ${figure(c.current.mean)} (${intervalText(shownInterval(c.metric, c.current))}) against baseline ${figure(c.baseline.mean)} (${intervalText(shownInterval(c.metric, c.baseline))}), tolerance ${figure(c.tolerance)}`;
}

interface Case { name: string; failure?: string; skipped?: string }

export function renderJunit(gates: GatesResult | undefined, comparison?: BaselineComparison, suiteName = 'guichet gates'): string {
  const suites = new Map<string, Case[]>();
  const add = (policy: string, c: Case) => { suites.set(policy, [...(suites.get(policy) ?? []), c]); };
  for (const p of gates?.policies ?? []) {
    for (const c of p.checks) add(p.policy, { name: `${c.metric} ${c.expression}`, ...(c.pass ? {} : { failure: gateMessage(c) }) });
  }
  for (const c of comparison?.comparisons ?? []) {
    const name = `baseline ${c.metric}`;
    if (c.verdict === 'regressed') add(c.policy, { name, failure: comparisonMessage(c) });
    else if (c.verdict === 'unclear') add(c.policy, { name, skipped: comparisonMessage(c) });
    else add(c.policy, { name });
  }
  const all = [...suites.values()].flat();
  const count = (cases: Case[]) => ({ tests: cases.length, failures: cases.filter((c) => c.failure).length, skipped: cases.filter((c) => c.skipped).length });
  const total = count(all);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlEscape(suiteName)}" tests="${total.tests}" failures="${total.failures}" skipped="${total.skipped}">`];
  for (const [policy, cases] of suites) {
    const n = count(cases);
    lines.push(`  <testsuite name="${xmlEscape(policy)}" tests="${n.tests}" failures="${n.failures}" skipped="${n.skipped}" errors="0">`);
    for (const c of cases) {
      const open = `    <testcase classname="${xmlEscape(policy)}" name="${xmlEscape(c.name)}"`;
      if (c.failure) lines.push(`${open}>`, `      <failure message="${xmlEscape(c.failure)}" type="gate">${xmlEscape(c.failure)}</failure>`, '    </testcase>');
      else if (c.skipped) lines.push(`${open}>`, `      <skipped message="${xmlEscape(c.skipped)}"/>`, '    </testcase>');
      else lines.push(`${open}/>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
