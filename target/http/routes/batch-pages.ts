/**
 * Batch release on the pages: the booking form posts a request (routes/pages.ts sends it here
 * under a batch policy), answered 303 to its page, which shows the decision once the batch is
 * drawn. The page is the session's own, as GET /api/booking-requests/{id} is.
 */
import type { Request, Response, Router } from 'express';
import type { BookRequest } from '../../domain/booking-target.js';
import { ctxOf, type HttpDeps } from '../deps.js';
import { bookingRequestBody, bookingRequestHref } from '../views/batch-views.js';
import { sendPage } from '../views/respond.js';

/** Collects the form's request into the open batch and sends the browser to its page. */
export function requestFromForm(deps: HttpDeps, req: Request, res: Response, request: BookRequest): void {
  const pending = deps.target.requestBooking(ctxOf(deps, req, res), request);
  deps.changed();
  res.redirect(303, bookingRequestHref(pending.id));
}

export function mountBookingRequestPage(r: Router, deps: HttpDeps): void {
  r.get('/demande/:id', (req, res) => {
    const q = deps.target.bookingRequest(ctxOf(deps, req, res), String(req.params['id']));
    sendPage(res, 200, 'Demande de rendez-vous', bookingRequestBody(q));
  });
}
