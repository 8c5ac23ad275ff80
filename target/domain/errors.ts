/**
 * Every refusal of the target has a stable code. Agents, drivers and reports switch on the
 * code, never on the message; the HTTP layer maps codes to status in one table (http/status.ts).
 */
export const ERROR_CODES = [
  'VALIDATION',          // malformed request
  'NOT_FOUND',           // unknown counter, slot, booking, challenge
  'SLOT_TAKEN',          // the slot has a live booking already
  'SLOT_NOT_RELEASED',   // the slot exists but is not bookable (hidden, past, lottery-only)
  'CAPTCHA_REQUIRED',    // the policy wants a captcha and none was given
  'CAPTCHA_INVALID',     // wrong answer, unknown challenge or issued to another session
  'CAPTCHA_EXPIRED',     // the challenge's time ran out
  'CAPTCHA_USED',        // answers are single-use
  'LIMIT_REACHED',       // identityLimit: too many active bookings for this e-mail/AGDREF/phone
  'NAME_REQUIRED',       // exactName: first and last name are mandatory
  'REGISTRY_MISMATCH',   // registryCheck: AGDREF unknown or not this person's
  'RATE_LIMITED',        // token bucket empty for this IP or session
  'TOKEN_INVALID',       // wrong booking token (cancel, convocation) or confirmation code
  'BOOKING_NOT_ACTIVE',  // cancelled, purged, expired or already used
  'NOT_OPEN',            // lottery registration or waiting room closed for this counter
  'ALREADY_REGISTERED',  // lottery: one registration per identity
  'NOT_ADMITTED',        // waiting room: no ticket of this session, its turn not come, or its admission expired or spent
  'REQUEST_PENDING',     // batch release: this session has a request in the open batch already
  'UNAUTHORIZED',        // admin routes without a valid bearer token
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE', // a body that is not application/json on a JSON route
  'METHOD_NOT_ALLOWED',  // a known path asked with a method it does not answer
  'BAD_ENCODING',        // a path parameter that is not valid percent-encoding, or a body that does not decode as its Content-Encoding says
  'CROSS_ORIGIN',        // a state-changing request sent by a page of another site (Origin or Sec-Fetch-Site)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Dotted path of the offending field, when one field is to blame. */
    readonly field?: string,
  ) {
    // a refusal is an answer, not a bug: no stack is collected (simulations refuse by the
    // hundred thousand, and the HTTP layer and the drivers read the code only)
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** The value, or its refusal thrown (for answers that may come back as a DomainError). */
export function orThrow<T>(r: T | DomainError): T {
  if (r instanceof DomainError) throw r;
  return r;
}
