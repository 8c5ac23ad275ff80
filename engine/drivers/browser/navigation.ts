/**
 * Going to a page or submitting a form, and what came back: the HTTP status of the last
 * navigation (after redirects: a booking's 303 to its convocation counts as the convocation's
 * 200), or why nothing usable came (NoAnswer: a timeout, a refused or dropped connection, or a
 * page that made no sense). The driver turns a NoAnswer into `rejected: UNAVAILABLE`.
 */
import { errors, type Locator, type Page, type Request, type Response } from 'playwright-core';
import type { WireFailure } from '../driver.js';

export class NoAnswer extends Error {
  constructor(readonly failure: WireFailure, message: string, readonly status = 0) {
    super(message);
    this.name = 'NoAnswer';
  }
}

/** A Playwright error as a wire failure: its deadline passed, the network failed, or anything else. */
export function noAnswer(e: unknown): NoAnswer {
  if (e instanceof NoAnswer) return e;
  const message = e instanceof Error ? e.message : String(e);
  // undici's (admin API, clock): its codes say which
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (/TIMEOUT/.test(code)) return new NoAnswer('timeout', message);
  if (/^E(CONN|PIPE|HOSTUNREACH|NETUNREACH)|^UND_ERR_SOCKET|^UND_ERR_CLOSED/.test(code)) return new NoAnswer('connection', message);
  if (e instanceof errors.TimeoutError || /net::ERR_TIMED_OUT/.test(message)) return new NoAnswer('timeout', message);
  // refused, reset, closed, empty response; or the browser itself went away
  if (/net::ERR_|has been closed|Target closed|Browser closed/i.test(message)) return new NoAnswer('connection', message);
  return new NoAnswer('protocol', message);
}

/** Opens `url` in the tab; the status of its (last) response. */
export async function open(page: Page, url: string): Promise<number> {
  try {
    const r = await page.goto(url, { waitUntil: 'domcontentloaded' });
    if (!r) throw new NoAnswer('protocol', `no response for ${url}`);
    return r.status();
  } catch (e) {
    throw noAnswer(e);
  }
}

/**
 * Clicks a form's submit button and waits for the page it leads to (through a 303 if any). The
 * status is that of the response the tab ends on; a navigation that fails is a NoAnswer.
 */
export async function submit(page: Page, button: Locator): Promise<number> {
  const main = page.mainFrame();
  let status = 0;
  const onResponse = (r: Response): void => {
    if (r.frame() === main && r.request().isNavigationRequest()) status = r.status();
  };
  let fail: (e: NoAnswer) => void = () => {};
  const failed = new Promise<never>((_, reject) => { fail = reject; });
  failed.catch(() => {});
  const onFailed = (r: Request): void => {
    if (r.frame() !== main || !r.isNavigationRequest()) return;
    const text = r.failure()?.errorText ?? 'navigation failed';
    fail(new NoAnswer(/TIMED_OUT/.test(text) ? 'timeout' : 'connection', `${text} at ${r.url()}`));
  };
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  try {
    const committed = page.waitForEvent('framenavigated', { predicate: (f) => f === main });
    committed.catch(() => {});
    await button.click();
    await Promise.race([committed, failed]);
    await Promise.race([page.waitForLoadState('domcontentloaded'), failed]);
    if (status === 0) throw new NoAnswer('protocol', 'the form led to a page without a response');
    return status;
  } catch (e) {
    throw noAnswer(e);
  } finally {
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  }
}

/** The target's refusal code on an error page or a re-rendered form (`data-error-code` of its alert). */
export async function refusalCode(page: Page): Promise<string | undefined> {
  const alert = page.getByRole('alert').and(page.locator('[data-error-code]'));
  if ((await alert.count()) === 0) return undefined;
  return (await alert.first().getAttribute('data-error-code')) ?? undefined;
}
