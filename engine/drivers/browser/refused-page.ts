/** What a page that refuses says: the target's code off the page, or UNAVAILABLE for a 5xx. */
import type { Page } from 'playwright-core';
import type { Outcome } from '../../../bots/actions.js';
import type { Answered } from './flow-deps.js';
import { NoAnswer, refusalCode } from './navigation.js';

/**
 * A page that is not the expected 2xx: the refusal it shows. A 5xx is a page that did not work:
 * UNAVAILABLE (an HTTP answer came, so no wire failure); a 4xx without a code makes no sense.
 */
export async function refused(page: Page, status: number): Promise<Answered> {
  if (status >= 500) return { outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status };
  const code = await refusalCode(page);
  if (!code) throw new NoAnswer('protocol', `HTTP ${status} at ${new URL(page.url()).pathname} without a refusal code`, status);
  return { outcome: { kind: 'rejected', rejected: code as Extract<Outcome, { kind: 'rejected' }>['rejected'] }, status };
}
