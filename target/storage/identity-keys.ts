/**
 * How identity values are compared when counting live bookings. E-mail addresses are compared
 * trimmed and case-insensitively (people type "Ana@X.fr " as often as "ana@x.fr"); phone and
 * AGDREF numbers are compared as given, the domain normalises them if a measure needs it.
 */
import type { Identity } from '../domain/types.js';
import type { IdentityField } from '../domain/ports.js';

export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

/** The comparable key of `value` for `field`. */
export function identityKey(field: IdentityField, value: string): string {
  return field === 'email' ? emailKey(value) : value;
}

/** The comparable key of an identity's field, or undefined when the identity has none. */
export function identityFieldKey(identity: Identity, field: IdentityField): string | undefined {
  if (field === 'email') return emailKey(identity.email);
  return identity[field];
}
