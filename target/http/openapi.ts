/**
 * OpenAPI 3.1 description of the JSON API, written by hand: paths here, request schemas taken
 * from schemas.ts (the ones the routes validate with) and response schemas below, all turned
 * into JSON Schema by z.toJSONSchema. The tests check live responses against these schemas.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../domain/errors.js';
import {
  BookBodySchema, CancelBodySchema, CheckInBodySchema, ConfirmBodySchema, IdentitySchema, RegisterBodySchema,
  RegistryBodySchema, SLOTS_LIMIT, SLOTS_MIN_LEAD,
} from './schemas.js';

const ms = z.number().int().describe('epoch milliseconds (target clock)');
const Status = z.enum(['held', 'confirmed', 'cancelled', 'expired', 'purged', 'used']);

const BookingView = z.strictObject({
  id: z.string(), slotId: z.string(), counter: z.string(), slotStart: ms, status: Status, name: z.string(), createdAt: ms,
});

export const ResponseSchemas = {
  Error: z.strictObject({
    error: z.strictObject({
      code: z.enum([...ERROR_CODES, 'INTERNAL']), message: z.string(), field: z.string().nullable(),
    }),
  }),
  Counter: z.strictObject({
    id: z.string(), label: z.string(), days: z.array(z.string()), hours: z.string(), slotMinutes: z.number().int(),
    desks: z.number().int(), available: z.number().int(),
  }),
  Slot: z.strictObject({ id: z.string(), counter: z.string(), start: ms, desk: z.number().int() }),
  Challenge: z.strictObject({
    id: z.string(), kind: z.enum(['challenge', 'proof-of-work']), prompt: z.string(), difficulty: z.number().int().optional(), expiresAt: ms,
  }),
  Booking: BookingView,
  Convocation: z.strictObject({
    bookingId: z.string(), slotId: z.string(), counter: z.string(), counterLabel: z.string(), slotStart: ms, desk: z.number().int(),
    firstName: z.string(), lastName: z.string(), status: Status, confirmBy: ms.optional().describe('while held: the confirmation deadline'),
  }),
  Registration: z.strictObject({
    id: z.string(), counter: z.string(), drawAt: ms, outcome: z.enum(['won', 'lost']).optional(), bookingId: z.string().optional(),
    token: z.string().optional(),
  }),
  Ticket: z.strictObject({ id: z.string(), counter: z.string(), releaseAt: ms, position: z.number().int().optional(), admitAt: ms.optional() }),
  BookingRequest: z.strictObject({
    id: z.string(), slotId: z.string().describe('the slot asked for'), closesAt: ms.describe('when the batch is served; read the decision from then on'),
    status: z.enum(['pending', 'booked', 'refused']),
    receipt: z.strictObject({ booking: BookingView, token: z.string(), confirmBy: ms.optional() }).optional()
      .describe('booked: the receipt (the slot asked for, or the next free one of its counter when a request drawn earlier took it)'),
    refused: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() }).optional(),
  }),
};
const R = ResponseSchemas;
export const ResponseBodies = {
  Counters: z.strictObject({ counters: z.array(R.Counter), captchaRequired: z.boolean() }),
  Slots: z.strictObject({ counter: z.string(), slots: z.array(R.Slot) }),
  ChallengeIssued: z.strictObject({ challenge: R.Challenge }),
  Receipt: z.strictObject({ booking: R.Booking, token: z.string().describe('secret: cancel and convocation need it'), confirmBy: ms.optional() }),
  BookingOut: z.strictObject({ booking: R.Booking }),
  ConvocationOut: z.strictObject({ convocation: R.Convocation }),
  CheckInOut: z.strictObject({
    result: z.union([
      z.strictObject({ served: z.literal(true), bookingId: z.string() }),
      z.strictObject({ served: z.literal(false), reason: z.string() }),
    ]),
  }),
  RegistrationOut: z.strictObject({ registration: R.Registration }),
  TicketOut: z.strictObject({ ticket: R.Ticket }),
  BookingRequestOut: z.strictObject({ request: R.BookingRequest }),
  ReleaseOut: z.strictObject({
    released: z.number().int().describe('slots put online by this call'),
    byCounter: z.record(z.string(), z.number().int()).describe('released slots per counter (every counter listed)'),
    slotIds: z.array(z.string()).optional().describe('only with ?verbose=1'),
  }),
};

type SchemaName = string;
const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName) => ({ content: { 'application/json': { schema: ref(name) } } });
const errors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: 'refused', ...json('Error') }]));
const ok = (status: number, name: SchemaName, description = 'ok') => ({ [String(status)]: { description, ...json(name) } });
const body = (name: SchemaName) => ({ required: true, ...json(name) });
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

function components(): Record<string, unknown> {
  const reg = z.registry<{ id: string }>();
  const named: Record<string, z.ZodType> = {
    Identity: IdentitySchema, BookBody: BookBodySchema, CancelBody: CancelBodySchema, ConfirmBody: ConfirmBodySchema,
    CheckInBody: CheckInBodySchema, RegisterBody: RegisterBodySchema, RegistryBody: RegistryBodySchema,
    ...ResponseSchemas, ...ResponseBodies,
  };
  for (const [id, schema] of Object.entries(named)) reg.add(schema, { id });
  const { schemas } = z.toJSONSchema(reg, { uri: (id) => `#/components/schemas/${id}`, io: 'input', unrepresentable: 'any' });
  const out: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = s as Record<string, unknown>;
    out[id] = rest;
  }
  return out;
}

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'guichet reference booking target',
      version: '0.1.0',
      description: 'Appointment booking API of the reference target. Errors are { error: { code, message, field } }. '
        + 'Session: X-Session header or guichet_session cookie. CAPTCHA_* refusals are 403; unparseable JSON is 400, '
        + 'schema violations 422; bodies over 16 kB are 413; a body that is not application/json is 415 (with '
        + '`Accept: application/json`); a known path asked with another method is 405 (with `Allow`). A path parameter that is not '
        + 'valid percent-encoding, or a body that does not decode as its Content-Encoding says, is 400 BAD_ENCODING. A state-changing '
        + 'request whose Origin names another host (or, without one, whose Sec-Fetch-Site says cross-site) is 403 CROSS_ORIGIN. '
        + 'Every answer says Cache-Control: no-store and Referrer-Policy: no-referrer (receipts and convocations carry tokens).',
    },
    paths: {
      '/api/counters': { get: { summary: 'Counters and their available slot counts', responses: { ...ok(200, 'Counters'), ...errors(429) } } },
      '/api/counters/{counter}/slots': {
        get: {
          summary: 'Available slots of a counter, soonest first',
          parameters: [
            pathParam('counter'),
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: SLOTS_LIMIT.min, maximum: SLOTS_LIMIT.max, default: 50 } },
            {
              name: 'minLeadMs', in: 'query', description: 'only slots starting later than now + minLeadMs (the target\'s clock): a calendar\'s later weeks',
              schema: { type: 'integer', minimum: SLOTS_MIN_LEAD.min, maximum: SLOTS_MIN_LEAD.max, default: 0 },
            },
          ],
          responses: { ...ok(200, 'Slots'), ...errors(400, 404, 422, 429) },
        },
      },
      '/api/captcha': {
        post: {
          summary: 'Issue a captcha bound to this session (404 when the policy asks for none)',
          responses: { ...ok(201, 'ChallengeIssued'), ...errors(403, 404, 429) },
        },
      },
      '/api/bookings': {
        post: {
          summary: 'Book a slot (under a batch release: submit a request, decided when its batch closes)', requestBody: body('BookBody'),
          description: 'First come, first served policies answer 201 with the receipt. Under a batch release (release.kind: batch) the '
            + 'request is collected: 202 with the request, its Location and `closesAt`; at that instant the batch is served in a random '
            + 'order, one slot per request, and GET /api/booking-requests/{id} gives the decision. One pending request per session and batch '
            + '(409 REQUEST_PENDING).',
          responses: {
            ...ok(201, 'Receipt', 'booked'), ...ok(202, 'BookingRequestOut', 'batch release: collected, decided at closesAt'),
            ...errors(400, 403, 404, 409, 413, 415, 422, 429),
          },
        },
      },
      '/api/booking-requests/{id}': {
        get: {
          summary: 'Batch release: the decision on a booking request (pending until its batch closes; only for the session that asked)',
          parameters: [pathParam('id')], responses: { ...ok(200, 'BookingRequestOut'), ...errors(400, 404, 429) },
        },
      },
      '/api/bookings/{id}/convocation': {
        get: {
          summary: 'The convocation (token in X-Booking-Token header or ?token=); each try spends a rate-limit token',
          parameters: [pathParam('id'), { name: 'token', in: 'query', schema: { type: 'string' } }, { name: 'X-Booking-Token', in: 'header', schema: { type: 'string' } }],
          responses: { ...ok(200, 'ConvocationOut'), ...errors(400, 403, 404, 429) },
        },
      },
      '/api/bookings/{id}/cancel': {
        post: { summary: 'Cancel with the booking token', parameters: [pathParam('id')], requestBody: body('CancelBody'), responses: { ...ok(200, 'BookingOut'), ...errors(400, 403, 404, 409, 415, 422, 429) } },
      },
      '/api/bookings/{id}/confirm': {
        post: { summary: 'Confirm with the code sent by e-mail (each try spends a rate-limit token)', parameters: [pathParam('id')], requestBody: body('ConfirmBody'), responses: { ...ok(200, 'BookingOut'), ...errors(400, 403, 404, 409, 415, 422, 429) } },
      },
      '/api/check-in': {
        post: {
          summary: 'Counter side: serve or refuse the holder (admin bearer token)', security: [{ bearer: [] }],
          requestBody: body('CheckInBody'), responses: { ...ok(200, 'CheckInOut'), ...errors(400, 401, 403, 415, 422) },
        },
      },
      '/api/counters/{counter}/registrations': {
        post: { summary: 'Register for the next lottery draw', parameters: [pathParam('counter')], requestBody: body('RegisterBody'), responses: { ...ok(201, 'RegistrationOut'), ...errors(400, 403, 404, 409, 415, 422, 429) } },
      },
      '/api/registrations/{id}': {
        get: { summary: 'Outcome of a lottery registration (the winner gets the booking token)', parameters: [pathParam('id')], responses: { ...ok(200, 'RegistrationOut'), ...errors(400, 404) } },
      },
      '/api/counters/{counter}/waiting-room': {
        post: { summary: 'Take a waiting-room ticket (bound to this session)', parameters: [pathParam('counter')], responses: { ...ok(201, 'TicketOut'), ...errors(400, 403, 404, 409, 415, 429) } },
      },
      '/api/waiting-room/{ticket}': {
        get: { summary: 'A ticket: position and admission time once shuffled', parameters: [pathParam('ticket')], responses: { ...ok(200, 'TicketOut'), ...errors(400, 404) } },
      },
      '/admin/registry': {
        put: { summary: 'Replace the AGDREF registry', security: [{ bearer: [] }], requestBody: body('RegistryBody'), responses: { 200: { description: 'loaded' }, ...errors(401, 415, 422) } },
        post: { summary: 'Add these AGDREF entries, keep the others', security: [{ bearer: [] }], requestBody: body('RegistryBody'), responses: { 200: { description: 'added' }, ...errors(401, 404, 415, 422) } },
      },
      // test control (`guichet target --test-control`): 404 without it
      '/admin/control': {
        get: { summary: 'Test control: simulated time, pace, seed, proxy trust, journal range', security: [{ bearer: [] }], responses: { 200: { description: 'state' }, ...errors(401, 404) } },
      },
      '/admin/clock': {
        put: {
          summary: 'Test control: move the clock forward ({"now": epoch ms; a time passed already is no move}) or set its pace ({"speed": simulated ms per real ms})',
          security: [{ bearer: [] }], responses: { 200: { description: 'state after the move' }, ...errors(401, 404, 415, 422) },
        },
      },
      '/admin/journal': {
        get: {
          summary: 'Test control: the store writes from seq `from` on, in order ({entries: [{seq, op, args}], next})', security: [{ bearer: [] }],
          parameters: [
            { name: 'from', in: 'query', schema: { type: 'integer', minimum: 0 } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10_000 } },
          ],
          responses: { 200: { description: 'a page of writes' }, ...errors(401, 404, 422) },
        },
      },
      '/admin/release': {
        post: {
          summary: 'Put online now what the release policy would release next (admin bearer token)', security: [{ bearer: [] }],
          parameters: [{ name: 'verbose', in: 'query', schema: { type: 'string', enum: ['1', '0', 'true', 'false'] }, description: 'also list the slot ids' }],
          responses: { ...ok(200, 'ReleaseOut'), ...errors(401, 422) },
        },
      },
      '/healthz': { get: { summary: 'Liveness', responses: { 200: { description: 'alive' } } } },
      '/metrics': { get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition format' } } } },
    },
    components: {
      schemas: components(),
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}
