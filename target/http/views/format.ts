/** French wording of the pages: dates in Paris time, statuses and refusal messages. */
import { DateTime } from 'luxon';
import { PARIS } from '../../domain/calendar.js';
import type { ErrorCode } from '../../domain/errors.js';
import type { BookingStatus } from '../../domain/types.js';
import { html, type Html } from './html.js';

/** "lundi 7 janvier 2019 à 08h30" (Paris time, whatever the server's zone). */
export function parisLong(ms: number): string {
  return DateTime.fromMillis(ms, { zone: PARIS }).setLocale('fr').toFormat("cccc d LLLL yyyy 'à' HH'h'mm");
}

/** A <time> element: readable text, machine-readable ISO instant with the Paris offset. */
export function timeTag(ms: number): Html {
  const iso = DateTime.fromMillis(ms, { zone: PARIS }).toISO() ?? '';
  return html`<time datetime="${iso}">${parisLong(ms)}</time>`;
}

export const STATUS_FR: Record<BookingStatus, string> = {
  held: 'en attente de confirmation par e-mail',
  confirmed: 'confirmé',
  cancelled: 'annulé',
  expired: 'expiré (non confirmé à temps)',
  purged: 'supprimé (doublon)',
  used: 'utilisé',
};

export const ERROR_FR: Record<ErrorCode | 'INTERNAL', string> = {
  VALIDATION: 'Certaines informations sont invalides.',
  NOT_FOUND: 'Élément introuvable.',
  SLOT_TAKEN: 'Ce créneau vient d’être réservé par quelqu’un d’autre. Choisissez-en un autre.',
  SLOT_NOT_RELEASED: 'Ce créneau n’est pas ouvert à la réservation.',
  CAPTCHA_REQUIRED: 'Veuillez recopier le code de vérification.',
  CAPTCHA_INVALID: 'Le code de vérification est incorrect. Un nouveau code vous est proposé.',
  CAPTCHA_EXPIRED: 'Le code de vérification a expiré. Un nouveau code vous est proposé.',
  CAPTCHA_USED: 'Ce code de vérification a déjà servi. Un nouveau code vous est proposé.',
  LIMIT_REACHED: 'Vous avez déjà le nombre maximal de rendez-vous actifs.',
  NAME_REQUIRED: 'Le prénom et le nom sont obligatoires.',
  REGISTRY_MISMATCH: 'Le numéro AGDREF ne correspond pas au nom indiqué.',
  RATE_LIMITED: 'Trop de demandes. Patientez quelques instants avant de réessayer.',
  TOKEN_INVALID: 'Lien ou code invalide.',
  BOOKING_NOT_ACTIVE: 'Ce rendez-vous n’est plus actif.',
  NOT_OPEN: 'Les inscriptions ne sont pas ouvertes pour ce guichet.',
  ALREADY_REGISTERED: 'Vous êtes déjà inscrit pour ce tirage.',
  NOT_ADMITTED: 'Votre passage par la file d’attente n’est pas valable : votre tour n’est pas venu, ou votre admission a expiré ou a déjà servi.',
  REQUEST_PENDING: 'Vous avez déjà une demande en attente pour ce lot.',
  UNAUTHORIZED: 'Accès réservé.',
  PAYLOAD_TOO_LARGE: 'La demande est trop volumineuse.',
  UNSUPPORTED_MEDIA_TYPE: 'Le format de la demande n’est pas accepté.',
  METHOD_NOT_ALLOWED: 'Cette action n’est pas possible sur cette page.',
  BAD_ENCODING: 'L’adresse ou le contenu de la demande est mal encodé.',
  CROSS_ORIGIN: 'Ce formulaire doit être envoyé depuis ce site.',
  INTERNAL: 'Une erreur interne est survenue. Réessayez plus tard.',
};

/** French labels of the form fields, to name the field at fault in an error summary. */
export const FIELD_FR: Record<string, string> = {
  firstName: 'Prénom', lastName: 'Nom de famille', email: 'Adresse e-mail', phone: 'Téléphone', agdref: 'Numéro AGDREF',
  captchaAnswer: 'Code de vérification', slotId: 'Créneau', code: 'Code de confirmation',
};

/** Domain field paths ("identity.email", "captcha.answer") → form field names ("email", "captchaAnswer"). */
export function formField(domainField: string | undefined): string | undefined {
  if (!domainField) return undefined;
  if (domainField.startsWith('identity.')) return domainField.slice('identity.'.length);
  if (domainField.startsWith('captcha')) return 'captchaAnswer';
  return domainField;
}
