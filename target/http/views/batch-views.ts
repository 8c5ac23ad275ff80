/**
 * Batch release through the pages: the booking form's request is collected, not served, and
 * its page tells when the batch is drawn, then what was decided (a convocation link, or the
 * refusal with its code, as a re-rendered form shows one).
 */
import type { BatchRequestView } from '../../domain/batch-desk.js';
import { convocationHref } from './convocation-views.js';
import { ERROR_FR, timeTag } from './format.js';
import { html, type Html } from './html.js';

export const bookingRequestHref = (id: string) => `/demande/${encodeURIComponent(id)}`;

export function bookingRequestBody(q: BatchRequestView): Html {
  const decision = q.status === 'pending'
    ? html`<p role="status" data-decision="pending">Votre demande est enregistrée. Les demandes reçues d’ici le ${timeTag(q.closesAt)} sont servies dans un ordre tiré au sort : revenez sur cette page après cette heure.</p>
<p><a href="${bookingRequestHref(q.id)}">Actualiser</a></p>`
    : q.status === 'booked' && q.receipt
      ? html`<p role="status" data-decision="booked">Un rendez-vous vous a été attribué.</p>
<p><a href="${convocationHref(q.receipt.booking.id, q.receipt.token)}">Voir votre convocation</a></p>`
      : html`<p role="status" data-decision="refused">Votre demande n’a pas abouti.</p>
<p role="alert" data-error-code="${q.refused?.code ?? 'INTERNAL'}">${ERROR_FR[q.refused?.code ?? 'INTERNAL']}</p>
<p><a href="/">Retour à la liste des guichets</a></p>`;
  return html`<h1>Demande de rendez-vous</h1>
<dl>
<dt>Numéro de demande</dt><dd>${q.id}</dd>
<dt>Créneau demandé</dt><dd>${q.slotId}</dd>
<dt>Tirage du lot</dt><dd>${timeTag(q.closesAt)}</dd>
</dl>
${decision}`;
}
