/**
 * Small building blocks of the scenario schema: ids, shares, dates, hours (bounded numbers are in bounds.ts).
 * Messages are written for the person editing the file; the loader adds what they typed.
 */
import { z } from 'zod';
import { Hours } from '../../target/domain/policy.js';
import { DURATION_RE, durationMs } from '../../target/domain/time-units.js';
import { RunLength } from './bounds.js';

export const ID_RE = /^[a-z][a-z0-9-]*$/;
export const Id = z.string().regex(ID_RE, 'expected a lowercase id such as "workers" (a-z, 0-9, -)');

/** a proportion of a population: 0 = nobody, 1 = everybody */
export const Share = z.number().min(0).max(1);

/** "8w" with a value above zero and within the bound of a run; the regex guard keeps durationMs from throwing on bad text */
export const PositiveDuration = RunLength.refine(
  (d) => !DURATION_RE.test(d) || durationMs(d) > 0,
  'must be longer than 0 (e.g. "26w")',
);

/** Hours of policy.ts also lets "24:30" through as an end; activity windows stop at midnight */
export const ActiveHours = Hours.refine((h) => h.length !== 11 || h.slice(6) <= '24:00', 'hours end at "24:00" at the latest');

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Why a "YYYY-MM-DD" text is not a calendar date, or undefined when it is one. */
export function impossibleDate(text: string): string | undefined {
  const m = DATE_RE.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `impossible date "${text}": there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `impossible date "${text}": ${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

/**
 * A calendar date. YAML 1.1 loaders turn 2019-01-07 into a Date: accept it and keep the text form,
 * so the rest of the harness sees one shape.
 */
export const DateString = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string()
    .regex(DATE_RE, 'expected a date "YYYY-MM-DD"')
    .superRefine((text, ctx) => {
      const why = impossibleDate(text);
      if (why) ctx.addIssue({ code: 'custom', message: why, input: text });
    }),
);

/**
 * Text shown to readers, in the report's language: one string for both languages, or
 * `{ fr: …, en: … }`. The output is always the pair, so readers never test which form was written.
 */
export const LocalText = z.union([
  z.string().min(1),
  z.strictObject({ fr: z.string().min(1).describe('French text'), en: z.string().min(1).describe('English text') }),
]).transform((t) => (typeof t === 'string' ? { fr: t, en: t } : t));
export type LocalText = z.output<typeof LocalText>;
