/**
 * Request schemas of the JSON API (strict: an unknown key is an error). The routes validate
 * with them and openapi.ts documents them, so the two cannot drift apart.
 * Lengths are capped here; meaning (e-mail shape, names required by a measure) is the domain's.
 */
import { z } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { Identity } from '../domain/types.js';

const text = (max: number) => z.string().max(max);
const id = z.string().min(1).max(200);

export const IdentitySchema = z.strictObject({
  firstName: text(100),
  lastName: text(100),
  email: z.string().min(1).max(254),
  phone: text(32).optional(),
  agdref: text(32).optional(),
});

export const BookBodySchema = z.strictObject({
  slotId: id,
  identity: IdentitySchema,
  captcha: z.strictObject({ id, answer: z.string().max(200) }).optional(),
  /** waiting-room ticket id */
  ticket: id.optional(),
});

export const CancelBodySchema = z.strictObject({ token: z.string().min(1).max(200) });
export const ConfirmBodySchema = z.strictObject({ code: z.string().min(1).max(200) });

export const CheckInBodySchema = z.strictObject({
  bookingId: id,
  counter: id,
  firstName: text(100),
  lastName: text(100),
});

export const RegisterBodySchema = z.strictObject({ identity: IdentitySchema });

/** Bodies of routes that take none: absent, or an empty object. */
export const EmptyBodySchema = z.strictObject({});

export const SLOTS_LIMIT = { min: 1, max: 500 } as const;
/** `minLeadMs`: only slots starting later than now + minLeadMs (a calendar's later weeks); a year at most. */
export const SLOTS_MIN_LEAD = { min: 0, max: 366 * 86_400_000 } as const;
/** Query parameters by hand-written messages: name the parameter, its range and what came. */
function checkQueryKeys(query: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(query)) {
    if (!known.includes(key)) {
      throw new DomainError('VALIDATION', `unknown query parameter "${key}" (this route takes: ${known.join(', ')})`, `query.${key}`);
    }
  }
}

type IntRange = { readonly min: number; readonly max: number };

/** Integer query parameters, each optional and in its range; any other parameter is refused. */
export function parseIntQuery<K extends string>(query: Record<string, unknown>, ranges: Record<K, IntRange>): Partial<Record<K, number>> {
  const keys = Object.keys(ranges) as K[];
  checkQueryKeys(query, keys);
  const out: Partial<Record<K, number>> = {};
  for (const key of keys) {
    const raw = query[key];
    if (raw === undefined) continue;
    const range = ranges[key];
    // Number("") is 0: an empty value is a mistake, not a zero
    const n = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!(Number.isSafeInteger(n) && n >= range.min && n <= range.max)) {
      throw new DomainError(
        'VALIDATION',
        `query parameter "${key}" must be an integer from ${range.min} to ${range.max}, got ${JSON.stringify(raw)}`,
        `query.${key}`,
      );
    }
    out[key] = n;
  }
  return out;
}

export function parseSlotsQuery(query: Record<string, unknown>): { limit?: number; minLeadMs?: number } {
  return parseIntQuery(query, { limit: SLOTS_LIMIT, minLeadMs: SLOTS_MIN_LEAD });
}

export function parseReleaseQuery(query: Record<string, unknown>): { verbose: boolean } {
  checkQueryKeys(query, ['verbose']);
  const raw = query['verbose'];
  if (raw === undefined || raw === '0' || raw === 'false') return { verbose: false };
  if (raw === '1' || raw === 'true' || raw === '') return { verbose: true };
  throw new DomainError('VALIDATION', `query parameter "verbose" must be 1 or 0, got ${JSON.stringify(raw)}`, 'query.verbose');
}

export const RegistryBodySchema = z.strictObject({
  entries: z.array(z.strictObject({ agdref: z.string().min(1).max(32), firstName: text(100), lastName: text(100) }))
    .max(1_000_000),
});

export const ReleaseBodySchema = z.strictObject({ counter: id.optional() });

/** "identity.email", or the root when the whole body is wrong. */
export function issuePath(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : path.map(String).join('.');
}

/** Parses or throws a located VALIDATION error (the first issue; zod orders them by position). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown, where = ''): z.infer<S> {
  const r = schema.safeParse(body === undefined ? {} : body);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  // An unknown key is reported on its parent; name the key itself, it is what the client must remove.
  const extra = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
  const path = issuePath([...(where ? [where] : []), ...(issue?.path ?? []), ...extra]);
  const message = issue ? `${path ?? 'body'}: ${issue.message}` : 'invalid request';
  throw new DomainError('VALIDATION', message, path);
}

/** zod's optional fields are `T | undefined`; the domain's (exactOptionalPropertyTypes) are absent. */
export function toIdentity(i: z.infer<typeof IdentitySchema>): Identity {
  const out: Identity = { firstName: i.firstName, lastName: i.lastName, email: i.email };
  if (i.phone !== undefined && i.phone !== '') out.phone = i.phone;
  if (i.agdref !== undefined && i.agdref !== '') out.agdref = i.agdref;
  return out;
}
