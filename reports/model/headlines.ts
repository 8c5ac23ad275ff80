/**
 * One plain-text sentence per policy for the reader in a hurry: served before deadline and
 * slots taken by scalpers, each with its interval, compared with the baseline.
 */
import type { PolicyResult, RunResult } from '../../engine/result.js';
import type { Texts } from '../i18n/texts.js';
import { overlaps } from '../../engine/measure/intervals.js';
import { basePolicy } from './ranking.js';

const SERVED = 'legit.servedBeforeDeadline' as const;
const CAPTURE = 'bots.captureShare' as const;

export interface Headline {
  policy: string;
  /** the policy's name as it opens the sentence, for renderers that set it in bold */
  lead: string;
  text: string;
}

function trend(p: PolicyResult, base: PolicyResult): 'down' | 'up' | 'similar' {
  const a = p.summary[CAPTURE];
  const b = base.summary[CAPTURE];
  // under half a percentage point the two read the same once rounded: saying "up from 100 %" would mislead
  if (a.n === 0 || b.n === 0 || Math.abs(a.mean - b.mean) < 0.005 || (a.n > 1 && b.n > 1 && overlaps(a, b))) return 'similar';
  return a.mean < b.mean ? 'down' : 'up';
}

export function headlines(result: RunResult, tx: Texts): Headline[] {
  const base = basePolicy(result);
  const ordered = [base, ...result.policies.filter((p) => p !== base)];
  return ordered.map((p) => {
    const vars = {
      policy: tx.policyLead(p.name),
      served: tx.metric(SERVED, p.summary[SERVED]),
      capture: tx.metric(CAPTURE, p.summary[CAPTURE]),
    };
    const text = p === base
      ? tx.t('headline.single', vars)
      : tx.t(`headline.compare.${trend(p, base)}`, {
        ...vars,
        base: tx.policySentence(base.name),
        baseServed: tx.metric(SERVED, base.summary[SERVED]),
        baseCapture: tx.metric(CAPTURE, base.summary[CAPTURE]),
      });
    return { policy: p.name, lead: vars.policy, text };
  });
}
