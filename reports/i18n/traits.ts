/**
 * A group's traits in the report's language ("checks ~3×/day, 07:00-23:00", "90 % on a shared
 * IP"…), from the facts the result records about each group. Result files written before those
 * facts existed only carry English phrases: they are shown as they are.
 */
import type { GroupInfo } from '../../engine/result.js';
import type { Texts } from './texts.js';

export function groupTraits(tx: Texts, id: string, recorded: readonly string[] = []): string[] {
  const g = tx.group(id);
  return g ? traitsOf(tx, g) : [...recorded];
}

function traitsOf(tx: Texts, g: GroupInfo): string[] {
  const share = (x: number): string => tx.fmt.percent(x);
  const n = (x: number): string => tx.fmt.number(x, Number.isInteger(x) ? 0 : 1);
  const traits = [
    tx.t('trait.checks', { n: n(g.checksPerDay), hours: g.activeHours }),
    tx.t('trait.captcha', { seconds: n(g.captchaSolveSeconds), fail: share(g.captchaFailRate) }),
  ];
  if (g.sharedIp > 0) traits.push(tx.t('trait.sharedIp', { share: share(g.sharedIp) }));
  if (g.sharedEmail > 0) traits.push(tx.t('trait.sharedEmail', { share: share(g.sharedEmail) }));
  if (g.nameVariant > 1e-9) traits.push(tx.t('trait.nameVariant', { share: share(g.nameVariant) }));
  if (g.buyAfterDays !== undefined) {
    traits.push(tx.t('trait.buys', { days: tx.count('days', g.buyAfterDays), price: tx.fmt.euros(g.willingToPayEur ?? 0) }));
  }
  if (!g.agdref) traits.push(tx.t('trait.noAgdref'));
  return traits;
}
