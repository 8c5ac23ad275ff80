/** Pages after booking: convocation (with cancel and e-mail confirmation), waiting room, lottery, errors. */
import type { LotteryResult } from '../../domain/entry-desk.js';
import type { Convocation, RegistrationView, TicketView } from '../../domain/views.js';
import { ERROR_FR, STATUS_FR, timeTag } from './format.js';
import { errorSummary, type FormError } from './booking-views.js';
import { html, type Html } from './html.js';

export const convocationHref = (bookingId: string, token: string) =>
  `/convocation/${encodeURIComponent(bookingId)}?token=${encodeURIComponent(token)}`;

export function convocationBody(c: Convocation, token: string, error?: FormError): Html {
  const base = `/convocation/${encodeURIComponent(c.bookingId)}`;
  const live = c.status === 'held' || c.status === 'confirmed';
  const confirm = c.status === 'held'
    ? html`<h2>Confirmer par e-mail</h2>
<p>Ce rendez-vous doit être confirmé avec le code reçu par e-mail${c.confirmBy === undefined ? '' : html` avant le <span id="confirmer-avant">${timeTag(c.confirmBy)}</span>`}, sinon il sera libéré.</p>
<form method="post" action="${base}/confirmer">
<input type="hidden" name="token" value="${token}">
<label for="code">Code de confirmation (obligatoire)</label>
<input id="code" name="code" type="text" autocomplete="one-time-code" required>
<button type="submit">Confirmer</button>
</form>`
    : html``;
  const cancel = live
    ? html`<h2>Annuler</h2>
<p>Si vous ne pouvez pas venir, annulez : le créneau sera proposé à une autre personne.</p>
<form method="post" action="${base}/annuler">
<input type="hidden" name="token" value="${token}">
<button type="submit">Annuler ce rendez-vous</button>
</form>`
    : html``;
  return html`<h1>Convocation</h1>
${errorSummary(error)}
<p role="status">Statut du rendez-vous : <strong id="statut">${STATUS_FR[c.status]}</strong></p>
<dl>
<dt>Numéro de rendez-vous</dt><dd id="numero">${c.bookingId}</dd>
<dt>Guichet</dt><dd>${c.counterLabel} (guichet ${c.desk})</dd>
<dt>Date et heure (heure de Paris)</dt><dd>${timeTag(c.slotStart)}</dd>
<dt>Référence du créneau</dt><dd>${c.slotId}</dd>
<dt>Nom</dt><dd>${c.firstName} ${c.lastName}</dd>
</dl>
<p>Présentez cette convocation et une pièce d’identité au nom indiqué. Conservez ce
<a href="${convocationHref(c.bookingId, token)}" id="lien-convocation">lien personnel vers votre convocation</a> : il est secret et ne doit pas être partagé.</p>
${confirm}${cancel}`;
}

export function ticketBody(t: TicketView, now: number): Html {
  const admitted = t.admitAt !== undefined && t.admitAt <= now;
  const state = t.position === undefined
    ? html`<p>Vous êtes dans la file d’attente. L’ordre de passage sera tiré au sort à l’ouverture, le ${timeTag(t.releaseAt)}.</p>`
    : admitted
      ? html`<p>C’est votre tour. <a href="/guichets/${encodeURIComponent(t.counter)}?ticket=${encodeURIComponent(t.id)}">Choisir un créneau</a></p>`
      : html`<p>Votre position : ${t.position + 1}. Votre tour viendra vers ${t.admitAt === undefined ? '' : timeTag(t.admitAt)}.</p>`;
  return html`<h1>File d’attente</h1>
<div role="status" aria-live="polite">${state}</div>
<dl>
<dt>Numéro de ticket</dt><dd>${t.id}</dd>
<dt>Ouverture des réservations</dt><dd>${timeTag(t.releaseAt)}</dd>
${t.admitAt === undefined ? '' : html`<dt>Votre tour</dt><dd>${timeTag(t.admitAt)}</dd>`}
</dl>
<p><a href="/file/${encodeURIComponent(t.id)}">Actualiser</a> (gardez cette page ouverte).</p>`;
}

export function registrationBody(r: RegistrationView): Html {
  return html`<h1>Inscription enregistrée</h1>
<p>Vous êtes inscrit au tirage au sort du ${timeTag(r.drawAt)}. Le résultat vous sera envoyé par e-mail.</p>
<p>Numéro d’inscription : <strong>${r.id}</strong></p>
<p><a href="${registrationHref(r.id)}">Suivre le résultat du tirage</a></p>`;
}

export const registrationHref = (id: string) => `/inscription/${encodeURIComponent(id)}`;

/** The draw's outcome; the winner's convocation link carries its token, as the mail would. */
export function lotteryResultBody(r: LotteryResult): Html {
  const state = r.outcome === undefined
    ? html`<p role="status" data-outcome="pending">Le tirage au sort aura lieu le ${timeTag(r.drawAt)}.</p>`
    : r.outcome === 'lost'
      ? html`<p role="status" data-outcome="lost">Vous n’avez pas été tiré au sort. Vous pourrez vous inscrire au prochain tirage.</p>`
      : html`<p role="status" data-outcome="won">Vous avez été tiré au sort.</p>
${r.bookingId !== undefined && r.token !== undefined ? html`<p><a href="${convocationHref(r.bookingId, r.token)}">Voir votre convocation</a></p>` : ''}`;
  return html`<h1>Résultat du tirage au sort</h1>
<p>Numéro d’inscription : <strong>${r.id}</strong></p>
${state}`;
}

export function errorBodyHtml(code: keyof typeof ERROR_FR): Html {
  return html`<h1>${code === 'NOT_FOUND' ? 'Page introuvable' : 'Demande refusée'}</h1>
<p role="alert" data-error-code="${code}">${ERROR_FR[code]}</p>
<p><a href="/">Retour à la liste des guichets</a></p>`;
}
