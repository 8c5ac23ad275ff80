/**
 * An agent's session as the target's `X-Session` header can carry it. The target takes 8 to 128
 * characters among A-Z a-z 0-9 _ - (target/http/context.ts) and refuses anything else, while the
 * engine names sessions after agents (`s-crew:paris:3`). A valid session goes as it is; any other
 * is sent as `x-` + its base64url (injective, and stable: the target's ledger records this form,
 * so whoever matches the ledger to agents maps sessions with the same function).
 */
import { createHash } from 'node:crypto';

const VALID = /^[A-Za-z0-9_-]{8,128}$/;

export function sessionHeader(session: string): string {
  if (VALID.test(session)) return session;
  const encoded = `x-${Buffer.from(session, 'utf8').toString('base64url')}`;
  if (encoded.length >= 8 && encoded.length <= 128) return encoded;
  // too short ("" or a letter) is padded by the prefix rule above only past 8; too long is hashed
  return encoded.length < 8 ? encoded.padEnd(8, '_') : `h-${createHash('sha256').update(session, 'utf8').digest('base64url')}`;
}
