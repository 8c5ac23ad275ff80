/**
 * Server-rendered pages for people and browser agents: counters → slots → form → convocation.
 * Forms work without JavaScript (POST, then 303 redirect); only the proof-of-work captcha needs a
 * script. A refused booking re-renders the form with the values kept, a French error summary
 * and a fresh captcha (answers are single-use). Under a batch release the form's request waits for
 * its batch, on a page of its own (batch-pages.ts).
 */
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { BookRequest } from '../../domain/booking-target.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import type { ChallengeView } from '../../domain/views.js';
import { markMount } from '../metrics.js';
import { ctxOf, type HttpDeps } from '../deps.js';
import { mountBookingRequestPage, requestFromForm } from './batch-pages.js';
import { parseBody, toIdentity } from '../schemas.js';
import { parseSlotId } from '../slot-id.js';
import { statusFor } from '../status.js';
import { bookingFormBody, countersBody, powScript, slotsBody, type FormError, type FormModel, type FormValues } from '../views/booking-views.js';
import { convocationBody, convocationHref, lotteryResultBody, registrationBody, ticketBody } from '../views/convocation-views.js';
import { formField } from '../views/format.js';
import { sendPage } from '../views/respond.js';

const short = z.string().max(100);
const IdentityForm = {
  firstName: short, lastName: short, email: z.string().max(254), phone: z.string().max(32).optional(), agdref: z.string().max(32).optional(),
};
const BookForm = z.strictObject({
  slotId: z.string().min(1).max(200), ...IdentityForm,
  captchaId: z.string().max(200).optional(), captchaAnswer: z.string().max(200).optional(), ticket: z.string().max(200).optional(),
});
const IdentityOnlyForm = z.strictObject(IdentityForm);
const TokenForm = z.strictObject({ token: z.string().min(1).max(200) });
const ConfirmForm = z.strictObject({ token: z.string().min(1).max(200), code: z.string().max(200) });

