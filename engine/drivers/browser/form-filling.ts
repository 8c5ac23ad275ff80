/**
 * Filling the target's forms by their labels, as a person or as a script. People type each key
 * (`pressSequentially` with `typingDelayMs` between keys: the page sees keydown/input events at a
 * human pace); a browser scalper (`typingDelayMs: 0`) sets each field at once with `fill`.
 */
import type { Locator, Page } from 'playwright-core';
import type { Identity } from '../../../bots/actions.js';

export async function typeInto(field: Locator, text: string, typingDelayMs: number): Promise<void> {
  if (typingDelayMs <= 0) {
    await field.fill(text);
    return;
  }
  await field.fill('');
  await field.pressSequentially(text, { delay: typingDelayMs });
}

/** The identity fieldset of the booking and lottery forms, within `scope` (a form or the page). */
export async function fillIdentity(scope: Page | Locator, identity: Identity, typingDelayMs: number): Promise<void> {
  await typeInto(scope.getByLabel('Prénom'), identity.firstName, typingDelayMs);
  await typeInto(scope.getByLabel('Nom de famille'), identity.lastName, typingDelayMs);
  await typeInto(scope.getByLabel('Adresse e-mail'), identity.email, typingDelayMs);
  if (identity.phone !== undefined) await typeInto(scope.getByLabel('Téléphone'), identity.phone, typingDelayMs);
  if (identity.agdref !== undefined) await typeInto(scope.getByLabel('Numéro AGDREF'), identity.agdref, typingDelayMs);
}

/** Sets a hidden field of a form (adding it when absent): what the agent decided, the page did not offer. */
export async function setHidden(form: Locator, name: string, value: string): Promise<void> {
  await form.evaluate((f, [n, v]) => {
    let input = f.querySelector(`input[name="${n}"]`) as unknown as InputLike | null;
    if (!input) {
      const made = f.ownerDocument.createElement('input');
      f.appendChild(made);
      input = made as unknown as InputLike;
      input.type = 'hidden';
      input.name = n as string;
    }
    input.value = v as string;
  }, [name, value]);
}

/** The few input properties used in the page (the project compiles without the DOM library). */
interface InputLike { type: string; name: string; value: string }

/**
 * Lets the form post what it holds even if the browser's own checks (required, type=email)
 * would stop it: the target's answer (NAME_REQUIRED, CAPTCHA_REQUIRED, …) is what the agent
 * gets, as over the API, rather than a form that silently does not submit.
 */
export async function skipBrowserChecks(form: Locator): Promise<void> {
  await form.evaluate((f) => {
    const el = f as unknown as { checkValidity(): boolean; noValidate: boolean };
    if (!el.checkValidity()) el.noValidate = true;
  });
}
