/**
 * Batch release through the pages: the booking form's request lands on its own page
 * (`/demande/{id}`), which says when the batch is drawn and, after, what was decided. A booked
 * request links its convocation, which the driver opens and reads as after a first-come booking;
 * a refused one shows the target's code, as a re-rendered form does.
 */
import type { Page } from 'playwright-core';
import type { Outcome } from '../../../bots/actions.js';
import type { TargetAction } from '../driver.js';
import { refused } from './refused-page.js';
import type { PooledTab } from './context-pool.js';
import type { Answered, FlowDeps } from './flow-deps.js';
import { NoAnswer, open, refusalCode } from './navigation.js';
import { readBookingRequest, readConvocation } from './page-reading.js';

export const isRequestPage = (page: Page): boolean => new URL(page.url()).pathname.startsWith('/demande/');

/** What a request's page says: pending until its batch is drawn, then booked (the convocation read) or refused. */
export async function requestAnswer(d: FlowDeps, page: Page, status: number): Promise<Answered> {
  const q = await readBookingRequest(page);
  if (q.decision === 'pending') return { outcome: { kind: 'pending', requestId: q.requestId, decideAt: q.closesAt }, status };
  if (q.decision === 'refused') {
    const code = await refusalCode(page);
    if (!code) throw new NoAnswer('protocol', `request ${q.requestId} refused without a code`, status);
    return { outcome: { kind: 'rejected', rejected: code as Extract<Outcome, { kind: 'rejected' }>['rejected'] }, status };
  }
  const link = page.getByRole('link', { name: 'Voir votre convocation' });
  if (q.decision !== 'booked' || (await link.count()) === 0) throw new NoAnswer('protocol', `request ${q.requestId} shows no decision`, status);
  const shown = await open(page, new URL((await link.getAttribute('href')) ?? '', page.url()).href);
  if (shown !== 200) return refused(page, shown);
  const read = await readConvocation(page);
  d.memory.remember(read.convocation);
  const outcome: Outcome = { kind: 'booked', convocation: read.convocation };
  if (read.confirmBy !== undefined) outcome.confirmBy = read.confirmBy;
  return { outcome, status: shown };
}

export async function bookingResult(d: FlowDeps, tab: PooledTab, a: Extract<TargetAction, { kind: 'bookingResult' }>): Promise<Answered> {
  const status = await open(tab.page, `${d.url}/demande/${encodeURIComponent(a.requestId)}`);
  if (status !== 200) return refused(tab.page, status);
  return requestAnswer(d, tab.page, status);
}
