/** Pages of the booking path: counters → slots → form. */
import { POW_BROWSER_SOLVER, POW_BROWSER_SOLVER_NAME } from '../../domain/captcha.js';
import type { ReleaseConfig } from '../../domain/policy.js';
import type { ChallengeView, CounterView, SlotView } from '../../domain/views.js';
import { ERROR_FR, FIELD_FR, timeTag } from './format.js';
import { html, raw, type Html } from './html.js';

export const slotHref = (slotId: string, ticket?: string) =>
  `/reserver?creneau=${encodeURIComponent(slotId)}${ticket ? `&ticket=${encodeURIComponent(ticket)}` : ''}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function countersBody(counters: CounterView[]): Html {
  return html`<h1>Prendre rendez-vous</h1>
<p>Choisissez le guichet qui correspond à votre démarche.</p>
<ul>
${counters.map((c) => html`<li><a href="/guichets/${encodeURIComponent(c.id)}">${c.label}</a> — ${plural(c.available, 'créneau disponible', 'créneaux disponibles')}</li>
`)}</ul>`;
}

function breadcrumb(label: string): Html {
  return html`<nav aria-label="Fil d’Ariane"><a href="/">Guichets</a> › ${label}</nav>`;
}

export function slotsBody(counter: CounterView, slots: SlotView[], release: ReleaseConfig, ticket?: string): Html {
  const list = slots.length === 0
    ? html`<p>Aucun créneau n’est disponible pour le moment. De nouveaux créneaux sont mis en ligne régulièrement.</p>`
    : html`<h2>Créneaux disponibles</h2>
<ul>
${slots.map((s) => html`<li><a href="${slotHref(s.id, ticket)}">${timeTag(s.start)}, guichet ${s.desk}</a></li>
`)}</ul>`;
  const lottery = release.kind === 'lottery' ? lotteryForm(counter.id) : html``;
  const room = release.kind === 'waiting-room' && !ticket
    ? html`<h2>File d’attente</h2>
<p>Les créneaux de ce guichet sont attribués par une file d’attente : l’ordre d’arrivée avant l’ouverture est tiré au sort.</p>
<form method="post" action="/guichets/${encodeURIComponent(counter.id)}/file"><button type="submit">Rejoindre la file d’attente</button></form>`
    : html``;
  return html`${breadcrumb(counter.label)}
<h1>${counter.label}</h1>
${room}${list}${lottery}`;
}

function lotteryForm(counterId: string): Html {
  return html`<h2>Tirage au sort</h2>
<p>Les créneaux de ce guichet sont attribués par tirage au sort parmi les personnes inscrites.</p>
<form method="post" action="/guichets/${encodeURIComponent(counterId)}/inscription">
${identityFields({}, undefined)}
<button type="submit">M’inscrire au tirage</button>
</form>`;
}

export interface FormValues {
  firstName?: string; lastName?: string; email?: string; phone?: string; agdref?: string;
}

export interface FormError { code: keyof typeof ERROR_FR; field?: string }

function field(name: keyof FormValues, label: string, type: string, autocomplete: string, values: FormValues,
  error: FormError | undefined, opts: { required: boolean; hint?: string }): Html {
  const invalid = error?.field === name;
  const hintId = `${name}-aide`;
  const described = [opts.hint ? hintId : '', invalid ? 'erreur-champ' : ''].filter(Boolean).join(' ');
  return html`<label for="${name}">${label}${opts.required ? ' (obligatoire)' : ''}</label>
${opts.hint ? html`<span class="hint" id="${hintId}">${opts.hint}</span>` : ''}
<input id="${name}" name="${name}" type="${type}" autocomplete="${autocomplete}" value="${values[name] ?? ''}"${opts.required ? raw(' required') : ''}${invalid ? raw(' aria-invalid="true"') : ''}${described ? html` aria-describedby="${described}"` : ''}>
`;
}

function identityFields(values: FormValues, error: FormError | undefined, agdrefRequired = false): Html {
  return html`<fieldset><legend>Votre identité (telle qu’elle figure sur vos papiers)</legend>
