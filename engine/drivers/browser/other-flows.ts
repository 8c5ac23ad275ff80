/**
 * The pages after and around booking: confirming by the e-mailed code and cancelling (the
 * convocation page's forms), the lottery (registration form on the counter page, result page)
 * and the waiting room (button on the counter page, ticket page).
 *
 * Registering and joining the room start from the counter page, as a person does: that page is
 * a listing, so these cost one more rate-limit token than the API's single request.
 */
import type { Outcome } from '../../../bots/actions.js';
import type { TargetAction } from '../driver.js';
import { refused } from './refused-page.js';
import type { PooledTab } from './context-pool.js';
import type { Answered, FlowDeps } from './flow-deps.js';
import { fillIdentity, skipBrowserChecks, typeInto } from './form-filling.js';
import { NoAnswer, open, submit } from './navigation.js';
import { readConvocation, readRegistration, readTicket } from './page-reading.js';

type Act<K extends TargetAction['kind']> = Extract<TargetAction, { kind: K }>;

const convocationHref = (bookingId: string, token: string) =>
  `/convocation/${encodeURIComponent(bookingId)}?token=${encodeURIComponent(token)}`;

const rejected = (code: Extract<Outcome, { kind: 'rejected' }>['rejected'], status: number): Answered =>
  ({ outcome: { kind: 'rejected', rejected: code }, status });

/** The code of the last mail about this booking, read with the admin API ("the person's mailbox"). */
async function mailedCode(d: FlowDeps, email: string, bookingId: string): Promise<{ code: string | undefined; status: number }> {
  const r = await d.adminGet(`/admin/mail?to=${encodeURIComponent(email)}`);
  if (r.status !== 200) throw new NoAnswer('protocol', `GET /admin/mail answered ${r.status}`, r.status);
  const mail = (r.body as { mail?: Array<{ bookingId?: string; body?: string }> }).mail ?? [];
  const last = mail.filter((m) => m.bookingId === bookingId).at(-1);
  // the last word of "Code de confirmation : …" (the live target's codes are base64url: - and _ included)
  return { code: last?.body ? /(\S+)\s*$/.exec(last.body)?.[1] : undefined, status: r.status };
}

export async function confirm(d: FlowDeps, tab: PooledTab, a: Act<'confirm'>): Promise<Answered> {
  const { code, status: mailStatus } = await mailedCode(d, a.email, a.bookingId);
  const token = d.memory.tokenOf(a.bookingId);
  // no mail for it (as the in-process driver says), or a booking this driver never saw
  if (!code || !token) return rejected('NOT_FOUND', mailStatus);
  const page = tab.page;
  const status = await open(page, `${d.url}${convocationHref(a.bookingId, token)}`);
  if (status !== 200) return refused(page, status);
  const field = page.getByLabel('Code de confirmation');
  // no form: the booking is no longer held (confirmed, cancelled, expired)
  if ((await field.count()) === 0) return rejected('BOOKING_NOT_ACTIVE', status);
  await typeInto(field, code, d.typingDelayMs);
  const after = await submit(page, page.getByRole('button', { name: 'Confirmer', exact: true }));
  return after === 200 ? { outcome: { kind: 'ok' }, status: after } : refused(page, after);
}

export async function cancel(d: FlowDeps, tab: PooledTab, a: Act<'cancel'>): Promise<Answered> {
  const page = tab.page;
  const status = await open(page, `${d.url}${convocationHref(a.bookingId, a.token)}`);
  if (status !== 200) return refused(page, status);
  const button = page.getByRole('button', { name: 'Annuler ce rendez-vous' });
  if ((await button.count()) === 0) return rejected('BOOKING_NOT_ACTIVE', status);
  const after = await submit(page, button);
  return after === 200 ? { outcome: { kind: 'ok' }, status: after } : refused(page, after);
}

export async function register(d: FlowDeps, tab: PooledTab, a: Act<'register'>): Promise<Answered> {
  const page = tab.page;
  const status = await open(page, `${d.url}/guichets/${encodeURIComponent(a.counter)}`);
  if (status !== 200) return refused(page, status);
  const form = page.locator(`form[action$="/inscription"]`);
  if ((await form.count()) === 0) return rejected('NOT_OPEN', status);
  await fillIdentity(form, a.identity, d.typingDelayMs);
  await skipBrowserChecks(form);
  const after = await submit(page, form.getByRole('button', { name: 'M’inscrire au tirage' }));
  if (after !== 201) return refused(page, after);
  return { outcome: { kind: 'registered', ...(await readRegistration(page)) }, status: after };
}

export async function lotteryResult(d: FlowDeps, tab: PooledTab, a: Act<'lotteryResult'>): Promise<Answered> {
  const page = tab.page;
  const status = await open(page, `${d.url}/inscription/${encodeURIComponent(a.registrationId)}`);
  if (status !== 200) return refused(page, status);
  const state = await page.getByRole('status').first().getAttribute('data-outcome');
  const out: Extract<Outcome, { kind: 'lottery' }> = { kind: 'lottery' };
  if (state === 'won' || state === 'lost') out.outcome = state;
  const link = page.getByRole('link', { name: 'Voir votre convocation' });
  if ((await link.count()) === 0) return { outcome: out, status };
  const shown = await open(page, new URL((await link.getAttribute('href')) ?? '', page.url()).href);
  if (shown !== 200) return refused(page, shown);
  const read = await readConvocation(page);
  d.memory.remember(read.convocation);
  out.convocation = read.convocation;
  return { outcome: out, status: shown };
}

export async function joinRoom(d: FlowDeps, tab: PooledTab, a: Act<'joinRoom'>): Promise<Answered> {
  const page = tab.page;
  const status = await open(page, `${d.url}/guichets/${encodeURIComponent(a.counter)}`);
  if (status !== 200) return refused(page, status);
  const button = page.getByRole('button', { name: 'Rejoindre la file d’attente' });
  if ((await button.count()) === 0) return rejected('NOT_OPEN', status);
  const after = await submit(page, button);
  return after === 200 ? ticketAnswer(tab, after) : refused(page, after);
}

export async function ticket(d: FlowDeps, tab: PooledTab, a: Act<'ticket'>): Promise<Answered> {
  const status = await open(tab.page, `${d.url}/file/${encodeURIComponent(a.ticketId)}`);
  return status === 200 ? ticketAnswer(tab, status) : refused(tab.page, status);
}

async function ticketAnswer(tab: PooledTab, status: number): Promise<Answered> {
  const t = await readTicket(tab.page);
  const outcome: Outcome = { kind: 'ticket', ticketId: t.ticketId, releaseAt: t.releaseAt };
  if (t.admitAt !== undefined) outcome.admitAt = t.admitAt;
  return { outcome, status };
}
