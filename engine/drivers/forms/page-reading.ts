/**
 * What a form-posting scraper reads off the target's pages (target/http/views/), with
 * node-html-parser: slot links, a form's hidden fields and challenge, the convocation, the
 * registration, and the refusal a page shows. Each reader returns undefined when the page is not
 * the one it expects: the driver reports that as a protocol failure, as a scraper would notice
 * the site changed.
 */
import { parse, type HTMLElement } from 'node-html-parser';
import type { ChallengeInfo, SlotInfo } from '../../../bots/actions.js';
import type { ErrorCode } from '../../../target/domain/errors.js';
import { isErrorCode } from '../http/wire-answers.js';
import { codeOfMessage } from './refusal-messages.js';

export const parsePage = (html: string): HTMLElement => parse(html);

/** "2019-01-07T08:30:00.000+01:00" (a <time datetime>) → epoch ms. */
function instantOf(el: HTMLElement | null): number | undefined {
  const iso = el?.getAttribute('datetime');
  const ms = iso === undefined ? NaN : Date.parse(iso);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The counter page's slot links `/reserver?creneau=<id>`, soonest first as the page lists them. */
export function slotLinks(page: HTMLElement, counter: string): SlotInfo[] | undefined {
  if (!page.querySelector('h1')) return undefined;
  const out: SlotInfo[] = [];
  for (const a of page.querySelectorAll('a[href^="/reserver?"]')) {
    const id = new URLSearchParams((a.getAttribute('href') ?? '').split('?')[1] ?? '').get('creneau');
    const start = instantOf(a.querySelector('time'));
    if (!id || start === undefined) return undefined;
    out.push({ id, counter, start });
  }
  return out;
}

/** Every named input of the first form posting to `action`: what a browser would send untouched. */
export function formFields(page: HTMLElement, action: string): Record<string, string> | undefined {
  const form = page.querySelectorAll('form').find((f) => f.getAttribute('action') === action);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const name = input.getAttribute('name');
    if (name) fields[name] = input.getAttribute('value') ?? '';
  }
  return fields;
}

/**
 * The booking form's anti-robot check: its id (hidden `captchaId`) and prompt (the code shown, or
 * the proof-of-work's `data-prompt`). The page does not say when it expires, so neither can we.
 */
export function formChallenge(page: HTMLElement): ChallengeInfo | undefined {
  const id = page.querySelector('input[name="captchaId"]')?.getAttribute('value');
  if (!id) return undefined;
  const answer = page.querySelector('#captchaAnswer');
  const powPrompt = answer?.getAttribute('data-prompt');
  if (powPrompt) {
    return { id, kind: 'proof-of-work', prompt: powPrompt, difficulty: Number(answer?.getAttribute('data-difficulty') ?? 0), expiresAt: Number.MAX_SAFE_INTEGER };
  }
  const prompt = page.querySelector('#captcha-code')?.text.trim();
  return prompt ? { id, kind: 'challenge', prompt, expiresAt: Number.MAX_SAFE_INTEGER } : undefined;
}

export interface ConvocationPage {
  bookingId: string;
  slotStart: number;
  name: string;
  /** when the page asks for the e-mail code by a deadline */
  confirmBy?: number;
}

/** The convocation page: number (`#numero`), date, name (the `Nom` entry), confirmation deadline. */
export function convocationPage(page: HTMLElement): ConvocationPage | undefined {
  const bookingId = page.querySelector('#numero')?.text.trim();
  const dts = page.querySelectorAll('dt');
  const entry = (label: string) => dts.find((dt) => dt.text.trim().startsWith(label))?.nextElementSibling ?? null;
  const slotStart = instantOf(entry('Date')?.querySelector('time') ?? null);
  const name = entry('Nom')?.text.replace(/\s+/g, ' ').trim();
  if (!bookingId || slotStart === undefined || name === undefined) return undefined;
  const out: ConvocationPage = { bookingId, slotStart, name };
  const confirmBy = instantOf(page.querySelector('#confirmer-avant time'));
  if (confirmBy !== undefined) out.confirmBy = confirmBy;
  return out;
}

/** The registration page: its number (in <strong>) and the draw's date. */
export function registrationPage(page: HTMLElement): { registrationId: string; drawAt: number } | undefined {
  const registrationId = page.querySelector('strong')?.text.trim();
  const drawAt = instantOf(page.querySelector('time'));
  return registrationId && drawAt !== undefined ? { registrationId, drawAt } : undefined;
}

/**
 * The refusal a page shows: a `data-error-code` attribute when the site has one, else its
 * French message (the form's error summary or the error page's alert) matched to its code.
 */
export function refusalOf(page: HTMLElement): ErrorCode | undefined {
  const tagged = page.querySelector('[data-error-code]')?.getAttribute('data-error-code');
  if (isErrorCode(tagged)) return tagged;
  const message = (page.querySelector('#erreur-champ') ?? page.querySelector('[role="alert"]'))?.text.replace(/\s+/g, ' ').trim();
  return message ? codeOfMessage(message) : undefined;
}