${field('firstName', 'Prénom', 'text', 'given-name', values, error, { required: true })}
${field('lastName', 'Nom de famille', 'text', 'family-name', values, error, { required: true })}
${field('email', 'Adresse e-mail', 'email', 'email', values, error, { required: true, hint: 'La convocation et les messages y sont envoyés.' })}
${field('phone', 'Téléphone', 'tel', 'tel', values, error, { required: false })}
${field('agdref', 'Numéro AGDREF', 'text', 'off', values, error, { required: agdrefRequired, hint: 'Numéro à 10 chiffres figurant sur votre titre de séjour.' })}
</fieldset>`;
}

function captchaFields(c: ChallengeView, error: FormError | undefined): Html {
  const invalid = error?.field === 'captchaAnswer';
  if (c.kind === 'challenge') {
    return html`<fieldset><legend>Vérification anti-robot</legend>
<input type="hidden" name="captchaId" value="${c.id}">
<p id="captcha-consigne">Recopiez le code suivant : <strong class="captcha" id="captcha-code">${c.prompt}</strong></p>
<p class="hint">Code valable jusqu’au ${timeTag(c.expiresAt)}.</p>
<label for="captchaAnswer">Code de vérification (obligatoire)</label>
<input id="captchaAnswer" name="captchaAnswer" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="captcha-consigne${invalid ? ' erreur-champ' : ''}"${invalid ? raw(' aria-invalid="true"') : ''}>
</fieldset>`;
  }
  return html`<fieldset><legend>Vérification anti-robot</legend>
<input type="hidden" name="captchaId" value="${c.id}">
<input type="hidden" id="captchaAnswer" name="captchaAnswer" value="" data-prompt="${c.prompt}" data-difficulty="${String(c.difficulty ?? 0)}">
<p id="pow-status" role="status" aria-live="polite">Votre navigateur effectue une vérification automatique (quelques secondes).</p>
<p class="hint">Vérification valable jusqu’au ${timeTag(c.expiresAt)}.</p>
<noscript><p>Cette vérification nécessite JavaScript. Activez-le pour réserver.</p></noscript>
</fieldset>`;
}

/** Fills the hidden answer with the browser solver, then enables the submit button. */
export function powScript(): Html {
  return html`${raw(POW_BROWSER_SOLVER)}
(function () {
  var input = document.getElementById('captchaAnswer');
  var button = document.getElementById('reserver');
  var status = document.getElementById('pow-status');
  if (!input || !input.dataset.prompt || !button) return;
  button.disabled = true;
  ${raw(POW_BROWSER_SOLVER_NAME)}(input.dataset.prompt, Number(input.dataset.difficulty)).then(function (r) {
    input.value = r.nonce;
    status.textContent = 'Vérification terminée. Vous pouvez confirmer le rendez-vous.';
    button.disabled = false;
  }, function () {
    status.textContent = 'La vérification a échoué. Rechargez la page.';
  });
})();`;
}

export interface FormModel {
  counter: CounterView;
  slot: SlotView;
  values: FormValues;
  challenge?: ChallengeView;
  ticket?: string;
  agdrefRequired: boolean;
  error?: FormError;
}

export function errorSummary(error: FormError | undefined): Html {
  if (!error) return html``;
  const label = error.field ? FIELD_FR[error.field] : undefined;
  // data-error-code: the target's refusal code, for scripts and browser agents (the text is for people)
  return html`<div class="error" role="alert" id="erreur" tabindex="-1" data-error-code="${error.code}">
<h2>La réservation n’a pas abouti</h2>
<p id="erreur-champ">${ERROR_FR[error.code]}${label ? html` Champ concerné : <a href="#${error.field ?? ''}">${label}</a>.` : ''}</p>
</div>`;
}

export function bookingFormBody(m: FormModel): Html {
  return html`${breadcrumb(m.counter.label)}
<h1>Réserver un rendez-vous</h1>
<p>${m.counter.label} — ${timeTag(m.slot.start)} — guichet ${m.slot.desk}</p>
${errorSummary(m.error)}
<form method="post" action="/reserver">
<input type="hidden" name="slotId" value="${m.slot.id}">
${m.ticket ? html`<input type="hidden" name="ticket" value="${m.ticket}">` : ''}
${identityFields(m.values, m.error, m.agdrefRequired)}
${m.challenge ? captchaFields(m.challenge, m.error) : ''}
<button type="submit" id="reserver">Confirmer le rendez-vous</button>
</form>`;
}
