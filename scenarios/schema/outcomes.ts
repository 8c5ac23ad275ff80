/**
 * What a run is judged on: the objective metric policies are ranked by, and gates (pass/fail
 * thresholds, checked by reports/). The metric names and their good direction come from the one
 * metric catalogue, scenarios/metrics.ts.
 */
import { z } from 'zod';
import { METRIC_CATALOGUE, METRIC_NAMES, type MetricName } from '../metrics.js';

export const OBJECTIVE_METRICS = METRIC_NAMES;
export type ObjectiveMetric = MetricName;

export const ObjectiveSchema = z.strictObject({
  metric: z.enum(OBJECTIVE_METRICS).default('legit.servedBeforeDeadline'),
  higherIsBetter: z.boolean().optional().describe('default: the direction that is good for legitimate users'),
}).transform((o) => ({ metric: o.metric, higherIsBetter: o.higherIsBetter ?? METRIC_CATALOGUE[o.metric].higherIsBetter }))
  .default({ metric: 'legit.servedBeforeDeadline', higherIsBetter: true });
export type Objective = z.output<typeof ObjectiveSchema>;

const GATE_RE = /^(mean|low|high|min|max|p\((\d{1,2}(\.\d+)?)\))\s*(<=|>=|<|>|==)\s*-?\d+(\.\d+)?$/;
export const GateMetric = z.string().regex(/^[a-z][A-Za-z]*(\.[A-Za-z0-9]+)+$/, 'expected a metric name such as "legit.servedBeforeDeadline"');
export const GateExpression = z.string().regex(GATE_RE, 'expected a threshold such as "mean>=0.8" or "p(95)<500"');
export const GatesSchema = z.record(GateMetric, z.array(GateExpression).min(1)).default({});
