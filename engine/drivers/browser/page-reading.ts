/**
 * What the driver reads off the target's pages, by role and label as a person finds it: the slot
 * links of a counter page, a form's challenge, a convocation's details (a definition list:
 * labels → values), a ticket, a registration. One round trip to the page per reading: each
 * Playwright call is a message to the browser, and on two cores they add up.
 *
 * Functions passed to `evaluate` run in the page: they must not call helpers of this module.
 */
import type { Page } from 'playwright-core';
import type { ChallengeInfo, Convocation, SlotInfo } from '../../../bots/actions.js';
import { NoAnswer } from './navigation.js';

const instant = (iso: string | null | undefined, what: string): number => {
  const ms = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(ms)) throw new NoAnswer('protocol', `the page shows no readable time for ${what}`);
  return ms;
};

/** The slot links of a counter page (`/reserver?creneau=…`, each with its <time>), soonest first as listed. */
export async function readSlots(page: Page, counter: string): Promise<SlotInfo[]> {
  const links = page.getByRole('listitem').getByRole('link');
  const raw = await links.evaluateAll((els) => els.map((a) => ({
    href: a.getAttribute('href') ?? '', datetime: a.querySelector('time')?.getAttribute('datetime') ?? '',
  })));
  const slots: SlotInfo[] = [];
  for (const { href, datetime } of raw) {
    const id = new URL(href, 'http://page.invalid').searchParams.get('creneau');
    if (id) slots.push({ id, counter, start: instant(datetime, `slot ${id}`) });
  }
  return slots;
}

/** The challenge of a booking form, or undefined when the form has none (no captcha measure). */
export async function readChallenge(page: Page): Promise<ChallengeInfo | undefined> {
  const fieldset = page.getByRole('group', { name: 'Vérification anti-robot' });
  if ((await fieldset.count()) === 0) return undefined;
  const r = await fieldset.evaluate((fs) => {
    const id = (fs.querySelector('input[name="captchaId"]') as unknown as { value: string } | null)?.value ?? '';
    const answer = fs.querySelector('input[name="captchaAnswer"]') as unknown as { type: string; dataset: Record<string, string | undefined> } | null;
    const pow = answer?.type === 'hidden';
    return {
      id, pow,
      prompt: pow ? answer?.dataset['prompt'] ?? '' : fs.querySelector('strong')?.textContent?.trim() ?? '',
      difficulty: Number(answer?.dataset['difficulty'] ?? 0),
      expires: fs.querySelector('time')?.getAttribute('datetime') ?? '',
    };
  });
  if (!r.id || !r.prompt) throw new NoAnswer('protocol', 'the booking form shows a captcha without an id or a prompt');
  const c: ChallengeInfo = { id: r.id, kind: r.pow ? 'proof-of-work' : 'challenge', prompt: r.prompt, expiresAt: instant(r.expires, 'the captcha') };
  if (r.pow) c.difficulty = r.difficulty;
  return c;
}

/** Labels → values of the page's definition list, and the datetime of a <time> in a value. */
async function details(page: Page): Promise<Map<string, { text: string; time: string }>> {
  const pairs = await page.locator('dl').first().evaluate((dl) => [...dl.querySelectorAll('dt')].map((dt) => {
    const dd = dt.nextElementSibling;
    return [dt.textContent?.trim() ?? '', { text: dd?.textContent?.trim() ?? '', time: dd?.querySelector('time')?.getAttribute('datetime') ?? '' }] as const;
  }));
  return new Map(pairs);
}

export interface ReadConvocation {
  convocation: Convocation;
  status: string;
  confirmBy?: number;
}

/** A convocation page: number, slot, time and name from its details; the token from its address. */
export async function readConvocation(page: Page): Promise<ReadConvocation> {
  const url = new URL(page.url());
  const token = url.searchParams.get('token');
  const d = await details(page);
  const bookingId = d.get('Numéro de rendez-vous')?.text;
  const slotId = d.get('Référence du créneau')?.text;
  const name = d.get('Nom')?.text;
  if (!token || !bookingId || !slotId || name === undefined) throw new NoAnswer('protocol', `${url.pathname} is not a readable convocation`);
  const convocation: Convocation = {
    bookingId, token, slotId, counter: slotId.slice(0, slotId.indexOf('@')),
    slotStart: instant(d.get('Date et heure (heure de Paris)')?.time, 'the appointment'), name: name.replace(/\s+/g, ' '),
  };
  const status = (await page.getByRole('status').first().textContent())?.trim() ?? '';
  const deadline = page.getByText('doit être confirmé').locator('time');
  const out: ReadConvocation = { convocation, status };
  if ((await deadline.count()) > 0) out.confirmBy = instant(await deadline.first().getAttribute('datetime'), 'the confirmation deadline');
  return out;
}

/** A waiting-room ticket page. */
export async function readTicket(page: Page): Promise<{ ticketId: string; releaseAt: number; admitAt?: number }> {
  const d = await details(page);
  const ticketId = d.get('Numéro de ticket')?.text;
  if (!ticketId) throw new NoAnswer('protocol', 'the ticket page shows no ticket number');
  const out: { ticketId: string; releaseAt: number; admitAt?: number } = { ticketId, releaseAt: instant(d.get('Ouverture des réservations')?.time, 'the release') };
  const turn = d.get('Votre tour');
  if (turn) out.admitAt = instant(turn.time, 'the turn');
  return out;
}

/** The page after a lottery registration: its number and the draw's time. */
export async function readRegistration(page: Page): Promise<{ registrationId: string; drawAt: number }> {
  const id = (await page.getByText('Numéro d’inscription').locator('strong').first().textContent())?.trim();
  if (!id) throw new NoAnswer('protocol', 'the registration page shows no registration number');
  return { registrationId: id, drawAt: instant(await page.locator('main time').first().getAttribute('datetime'), 'the draw') };
}

/** A batch-release request's page: its number, when its batch is drawn, and the decision so far. */
export async function readBookingRequest(page: Page): Promise<{ requestId: string; closesAt: number; decision: string }> {
  const d = await details(page);
  const requestId = d.get('Numéro de demande')?.text;
  if (!requestId) throw new NoAnswer('protocol', 'the request page shows no request number');
  const decision = (await page.getByRole('status').first().getAttribute('data-decision')) ?? '';
  return { requestId, closesAt: instant(d.get('Tirage du lot')?.time, 'the batch'), decision };
}
