/**
 * Comparison of a presented secret (booking token, e-mail confirmation code, admin token) with
 * the expected one in time that does not depend on where they differ, so that answer times do
 * not tell a guesser how many leading characters were right. Both sides are hashed first:
 * timingSafeEqual needs equal lengths, and the hashes also hide the expected secret's length.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** An empty expected secret matches nothing (a missing secret is never "the empty one"). */
export function secretMatches(presented: string, expected: string | undefined): boolean {
  return expected !== undefined && expected.length > 0 && timingSafeEqual(digest(presented), digest(expected));
}
