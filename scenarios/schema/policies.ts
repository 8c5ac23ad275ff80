/**
 * Alternative policies compared side by side with the scenario's own `policy` (the baseline).
 * An override replaces `release` and `flaws` when given and merges `measures` key by key;
 * `null` switches a measure of the baseline off.
 */
import { z } from 'zod';
import { FLAWS, MeasuresSchema, PolicySchema, ReleaseSchema } from '../../target/domain/policy.js';
import type { Policy } from '../../target/domain/policy.js';
import { ID_RE, LocalText } from './common.js';
import { GatesSchema } from './outcomes.js';

type MeasureShape = typeof MeasuresSchema.shape;
type MeasureKey = keyof MeasureShape;
type OverrideShape = { [K in MeasureKey]: z.ZodOptional<z.ZodNullable<ReturnType<MeasureShape[K]['unwrap']>>> };

const overrideShape = Object.fromEntries(
  Object.entries(MeasuresSchema.shape).map(([key, schema]) => [key, schema.unwrap().nullable().optional()]),
) as OverrideShape;

export const MeasuresOverrideSchema = z.strictObject(overrideShape);

/** Words shown for a policy in reports; they change nothing in how it runs. */
const labelFields = {
  label: LocalText.optional().describe('short name shown in charts and tables: text, or { fr: …, en: … }; default the key'),
  description: LocalText.optional().describe('one sentence saying what the policy does: text, or { fr: …, en: … }'),
};

/**
 * How reports name the scenario's own `policy` (it has no key to default to). Without it the
 * baseline reads "baseline" / "référence", or, in a scenario without `policies:`, the scenario's
 * own label: its only policy is what the scenario is about.
 */
export const BaselineSchema = z.strictObject({ ...labelFields, gates: policyGates() });

/** A policy's own gates: for a metric it names, they replace the scenario-wide ones. */
function policyGates() {
  return GatesSchema.optional().describe('gates for this policy only; for a metric named here they replace the scenario\'s `gates:` of that metric');
}

export const PolicyOverrideSchema = z.strictObject({
  ...labelFields,
  release: ReleaseSchema.optional().describe('replaces the baseline release'),
  measures: MeasuresOverrideSchema.optional().describe('merged over the baseline measures; null switches one off'),
  flaws: z.array(z.enum(FLAWS)).optional().describe('replaces the baseline flaws'),
  gates: policyGates(),
});
export type PolicyOverride = z.output<typeof PolicyOverrideSchema>;

export const BASELINE = 'baseline';

export const PolicyName = z.string()
  .regex(ID_RE, 'expected a lowercase policy name such as "random-release"')
  .refine((name) => name !== BASELINE, `"${BASELINE}" is the name of the scenario's own policy; pick another name`);

/** The policy an override describes, validated again as a whole. */
export function mergePolicy(base: Policy, override: PolicyOverride): Policy {
  const measures: Record<string, unknown> = { ...base.measures };
  for (const [key, value] of Object.entries(override.measures ?? {})) {
    if (value === null) delete measures[key];
    else if (value !== undefined) measures[key] = value;
  }
  return PolicySchema.parse({
    release: override.release ?? base.release,
    measures,
    flaws: override.flaws ?? base.flaws,
  });
}