const param = (req: Request, name: string): string => String(req.params[name]);
const queryText = (req: Request, name: string): string | undefined => {
  const v = req.query[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export function pagesRouter(deps: HttpDeps): Router {
  const { target, metrics } = deps;
  const r = Router();
  r.use(markMount);
  r.use(express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 50 }));

  const counterView = (id: string) => {
    const c = target.counters().find((x) => x.id === id);
    if (!c) throw new DomainError('NOT_FOUND', `no counter ${id}`, 'counter');
    return c;
  };

  function renderForm(res: Response, status: number, m: Omit<FormModel, 'challenge' | 'agdrefRequired'>, req: Request): void {
    const { policy } = target.settings();
    // The form shows the captcha whenever the measure is on, even with the client-side-only flaw.
    let challenge: ChallengeView | undefined;
    if (policy.measures.captcha) challenge = target.issueCaptcha(ctxOf(deps, req, res));
    const model: FormModel = { ...m, agdrefRequired: policy.measures.registryCheck?.counters.includes(m.counter.id) ?? false };
    if (challenge) model.challenge = challenge;
    const script = challenge?.kind === 'proof-of-work' ? powScript() : undefined;
    sendPage(res, status, m.error ? 'Erreur — réserver un rendez-vous' : 'Réserver un rendez-vous', bookingFormBody(model), script);
  }

  r.get('/', (req, res) => {
    ctxOf(deps, req, res);
    sendPage(res, 200, 'Prendre rendez-vous', countersBody(target.counters()));
  });

  r.get('/guichets/:counter', (req, res) => {
    const counter = counterView(param(req, 'counter'));
    const slots = target.availableSlots(ctxOf(deps, req, res), counter.id, 100);
    sendPage(res, 200, counter.label, slotsBody(counter, slots, target.settings().policy.release, queryText(req, 'ticket')));
  });

  r.get('/reserver', (req, res) => {
    const slot = parseSlotId(queryText(req, 'creneau') ?? '');
    if (!slot) throw new DomainError('NOT_FOUND', 'no such slot', 'creneau');
    const ticket = queryText(req, 'ticket');
    renderForm(res, 200, { counter: counterView(slot.counter), slot, values: {}, ...(ticket ? { ticket } : {}) }, req);
  });

  r.post('/reserver', (req, res) => {
    const f = parseBody(BookForm, req.body);
    const slot = parseSlotId(f.slotId);
    if (!slot) throw new DomainError('NOT_FOUND', 'no such slot', 'slotId');
    const counter = counterView(slot.counter);
    const values: FormValues = { firstName: f.firstName, lastName: f.lastName, email: f.email };
    if (f.phone) values.phone = f.phone;
    if (f.agdref) values.agdref = f.agdref;
    const identity = toIdentity({ firstName: f.firstName, lastName: f.lastName, email: f.email, phone: f.phone, agdref: f.agdref });
    const request: BookRequest = { slotId: f.slotId, identity };
    if (f.captchaId) request.captcha = { id: f.captchaId, answer: f.captchaAnswer ?? '' };
    if (f.ticket) request.ticket = f.ticket;
    try {
      // batch release: the form's request waits for its batch (routes/batch-pages.ts)
      if (target.batched()) return requestFromForm(deps, req, res, request);
      const receipt = target.book(ctxOf(deps, req, res), request);
      metrics.bookings.inc({ channel: 'page' });
      res.redirect(303, convocationHref(receipt.booking.id, receipt.token));
    } catch (e) {
      if (!isDomainError(e) || e.code === 'RATE_LIMITED') throw e;
      metrics.rejections.inc({ code: e.code });
      const error: FormError = { code: e.code };
      const fieldName = formField(e.field);
      if (fieldName) error.field = fieldName;
      renderForm(res, statusFor(e.code), { counter, slot, values, error, ...(f.ticket ? { ticket: f.ticket } : {}) }, req);
    }
  });

  mountBookingRequestPage(r, deps);

  // Convocation, cancel and confirmation read by a secret: each try spends one rate-limit token.
  r.get('/convocation/:id', (req, res) => {
    const token = queryText(req, 'token') ?? '';
    target.admit(ctxOf(deps, req, res));
    const c = target.convocation(param(req, 'id'), token);
    sendPage(res, 200, 'Convocation', convocationBody(c, token));
  });

  const afterAction = (action: 'annuler' | 'confirmer') => (req: Request, res: Response) => {
    const id = param(req, 'id');
    const { token, code } = action === 'annuler'
      ? { ...parseBody(TokenForm, req.body), code: '' }
      : parseBody(ConfirmForm, req.body);
    const ctx = ctxOf(deps, req, res);
    // cancel spends its token itself; the token guards the confirmation too
    if (action === 'confirmer') {
      target.admit(ctx);
      target.convocation(id, token);
    }
    try {
      if (action === 'annuler') target.cancel(ctx, id, token);
      else target.confirm(id, code);
      res.redirect(303, convocationHref(id, token));
    } catch (e) {
      if (!isDomainError(e) || e.code === 'RATE_LIMITED') throw e;
      // an unknown booking or a wrong token is an error page (thrown from here), not the convocation
      const now = target.convocation(id, token);
      metrics.rejections.inc({ code: e.code });
      const error: FormError = { code: e.code };
      if (e.field === 'code') error.field = 'code';
      sendPage(res, statusFor(e.code), 'Convocation', convocationBody(now, token, error));
    }
  };
  r.post('/convocation/:id/annuler', afterAction('annuler'));
  r.post('/convocation/:id/confirmer', afterAction('confirmer'));

  r.post('/guichets/:counter/inscription', (req, res) => {
    const form = parseBody(IdentityOnlyForm, req.body);
    const registration = target.register(ctxOf(deps, req, res), param(req, 'counter'), toIdentity(form));
    sendPage(res, 201, 'Inscription enregistrée', registrationBody(registration));
  });

  r.get('/inscription/:id', (req, res) => {
    sendPage(res, 200, 'Résultat du tirage au sort', lotteryResultBody(target.lotteryResult(param(req, 'id'))));
  });

  r.post('/guichets/:counter/file', (req, res) => {
    const ticket = target.joinWaitingRoom(ctxOf(deps, req, res), param(req, 'counter'));
    res.redirect(303, `/file/${encodeURIComponent(ticket.id)}`);
  });

  r.get('/file/:id', (req, res) => {
    sendPage(res, 200, 'File d’attente', ticketBody(target.ticket(param(req, 'id')), deps.now()));
  });

  return r;
}
