/**
 * How identity values are compared, in one place: the per-identity limits, the duplicate purge
 * and the lottery's one-entry rule all key people with these functions, on both stores.
 *
 * An e-mail address's key (emailKey) is what one person's address is however it was typed or
 * pasted: Unicode NFKC (so NFD accents, fullwidth letters and ligatures become their plain
 * form), default-ignorable code points dropped (zero-width spaces, soft hyphens, joiners,
 * byte-order marks), surrounding spaces trimmed, case folded (upper- then lower-cased, so "ß"
 * and "SS" meet), the domain's trailing dots dropped ("example.org." is "example.org").
 *
 * Two rules depend on the provider, so a policy turns them on (identityLimit, policy.ts):
 * `emailCanonical: gmail-like` drops a "+tag" and the dots of the local part (Gmail delivers
 * "a.lice+x@" to "alice@"; most providers do not, and there they are other mailboxes), and
 * `confusables: skeleton` maps Cyrillic and Greek look-alike letters to Latin (confusables.ts).
 * The loose key (looseEmailKey) applies both; two addresses equal under any rule have the same
 * loose key, so the stores index it and compare candidates under the policy's own rule.
 *
 * Phone and AGDREF numbers are compared as given, the domain normalises them if a measure needs it.
 */
import type { Identity } from '../domain/types.js';
import type { EmailRule, IdentityField } from '../domain/ports.js';

export type { EmailRule } from '../domain/ports.js';
import { skeleton } from './confusables.js';


/** printable ASCII, no spaces: what nearly every address is, and needs no Unicode work */
const PLAIN_ASCII = /^[!-~]*$/;
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;

function withDomain(key: string, fn: (local: string, domain: string) => string): string {
  const at = key.lastIndexOf('@');
  return at < 0 ? fn(key, '') : fn(key.slice(0, at), key.slice(at + 1));
}

/** The default key of an e-mail address (see above). */
export function emailKey(email: string): string {
  let s = email.trim();
  if (PLAIN_ASCII.test(s)) s = s.toLowerCase();
  else {
    s = s.replace(DEFAULT_IGNORABLE, '').normalize('NFKC').trim();
    s = s.toUpperCase().toLowerCase().normalize('NFKC');
  }
  if (!s.endsWith('.')) return s;
  return withDomain(s, (local, domain) => `${local}@${domain.replace(/\.+$/, '')}`);
}

const gmailLike = (key: string): string => withDomain(key, (local, domain) => {
  const plus = local.indexOf('+');
  return `${(plus < 0 ? local : local.slice(0, plus)).replaceAll('.', '')}@${domain}`;
});

/** True when the rule asks for more than the default key. */
export function isLooseRule(rule: EmailRule | undefined): boolean {
  return rule?.emailCanonical === 'gmail-like' || rule?.confusables === 'skeleton';
}

/** The key of an address under a policy's rule. */
export function emailKeyUnder(email: string, rule: EmailRule | undefined): string {
  let key = emailKey(email);
  if (rule?.emailCanonical === 'gmail-like') key = gmailLike(key);
  if (rule?.confusables === 'skeleton' && !PLAIN_ASCII.test(key)) key = skeleton(key);
  return key;
}

/** The key with every rule applied: equal keys under any rule imply equal loose keys. */
export function looseEmailKey(email: string): string {
  return emailKeyUnder(email, { emailCanonical: 'gmail-like', confusables: 'skeleton' });
}

/** How many of `emails` (candidates sharing `value`'s loose key) are `value` under `rule`. */
export function countSameUnder(emails: readonly string[], value: string, rule: EmailRule | undefined): number {
  const key = emailKeyUnder(value, rule);
  return emails.filter((e) => emailKeyUnder(e, rule) === key).length;
}

/** Of `items` in creation order, those whose address came earlier under `rule`: the duplicates a purge marks. */
export function laterUnder<T>(items: readonly T[], email: (item: T) => string, rule: EmailRule | undefined): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = emailKeyUnder(email(item), rule);
    if (seen.has(key)) return true;
    seen.add(key);
    return false;
  });
}

/** The comparable key of `value` for `field`. */
export function identityKey(field: IdentityField, value: string, rule?: EmailRule): string {
  return field === 'email' ? emailKeyUnder(value, rule) : value;
}

/** The comparable key of an identity's field, or undefined when the identity has none. */
export function identityFieldKey(identity: Identity, field: IdentityField, rule?: EmailRule): string | undefined {
  if (field === 'email') return emailKeyUnder(identity.email, rule);
  return identity[field];
}
