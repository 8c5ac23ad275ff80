/**
 * What `guichet gate` and `guichet run --gate` print: one line per gate (and per baseline
 * comparison that did not simply hold), and the error that ends a failed gate with status 99.
 */
import type { GatesResult } from '../engine/result.js';
import type { BaselineComparison } from '../reports/gates/baseline.js';
import { comparisonMessage, gateMessage } from '../reports/gates/junit.js';

/** The run worked; the system under test did not pass a gate (exit 99, as k6). */
export class GateFailedError extends Error {
  override name = 'GateFailedError';
}

export function gateLines(gates: GatesResult | undefined, comparison?: BaselineComparison): string[] {
  const lines: string[] = [];
  for (const p of gates?.policies ?? []) {
    for (const c of p.checks) lines.push(`${c.pass ? 'PASS' : 'FAIL'}  ${p.policy}  ${gateMessage(c)}`);
  }
  if (comparison) {
    const moved = comparison.comparisons.filter((c) => c.verdict !== 'held');
    const held = comparison.comparisons.length - moved.length;
    for (const c of moved) lines.push(`${c.verdict === 'regressed' ? 'FAIL' : 'WARN'}  ${c.policy}  baseline ${comparisonMessage(c)}`);
    lines.push(`baseline: ${held} of ${comparison.comparisons.length} metrics within the tolerance (${comparison.tolerance})`);
  }
  return lines;
}

/** How many gates and regressions failed, for the closing message. */
export function failures(gates: GatesResult | undefined, comparison?: BaselineComparison): { gates: number; regressions: number } {
  return {
    gates: (gates?.policies ?? []).reduce((n, p) => n + p.checks.filter((c) => !c.pass).length, 0),
    regressions: comparison?.comparisons.filter((c) => c.verdict === 'regressed').length ?? 0,
  };
}

/** Throws GateFailedError when a gate failed or a metric regressed. */
export function failOnGates(gates: GatesResult | undefined, comparison?: BaselineComparison): void {
  const f = failures(gates, comparison);
  if (f.gates === 0 && f.regressions === 0) return;
  const parts = [...(f.gates ? [`${f.gates} gate${f.gates === 1 ? '' : 's'} failed`] : []), ...(f.regressions ? [`${f.regressions} metric${f.regressions === 1 ? '' : 's'} regressed against the baseline`] : [])];
  throw new GateFailedError(parts.join(', '));
}
