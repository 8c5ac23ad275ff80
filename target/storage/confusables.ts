/**
 * A small TR39-style skeleton for e-mail addresses: the lower-case Cyrillic and Greek letters
 * that look like a Latin letter in common fonts map to that letter, so "аlice" with a Cyrillic
 * а (U+0430) has the skeleton of "alice". It follows the Latin targets of Unicode's
 * confusables.txt (TR39) for these scripts only, not the whole table: addresses are typed in
 * Latin letters, and a bot varying an address reaches for these look-alikes. No mapping yields
 * ".", "+" or "@", so the skeleton leaves an address's structure alone.
 */

/** look-alike → Latin letter, after case folding (so lower case only) */
const LATIN_LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  '\u0430': 'a', '\u0435': 'e', '\u043e': 'o', '\u0440': 'p', '\u0441': 'c', '\u0443': 'y', '\u0445': 'x',
  '\u0456': 'i', '\u0458': 'j', '\u0455': 's', '\u0501': 'd', '\u051b': 'q', '\u051d': 'w', '\u04bb': 'h',
  '\u04cf': 'l', '\u0491': 'r', '\u0475': 'v', '\u044c': 'b',
  // Greek
  '\u03b1': 'a', '\u03bf': 'o', '\u03c1': 'p', '\u03bd': 'v', '\u03b9': 'i', '\u03c5': 'u', '\u03c7': 'x',
  '\u03ba': 'k', '\u03b3': 'y', '\u03f2': 'c', '\u03f3': 'j',
  // Latin letters of other alphabets' shapes
  '\u0131': 'i', '\u0251': 'a', '\u0261': 'g', '\u0269': 'i', '\u028b': 'u',
};

const LOOKALIKE_RE = new RegExp(`[${Object.keys(LATIN_LOOKALIKES).join('')}]`, 'gu');

/** The skeleton of an already case-folded string: decomposed, look-alikes mapped, recomposed. */
export function skeleton(folded: string): string {
  return folded.normalize('NFD').replace(LOOKALIKE_RE, (c) => LATIN_LOOKALIKES[c] ?? c).normalize('NFC');
}
