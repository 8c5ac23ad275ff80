/**
 * The target's French refusal messages, as a scraper learns them by using the site: the start of
 * each message → the refusal code an agent understands. The pages show messages, not codes; a
 * test checks this table against the target's wording (target/http/views/format.ts), so a
 * change of wording is caught there rather than as mysterious protocol failures in a run.
 */
import type { ErrorCode } from '../../../target/domain/errors.js';

export const REFUSAL_MESSAGES: ReadonlyArray<readonly [string, ErrorCode]> = [
  ['Certaines informations sont invalides.', 'VALIDATION'],
  ['Élément introuvable.', 'NOT_FOUND'],
  ['Ce créneau vient d’être réservé', 'SLOT_TAKEN'],
  ['Ce créneau n’est pas ouvert à la réservation.', 'SLOT_NOT_RELEASED'],
  ['Veuillez recopier le code de vérification.', 'CAPTCHA_REQUIRED'],
  ['Le code de vérification est incorrect.', 'CAPTCHA_INVALID'],
  ['Le code de vérification a expiré.', 'CAPTCHA_EXPIRED'],
  ['Ce code de vérification a déjà servi.', 'CAPTCHA_USED'],
  ['Vous avez déjà le nombre maximal de rendez-vous actifs.', 'LIMIT_REACHED'],
  ['Le prénom et le nom sont obligatoires.', 'NAME_REQUIRED'],
  ['Le numéro AGDREF ne correspond pas au nom indiqué.', 'REGISTRY_MISMATCH'],
  ['Trop de demandes.', 'RATE_LIMITED'],
  ['Lien ou code invalide.', 'TOKEN_INVALID'],
  ['Ce rendez-vous n’est plus actif.', 'BOOKING_NOT_ACTIVE'],
  ['Les inscriptions ne sont pas ouvertes pour ce guichet.', 'NOT_OPEN'],
  ['Vous êtes déjà inscrit pour ce tirage.', 'ALREADY_REGISTERED'],
  ['Votre passage par la file d’attente n’est pas valable : votre tour n’est pas venu, ou votre admission a expiré ou a déjà servi.', 'NOT_ADMITTED'],
  ['Vous avez déjà une demande en attente pour ce lot.', 'REQUEST_PENDING'],
  ['Accès réservé.', 'UNAUTHORIZED'],
  ['La demande est trop volumineuse.', 'PAYLOAD_TOO_LARGE'],
  ['Le format de la demande n’est pas accepté.', 'UNSUPPORTED_MEDIA_TYPE'],
  ['Cette action n’est pas possible sur cette page.', 'METHOD_NOT_ALLOWED'],
  ['L’adresse ou le contenu de la demande est mal encodé.', 'BAD_ENCODING'],
  ['Ce formulaire doit être envoyé depuis ce site.', 'CROSS_ORIGIN'],
];

/** The code of a refusal message (it may go on, e.g. "Champ concerné : …"); undefined when unknown. */
export function codeOfMessage(message: string): ErrorCode | undefined {
  return REFUSAL_MESSAGES.find(([start]) => message.startsWith(start))?.[1];
}
