/**
 * What a run is judged on: the objective metric policies are ranked by, and gates (pass/fail
 * thresholds, checked by reports/). Metric names mirror engine/result.ts, which scenarios/ may not
 * import (the engine depends on us); a test keeps the two lists equal.
 */
import { z } from 'zod';

export const OBJECTIVE_METRICS = [
  'legit.servedBeforeDeadline',
  'legit.waitDays.p50',
  'legit.waitDays.p90',
  'legit.paidShare',
  'legit.moneyPaidEur',
  'legit.effortMinutes.p50',
  'legit.effortMinutes.p90',
  'bots.captureShare',
  'bots.revenueEur',
  'bots.costEur',
  'slots.wastedShare',
  'traffic.botShare',
  'equity.gap',
] as const;
export type ObjectiveMetric = (typeof OBJECTIVE_METRICS)[number];

/** the direction in which a metric is good for the people who need slots */
const HIGHER_IS_BETTER: Record<ObjectiveMetric, boolean> = {
  'legit.servedBeforeDeadline': true,
  'legit.waitDays.p50': false,
  'legit.waitDays.p90': false,
  'legit.paidShare': false,
  'legit.moneyPaidEur': false,
  'legit.effortMinutes.p50': false,
  'legit.effortMinutes.p90': false,
  'bots.captureShare': false,
  'bots.revenueEur': false,
  'bots.costEur': true,
  'slots.wastedShare': false,
  'traffic.botShare': false,
  'equity.gap': false,
};

export const ObjectiveSchema = z.strictObject({
  metric: z.enum(OBJECTIVE_METRICS).default('legit.servedBeforeDeadline'),
  higherIsBetter: z.boolean().optional().describe('default: the direction that is good for legitimate users'),
}).transform((o) => ({ metric: o.metric, higherIsBetter: o.higherIsBetter ?? HIGHER_IS_BETTER[o.metric] }))
  .default({ metric: 'legit.servedBeforeDeadline', higherIsBetter: true });
export type Objective = z.output<typeof ObjectiveSchema>;

const GATE_RE = /^(mean|low|high|min|max|p\((\d{1,2}(\.\d+)?)\))\s*(<=|>=|<|>|==)\s*-?\d+(\.\d+)?$/;
export const GateMetric = z.string().regex(/^[a-z][A-Za-z]*(\.[A-Za-z0-9]+)+$/, 'expected a metric name such as "legit.servedBeforeDeadline"');
export const GateExpression = z.string().regex(GATE_RE, 'expected a threshold such as "mean>=0.8" or "p(95)<500"');
export const GatesSchema = z.record(GateMetric, z.array(GateExpression).min(1)).default({});
