/**
 * The one place where refusal codes become HTTP statuses, and the one shape of an error body:
 * `{ "error": { "code", "message", "field" } }` (`field` is null when no single field is to blame).
 *
 * Choices worth knowing:
 * - VALIDATION is 422 for a well-formed body that breaks the schema; a body that is not JSON at
 *   all is 400 (see app.ts), so clients can tell "fix your serializer" from "fix your data".
 * - every CAPTCHA_* code is 403: the request is understood and well-formed, but refused until a
 *   valid, unused, unexpired proof is shown. 422 would tell a client to change its data, while
 *   the fix is to fetch a new challenge.
 * - TOKEN_INVALID is 403, not 401: the booking token is a capability in the request, not an
 *   authentication scheme (401 promises a WWW-Authenticate challenge).
 * - state conflicts (SLOT_TAKEN, SLOT_NOT_RELEASED, LIMIT_REACHED, BOOKING_NOT_ACTIVE, NOT_OPEN,
 *   ALREADY_REGISTERED, REQUEST_PENDING) are 409: retrying the same request will not help until the state changes.
 * - protocol mistakes get the status an HTTP client library knows: a body that is not
 *   application/json is 415 (with `Accept: application/json`), a known path asked with another
 *   method is 405 (with `Allow`), not a 422 about missing fields or a 404.
 * - BAD_ENCODING is 400, like a body that is not JSON: the bytes themselves are broken (a `%ZZ`
 *   in the path, a "gzip" body that is not), so no data was even read.
 * - CROSS_ORIGIN is 403: the request is understood, but a page of another site may not send it.
 */
import type { ErrorCode } from '../domain/errors.js';

/** Codes only the HTTP layer produces. */
export type HttpOnlyCode = 'INTERNAL';
export type HttpErrorCode = ErrorCode | HttpOnlyCode;

export const STATUS_BY_CODE: Readonly<Record<HttpErrorCode, number>> = {
  VALIDATION: 422,
  NOT_FOUND: 404,
  SLOT_TAKEN: 409,
  SLOT_NOT_RELEASED: 409,
  CAPTCHA_REQUIRED: 403,
  CAPTCHA_INVALID: 403,
  CAPTCHA_EXPIRED: 403,
  CAPTCHA_USED: 403,
  LIMIT_REACHED: 409,
  NAME_REQUIRED: 422,
  REGISTRY_MISMATCH: 422,
  RATE_LIMITED: 429,
  TOKEN_INVALID: 403,
  BOOKING_NOT_ACTIVE: 409,
  NOT_OPEN: 409,
  ALREADY_REGISTERED: 409,
  NOT_ADMITTED: 403,
  REQUEST_PENDING: 409,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  BAD_ENCODING: 400,
  CROSS_ORIGIN: 403,
  INTERNAL: 500,
};

/** A body that is not JSON: the only VALIDATION that is not 422. */
export const UNPARSEABLE_STATUS = 400;

export function statusFor(code: HttpErrorCode): number {
  return STATUS_BY_CODE[code];
}

export interface ErrorBody {
  error: { code: HttpErrorCode; message: string; field: string | null };
}

export function errorBody(code: HttpErrorCode, message: string, field?: string): ErrorBody {
  return { error: { code, message, field: field ?? null } };
}

/**
 * Seconds a rate-limited client should wait: the time one token takes to come back in the
 * slowest configured bucket (the domain's error does not carry it; a `retryAfterMs` property on
 * the error wins when the domain provides one).
 */
export function retryAfterSeconds(
  err: unknown,
  rateLimit: { perIp?: { refillPerMinute: number } | undefined; perSession?: { refillPerMinute: number } | undefined } | undefined,
): number {
  const fromError = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  if (typeof fromError === 'number' && Number.isFinite(fromError) && fromError > 0) return Math.ceil(fromError / 1000);
  const rates = [rateLimit?.perIp?.refillPerMinute, rateLimit?.perSession?.refillPerMinute]
    .filter((r): r is number => typeof r === 'number' && r > 0);
  if (rates.length === 0) return 1;
  return Math.max(1, Math.ceil(60 / Math.min(...rates)));
}
