/**
 * What a run is judged on: the objective metric policies are ranked by, and gates (pass/fail
 * thresholds in k6's grammar, scenarios/gates/grammar.ts, checked by reports/gates). The metric
 * names and their good direction come from the one metric catalogue, scenarios/metrics.ts.
 */
import { z } from 'zod';
import { METRIC_CATALOGUE, METRIC_NAMES, type MetricName } from '../metrics.js';
import { GATE_GRAMMAR, parseGate, parseGateMetric } from '../gates/grammar.js';
import { didYouMean } from '../suggest.js';

export const OBJECTIVE_METRICS = METRIC_NAMES;
export type ObjectiveMetric = MetricName;

export const ObjectiveSchema = z.strictObject({
  metric: z.enum(OBJECTIVE_METRICS).default('legit.servedBeforeDeadline'),
  higherIsBetter: z.boolean().optional().describe('default: the direction that is good for legitimate users'),
}).transform((o) => ({ metric: o.metric, higherIsBetter: o.higherIsBetter ?? METRIC_CATALOGUE[o.metric].higherIsBetter }))
  .default({ metric: 'legit.servedBeforeDeadline', higherIsBetter: true });
export type Objective = z.output<typeof ObjectiveSchema>;

const LIVE_EXAMPLES = ['live.latencyMs.people', 'live.errorRate.people'];

/**
 * metric → thresholds. Every unknown metric and every malformed threshold is its own located
 * issue, so one pass reports them all.
 */
export const GatesSchema = z.record(z.string(), z.array(z.string().describe(GATE_GRAMMAR)).min(1))
  .superRefine((gates, ctx) => {
    for (const [metric, expressions] of Object.entries(gates)) {
      const target = parseGateMetric(metric);
      if (!target.ok) {
        const hint = didYouMean(metric, [...METRIC_NAMES, ...LIVE_EXAMPLES]) ?? `metrics: ${METRIC_NAMES.join(', ')}, live.latencyMs.<people|crew>, live.errorRate.<people|crew>`;
        ctx.addIssue({ code: 'custom', path: [metric], message: target.message, input: expressions, params: { hint } });
        continue;
      }
      expressions.forEach((expression, i) => {
        const gate = parseGate(metric, expression);
        if (!gate.ok) ctx.addIssue({ code: 'custom', path: [metric, i], message: gate.message, input: expression, ...(gate.hint ? { params: { hint: gate.hint } } : {}) });
      });
    }
  })
  .describe(`pass/fail thresholds per metric, e.g. legit.servedBeforeDeadline: ["mean>=0.8", "low>=0.75"]; ${GATE_GRAMMAR}`);
export type Gates = z.output<typeof GatesSchema>;
