/**
 * The booking path through the pages: list (counter page), captcha (the form's challenge), book
 * (fill and submit the form, follow the redirect, read the convocation).
 *
 * `captcha` then `book`: the pages have no "give me a challenge" request; the booking form issues
 * its own. So `captcha` opens the form for the slot this session listed (or booked) last, reads
 * the challenge off it, and parks the tab (context-pool.ts) for the `book` that follows, which
 * fills and submits that very form, as a person does. When the agent books another slot than the
 * form was opened for (people pick one of the first dates listed) or the parked form was taken
 * by another agent, the form posts the agent's choice anyway: the hidden slotId (and captchaId)
 * is set to what the action says. The target binds a challenge to the session, not to the slot,
 * so this is the same request the API would get; it costs one more page load when the form had
 * to be opened again.
 */
import type { Page } from 'playwright-core';
import type { Outcome, SlotInfo } from '../../../bots/actions.js';
import type { TargetAction } from '../driver.js';
import type { ParkedForm, PooledTab } from './context-pool.js';
import { fillIdentity, setHidden, skipBrowserChecks, typeInto } from './form-filling.js';
import { NoAnswer, open, submit } from './navigation.js';
import { refused } from './refused-page.js';
import { readChallenge, readConvocation, readSlots } from './page-reading.js';
import type { Answered, FlowDeps } from './flow-deps.js';
import { isRequestPage, requestAnswer } from './batch-flow.js';

type Act<K extends TargetAction['kind']> = Extract<TargetAction, { kind: K }>;

export const reserveHref = (slotId: string, ticket?: string) =>
  `/reserver?creneau=${encodeURIComponent(slotId)}${ticket ? `&ticket=${encodeURIComponent(ticket)}` : ''}`;

export async function list(d: FlowDeps, tab: PooledTab, session: string, a: Act<'list'>): Promise<Answered> {
  const status = await open(tab.page, `${d.url}/guichets/${encodeURIComponent(a.counter)}`);
  if (status !== 200) return refused(tab.page, status);
  let slots: SlotInfo[] = await readSlots(tab.page, a.counter);
  const lead = a.minLeadMs ?? 0;
  // the page lists the soonest 100; a later week is the part of them far enough ahead
  if (lead > 0) {
    const from = (await d.targetNow()) + lead;
    slots = slots.filter((s) => s.start > from);
  }
  slots = slots.slice(0, a.limit ?? 50);
  if (slots[0]) {
    d.memory.lastSlot.set(session, slots[0].id);
    d.memory.saw(slots[0].id);
  }
  return { outcome: { kind: 'slots', slots }, status };
}

export async function captcha(d: FlowDeps, tab: PooledTab, session: string): Promise<Answered & { park?: ParkedForm }> {
  const slotId = d.memory.lastSlot.get(session) ?? d.memory.anySlot;
  if (!slotId) throw new NoAnswer('protocol', 'no slot known to open the booking form at (list a counter first)');
  const status = await open(tab.page, `${d.url}${reserveHref(slotId)}`);
  if (status !== 200) return refused(tab.page, status);
  const challenge = await readChallenge(tab.page);
  // the policy has no captcha: the form offers none, as the API's would be pointless
  if (!challenge) return { outcome: { kind: 'rejected', rejected: 'NOT_FOUND' }, status };
  return { outcome: { kind: 'challenge', challenge }, status, park: { slotId, captchaId: challenge.id } };
}

export async function book(d: FlowDeps, tab: PooledTab, session: string, a: Act<'book'>): Promise<Answered> {
  const page = tab.page;
  if (!tab.parked) {
    const status = await open(page, `${d.url}${reserveHref(a.slotId, a.ticket)}`);
    if (status !== 200) return refused(page, status);
  }
  const form = page.locator('form[action="/reserver"]');
  if (tab.parked?.form.slotId !== a.slotId) await setHidden(form, 'slotId', a.slotId);
  if (a.ticket !== undefined) await setHidden(form, 'ticket', a.ticket);
  await fillIdentity(form, a.identity, d.typingDelayMs);
  await answerCaptcha(d, page, a.captcha);
  await skipBrowserChecks(form);
  const status = await submit(page, form.getByRole('button', { name: 'Confirmer le rendez-vous' }));
  d.memory.lastSlot.set(session, a.slotId);
  // batch release: the request waits for its batch, on its own page (batch-flow.ts)
  if (status === 200 && isRequestPage(page)) return requestAnswer(d, page, status);
  if (status !== 200 || !new URL(page.url()).pathname.startsWith('/convocation/')) return refused(page, status);
  const read = await readConvocation(page);
  d.memory.remember(read.convocation);
  const outcome: Outcome = { kind: 'booked', convocation: { ...read.convocation, slotId: a.slotId } };
  if (read.confirmBy !== undefined) outcome.confirmBy = read.confirmBy;
  return { outcome, status };
}

/**
 * The captcha part of the form. Text: the agent's answer typed in "Code de vérification".
 * Proof of work: the page's own script solves it (the browser spends that CPU, as a visitor's
 * does) and enables the submit button; then the agent's id and nonce are what is posted. An
 * agent that brings no answer posts none (the form's challenge id cleared), so the target
 * answers CAPTCHA_REQUIRED, or books under the client-side-only flaw, as over the API.
 */
async function answerCaptcha(d: FlowDeps, page: Page, answer: { id: string; answer: string } | undefined): Promise<void> {
  const challenge = await readChallenge(page);
  if (!challenge) return;
  const form = page.locator('form[action="/reserver"]');
  if (challenge.kind === 'proof-of-work') {
    await form.getByRole('button', { name: 'Confirmer le rendez-vous' }).and(page.locator(':enabled')).waitFor();
    await setHidden(form, 'captchaId', answer?.id ?? '');
    await setHidden(form, 'captchaAnswer', answer?.answer ?? '');
    return;
  }
  if (!answer) {
    await setHidden(form, 'captchaId', '');
    return;
  }
  if (answer.id !== challenge.id) await setHidden(form, 'captchaId', answer.id);
  await typeInto(form.getByLabel('Code de vérification'), answer.answer, d.typingDelayMs);
}
