/**
 * Name comparison for the exact-name rule and the registry check. "Exact" at a préfecture
 * counter means the same person's name as written on the papers, not the same bytes: agents
 * accept missing accents, other case, and hyphens, apostrophes or spaces written differently.
 * They do not accept another name ("Martin" for "Martine"), which is what catches a resold
 * convocation.
 */

/** Letters that Unicode decomposition does not reduce to ASCII but every clerk reads as such. */
const FOLDS: Record<string, string> = {
  'đ': 'd', 'ð': 'd', 'ø': 'o', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ł': 'l', 'ı': 'i', 'þ': 'th', 'ħ': 'h', 'ŀ': 'l',
};
const FOLD_RE = new RegExp(`[${Object.keys(FOLDS).join('')}]`, 'gu');
/**
 * Apostrophe-like modifier letters (ʼ ʻ ʽ ʹ, and ʾ ʿ of Arabic transliteration): Unicode files
 * them as letters, but on a form they are apostrophes, so separators.
 */
const MODIFIER_APOSTROPHES = /[\u02B9\u02BB-\u02BF\u02C8]/gu;

/**
 * Comparable form of a name: lower case, accents removed (NFKD then combining marks dropped,
 * plus the FOLDS letters), every run of non-letters/non-digits (hyphens, apostrophes ’ ' ʼ `,
 * dots, spaces, …) turned into one space, trimmed.
 * "  N’DIAYE-Ép. " → "n diaye ep"; "Nguyễn Thị" → "nguyen thi"; "İlkay Yıldız" → "ilkay yildiz".
 */
export function normalizeName(s: string): string {
  return s
    // lower case first: 'İ' becomes 'i' + combining dot, which the mark stripping then removes
    .toLowerCase()
    .replace(FOLD_RE, (c) => FOLDS[c] ?? c)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(MODIFIER_APOSTROPHES, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * normalizeName without separators: "N'Diaye", "N Diaye" and "NDIAYE" all give "ndiaye";
 * "Ben-Ramdane" and "BENRAMDANE" give "benramdane". Transliterations of one name written with
 * or without a break are the most common variation, so separators are not significant.
 */
export function nameKey(s: string): string {
  let key = nameKeys.get(s);
  if (key === undefined) {
    key = normalizeName(s).replace(/ /g, '');
    // names recur (a counter sees the same first names all day): a bounded memo of the keys
    if (nameKeys.size >= 16_384) nameKeys.clear();
    nameKeys.set(s, key);
  }
  return key;
}

const nameKeys = new Map<string, string>();

/**
 * Same person's name? First names compared together and last names together, each by nameKey.
 * First and last names written the other way round also match: counters accept it, because
 * order conventions differ (Vietnamese, Chinese, Hungarian family name first) and forms are
 * often filled in that order. A side with no name at all matches nobody.
 */
export function sameName(
  a: { firstName: string; lastName: string },
  b: { firstName: string; lastName: string },
): boolean {
  const af = nameKey(a.firstName);
  const al = nameKey(a.lastName);
  const bf = nameKey(b.firstName);
  const bl = nameKey(b.lastName);
  if (af + al === '' || bf + bl === '') return false;
  return (af === bf && al === bl) || (af === bl && al === bf);
}
