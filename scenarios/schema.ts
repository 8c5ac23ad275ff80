/**
 * The scenario file: what is simulated (target counters and policy), who takes part
 * (population), how long and how often (duration, replications), and what counts (objective,
 * gates). Contract shared with engine/ and bots/: field names are stable, every object is
 * strict, defaults are applied in the output type.
 */
import { z } from 'zod';
import { atMost, CountersSchema, PolicySchema } from '../target/domain/policy.js';
import type { Policy } from '../target/domain/policy.js';
import { MAX, RunLength } from './schema/bounds.js';
import { DateString, LocalText, PositiveDuration } from './schema/common.js';
import { crossCheck } from './schema/cross-checks.js';
import { LoadSchema } from './schema/load.js';
import { GatesSchema, ObjectiveSchema } from './schema/outcomes.js';
import { BASELINE, BaselineSchema, mergePolicy, PolicyName, PolicyOverrideSchema } from './schema/policies.js';
import { LiveSchema } from './schema/live.js';
import { MarketSchema, PopulationSchema } from './schema/population.js';

export const TargetSchema = z.strictObject({
  counters: CountersSchema.describe('the counters (guichets) and their opening calendar'),
  registry: z.boolean().default(true).describe("legitimate users' AGDREF numbers are known to the registry"),
});

export const ScenarioSchema = z.strictObject({
  $schema: z.string().optional().describe('path or URL of this JSON Schema, for editors'),
  name: z.string().min(1).describe('what the scenario is, in one line; reports show `label` instead when given'),
  label: LocalText.optional().describe('title shown in reports: text, or { fr: …, en: … }; default `name`'),
  description: LocalText.optional().describe('what the scenario asks, for the report: text, or { fr: …, en: … }'),
  seed: z.number().int().min(0).default(1).describe('run seed: same scenario + same seed = same result'),
  start: DateString.describe('first day of the run, YYYY-MM-DD (Europe/Paris midnight)'),
  duration: PositiveDuration.describe('length of the run, e.g. "26w" or "365d", at most "520w"'),
  warmup: RunLength.default('0d').describe('metrics count only users arriving after it (lets queues fill), at most "520w"'),
  objective: ObjectiveSchema.describe('the metric policies are ranked on'),
  sources: z.array(LocalText).default([]).describe('figures behind the numbers; each text, or { fr: …, en: … }'),
  assumptions: z.array(LocalText).default([]).describe('what the figures take for granted; each text, or { fr: …, en: … }'),
  target: TargetSchema,
  policy: PolicySchema.describe('the baseline policy: release, measures, flaws (its name in reports: `baseline`)'),
  baseline: BaselineSchema.optional().describe(
    'how reports name `policy`: label and description, each text or { fr: …, en: … }; without a label it reads '
    + '"baseline" / "référence", or the scenario\'s own label when there is no `policies:`'),
  policies: z.record(PolicyName, PolicyOverrideSchema)
    .refine((p) => Object.keys(p).length <= MAX.policies, `at most ${MAX.policies} alternative policies`).default({})
    .describe('alternative policies compared side by side with the baseline, merged over `policy`; at most 50'),
  population: PopulationSchema,
  market: MarketSchema,
  replications: z.number().int().min(1).max(MAX.replications, atMost(MAX.replications)).default(10).describe('runs per policy, at most 1,000'),
  gates: GatesSchema.default({}).describe(
    'pass/fail thresholds checked for every policy (`guichet run --gate`, `guichet gate`; exit 99 when one fails), '
    + 'e.g. legit.servedBeforeDeadline: ["mean>=0.8", "low>=0.75"]; a policy adds its own in `gates:`'),
  live: LiveSchema.optional().describe('how the scenario runs with `--mode live`: race speed and window, timeouts, driver; live runs only'),
  load: LoadSchema.default([]).describe(
    'raw floods (autocannon) sent while the agents run, each bounded in seconds and requests; live runs only '
    + '(`guichet run --mode live`): a simulation sends no request'),
}).superRefine((value, ctx) => {
  crossCheck(value, ({ path, message, hint, input }) => {
    ctx.addIssue({ code: 'custom', path, message, input, ...(hint ? { params: { hint } } : {}) });
  });
}, { when: () => true }).meta({
  title: 'guichet scenario',
  description: 'A load-simulation scenario for an appointment booking system: counters, release policy and '
    + 'anti-bot measures, legitimate users and scalper crews. See scenarios/*.yaml for examples.',
});

export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;

export interface EffectivePolicy {
  name: string;
  /** absent: reports use their own word for the baseline, or the key */
  label?: LocalText;
  description?: LocalText;
  policy: Policy;
}

/** The scenario's title for reports: its label, else its name in both languages. */
export function scenarioLabel(s: Scenario): LocalText {
  return s.label ?? { fr: s.name, en: s.name };
}

/** The policies a run compares: 'baseline' (the scenario's `policy`) first, then `policies` in file order. */
export function effectivePolicies(s: Scenario): EffectivePolicy[] {
  // a scenario about one policy is named after it: "baseline" would say nothing (a lottery is no baseline)
  const baseLabel = s.baseline?.label ?? (Object.keys(s.policies).length === 0 ? scenarioLabel(s) : undefined);
  const out: EffectivePolicy[] = [withWords({ name: BASELINE, policy: s.policy }, baseLabel, s.baseline?.description)];
  for (const [name, override] of Object.entries(s.policies)) {
    out.push(withWords({ name, policy: mergePolicy(s.policy, override) }, override.label, override.description));
  }
  return out;
}

function withWords(p: EffectivePolicy, label: LocalText | undefined, description: LocalText | undefined): EffectivePolicy {
  return { name: p.name, ...(label ? { label } : {}), ...(description ? { description } : {}), policy: p.policy };
}

export { BASELINE, mergePolicy } from './schema/policies.js';
export type { LocalText } from './schema/common.js';
export type { PolicyOverride } from './schema/policies.js';
export { OBJECTIVE_METRICS } from './schema/outcomes.js';
export type { Objective, ObjectiveMetric } from './schema/outcomes.js';
export { STRATEGIES } from './schema/population.js';
export type { LoadEntry } from './schema/load.js';
export { FLOOD_ONE_IP, loadPath } from './schema/load.js';
export type { CaptchaSolver, CrewBusiness, LegitGroup, Market, Population, ScalperCrew, Strategy } from './schema/population.js';
export type { Policy } from '../target/domain/policy.js';
