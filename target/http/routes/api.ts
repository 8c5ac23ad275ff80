/**
 * The JSON API under /api: what API clients, the harness's live driver and bots use.
 * Every body is validated by its strict schema (schemas.ts) before the domain sees it;
 * refusals are thrown as DomainError and turned into `{ error }` bodies by the app's handler.
 */
import express, { Router, type Request } from 'express';
import { DomainError } from '../../domain/errors.js';
import { requireJsonBody } from '../json-only.js';
import { refuseOtherMethods } from '../method-not-allowed.js';
import { markMount } from '../metrics.js';
import { ctxOf, requireAdmin, type HttpDeps } from '../deps.js';
import {
  BookBodySchema, CancelBodySchema, CheckInBodySchema, ConfirmBodySchema, EmptyBodySchema, RegisterBodySchema,
  parseBody, parseSlotsQuery, toIdentity,
} from '../schemas.js';
import type { BookRequest } from '../../domain/booking-target.js';

export const API_BODY_LIMIT = '16kb';

/** Express 5 params are strings for named segments; the cast documents that. */
const param = (req: Request, name: string): string => String(req.params[name]);

/** The booking token: `X-Booking-Token` header (preferred: stays out of logs) or `?token=`. */
function bookingToken(req: Request): string {
  const header = req.headers['x-booking-token'];
  const token = typeof header === 'string' ? header : typeof req.query['token'] === 'string' ? req.query['token'] : '';
  if (!token) throw new DomainError('TOKEN_INVALID', 'the booking token is required (X-Booking-Token header or ?token=)', 'token');
  return token;
}

export function apiRouter(deps: HttpDeps): Router {
  const { target, metrics } = deps;
  const r = Router();
  r.use(markMount);
  r.use(express.json({ limit: API_BODY_LIMIT }));

  r.get('/counters', (req, res) => {
    ctxOf(deps, req, res);
    res.json({ counters: target.counters(), captchaRequired: target.captchaRequired() });
  });

  r.get('/counters/:counter/slots', (req, res) => {
    const { limit, minLeadMs } = parseSlotsQuery(req.query);
    const slots = target.availableSlots(ctxOf(deps, req, res), param(req, 'counter'), limit, minLeadMs);
    res.json({ counter: param(req, 'counter'), slots });
  });

  r.post('/captcha', requireJsonBody, (req, res) => {
    parseBody(EmptyBodySchema, req.body);
    res.status(201).json({ challenge: target.issueCaptcha(ctxOf(deps, req, res)) });
  });

  r.post('/bookings', requireJsonBody, (req, res) => {
    const body = parseBody(BookBodySchema, req.body);
    const request: BookRequest = { slotId: body.slotId, identity: toIdentity(body.identity) };
    if (body.captcha) request.captcha = body.captcha;
    if (body.ticket !== undefined) request.ticket = body.ticket;
    if (target.batched()) {
      // batch release: collected, decided when the batch closes; the client reads the decision then
      const pending = target.requestBooking(ctxOf(deps, req, res), request);
      deps.changed();
      res.status(202).location(`/api/booking-requests/${encodeURIComponent(pending.id)}`).json({ request: pending });
      return;
    }
    const receipt = target.book(ctxOf(deps, req, res), request);
    metrics.bookings.inc({ channel: 'api' });
    res.status(201).location(`/api/bookings/${encodeURIComponent(receipt.booking.id)}/convocation`).json(receipt);
  });

  r.get('/booking-requests/:id', (req, res) => {
    res.json({ request: target.bookingRequest(ctxOf(deps, req, res), param(req, 'id')) });
  });

  // Both read by a secret: each try spends a rate-limit token, so guessing costs what booking does.
  r.get('/bookings/:id/convocation', (req, res) => {
    target.admit(ctxOf(deps, req, res));
    res.json({ convocation: target.convocation(param(req, 'id'), bookingToken(req)) });
  });

  r.post('/bookings/:id/cancel', requireJsonBody, (req, res) => {
    const { token } = parseBody(CancelBodySchema, req.body);
    res.json({ booking: target.cancel(ctxOf(deps, req, res), param(req, 'id'), token) });
  });

  r.post('/bookings/:id/confirm', requireJsonBody, (req, res) => {
    const { code } = parseBody(ConfirmBodySchema, req.body);
    target.admit(ctxOf(deps, req, res));
    res.json({ booking: target.confirm(param(req, 'id'), code) });
  });

  // Counter side: the agent at the desk, so staff credentials (the admin token).
  r.post('/check-in', requireAdmin(deps), requireJsonBody, (req, res) => {
    const b = parseBody(CheckInBodySchema, req.body);
    res.json({ result: target.checkIn(b.bookingId, b.counter, { firstName: b.firstName, lastName: b.lastName }) });
  });

  r.post('/counters/:counter/registrations', requireJsonBody, (req, res) => {
    const { identity } = parseBody(RegisterBodySchema, req.body);
    const registration = target.register(ctxOf(deps, req, res), param(req, 'counter'), toIdentity(identity));
    res.status(201).json({ registration });
  });

  r.get('/registrations/:id', (req, res) => {
    res.json({ registration: target.lotteryResult(param(req, 'id')) });
  });

  r.post('/counters/:counter/waiting-room', requireJsonBody, (req, res) => {
    parseBody(EmptyBodySchema, req.body);
    res.status(201).json({ ticket: target.joinWaitingRoom(ctxOf(deps, req, res), param(req, 'counter')) });
  });

  r.get('/waiting-room/:ticket', (req, res) => {
    res.json({ ticket: target.ticket(param(req, 'ticket')) });
  });

  refuseOtherMethods(r);
  return r;
}
