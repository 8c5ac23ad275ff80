/**
 * The browser driver: agents act through the target's HTML pages in headless Chromium, by roles
 * and labels, typing like a person (or filling at once, as a browser scalper's script does).
 * A LiveDriver (../driver.ts); the driver-module loader imports this file's default export for
 * the built-in name `browser`. docs/browser.md tells what it does and what it costs.
 *
 * Each action borrows a tab of the context pool (context-pool.ts), which carries the agent's
 * network identity in headers, and gives it back after. Check-in at the counter is staff work,
 * not a browser's: it goes to the admin API `POST /api/check-in`, as with the HTTP driver.
 * Statuses are those of the last navigation; a page that does not come (timeout, refused
 * connection) or a 5xx is `rejected: UNAVAILABLE` with the failure; a refusal is the target's
 * code read off the page. Nothing here throws for either.
 */
import { availableParallelism } from 'node:os';
import type { Browser } from 'playwright-core';
import { Agent, request } from 'undici';
import type { AgentNet, CheckInAction, LiveDriver, LiveDriverFactory, LiveDriverOptions, TargetAction, WireAnswer } from '../driver.js';
import * as batch from './batch-flow.js';
import * as booking from './booking-flow.js';
import { launchChromium } from './chromium.js';
import { ContextPool, type ParkedForm, type PooledTab } from './context-pool.js';
import { FlowMemory, type Answered, type FlowDeps } from './flow-deps.js';
import { NoAnswer, noAnswer } from './navigation.js';
import * as other from './other-flows.js';

export { BrowserMissingError, CHROMIUM_ARGS, chromiumPath } from './chromium.js';

/** A person's pace between keys, in ms: about 40 words a minute, a form in a few seconds. */
export const PERSON_TYPING_DELAY_MS = 30;

export interface BrowserOptions {
  /** browser contexts at most (each one tab, one action at a time); default 2 per core */
  contexts?: number;
  /** ms between keys when typing (people); 0 fills fields at once (a browser scalper); default PERSON_TYPING_DELAY_MS */
  typingDelayMs?: number;
  /** the Chromium executable; default GUICHET_CHROMIUM, else /usr/bin/chromium */
  executablePath?: string;
  /** a browser to open the contexts in (shared by several drivers); the driver then does not close it */
  browser?: Browser;
}

export interface BrowserDriver extends LiveDriver {
  /** the pool's bound, its busiest moment and the tabs in use now */
  poolStats(): { size: number; peak: number; inUse: number };
}

/** 2 per core: a tab spends part of each action waiting on the target, so one per core would leave CPU idle. */
export const defaultContexts = (): number => 2 * availableParallelism();

export async function createBrowserDriver(options: LiveDriverOptions & BrowserOptions): Promise<BrowserDriver> {
  const url = options.url.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const contexts = options.contexts ?? defaultContexts();
  // checked before a browser is launched, so a bad option leaks no process
  if (!Number.isInteger(contexts) || contexts < 1) throw new RangeError(`contexts must be a whole number ≥ 1 (got ${contexts})`);
  const ownBrowser = options.browser === undefined;
  const browser = options.browser ?? await launchChromium(options.executablePath);
  const pool = new ContextPool(browser, contexts, timeoutMs);
  const dispatcher = new Agent({ connections: 4, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const auth = { authorization: `Bearer ${options.adminToken}` };
  const deps: FlowDeps = {
    url, typingDelayMs: options.typingDelayMs ?? PERSON_TYPING_DELAY_MS, memory: new FlowMemory(),
    async targetNow() {
      const r = await request(`${url}/healthz`, { dispatcher });
      const body = await r.body.json() as { now?: unknown };
      if (typeof body.now !== 'number') throw new NoAnswer('protocol', '/healthz gave no clock', r.statusCode);
      return body.now;
    },
    async adminGet(path) {
      const r = await request(`${url}${path}`, { dispatcher, headers: auth });
      return { status: r.statusCode, body: await r.body.json().catch(() => undefined) };
    },
  };

  const run = async (tab: PooledTab, net: AgentNet, a: TargetAction): Promise<Answered & { park?: ParkedForm }> => {
    switch (a.kind) {
      case 'list': return booking.list(deps, tab, net.session, a);
      case 'captcha': return booking.captcha(deps, tab, net.session);
      case 'book': return booking.book(deps, tab, net.session, a);
      case 'confirm': return other.confirm(deps, tab, a);
      case 'cancel': return other.cancel(deps, tab, a);
      case 'register': return other.register(deps, tab, a);
      case 'lotteryResult': return other.lotteryResult(deps, tab, a);
      case 'joinRoom': return other.joinRoom(deps, tab, a);
      case 'ticket': return other.ticket(deps, tab, a);
      case 'bookingResult': return batch.bookingResult(deps, tab, a);
    }
  };

  return {
    async perform(net, a): Promise<WireAnswer> {
      let tab: PooledTab | undefined;
      let park: ParkedForm | undefined;
      try {
        tab = await pool.borrow(net, a.kind === 'book');
        const answered = await run(tab, net, a);
        park = answered.park;
        return wire(answered);
      } catch (e) {
        return unavailable(noAnswer(e));
      } finally {
        if (tab) pool.release(tab, park ? { session: net.session, form: park } : undefined);
      }
    },

    async checkIn(a: CheckInAction): Promise<WireAnswer> {
      try {
        const r = await request(`${url}/api/check-in`, {
          method: 'POST', dispatcher, headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ bookingId: a.bookingId, counter: a.counter, ...a.presented }),
        });
        const body = await r.body.json().catch(() => undefined) as { result?: { served?: boolean; reason?: string }; error?: { code?: string } } | undefined;
        if (r.statusCode >= 500) return { outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: r.statusCode };
        if (!body) return unavailable(new NoAnswer('protocol', `check-in answered ${r.statusCode} without JSON`, r.statusCode));
        if (body.error?.code) return { outcome: { kind: 'rejected', rejected: body.error.code as never }, status: r.statusCode };
        const result = body.result;
        if (result?.served === true) return { outcome: { kind: 'checkIn', served: true }, status: r.statusCode };
        if (result?.served === false && result.reason) return { outcome: { kind: 'checkIn', served: false, reason: result.reason as never }, status: r.statusCode };
        return unavailable(new NoAnswer('protocol', 'check-in answer without a result', r.statusCode));
      } catch (e) {
        return unavailable(noAnswer(e));
      }
    },

    poolStats: () => ({ size: pool.size, peak: pool.peak, inUse: pool.inUse }),

    async close() {
      await pool.close();
      await dispatcher.close();
      if (ownBrowser) await browser.close();
    },
  };
}

/** A 5xx page is a page that did not work: UNAVAILABLE, as a person retries it. */
function wire(a: Answered): WireAnswer {
  if (a.status >= 500) return { outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: a.status };
  return { outcome: a.outcome, status: a.status };
}

function unavailable(e: NoAnswer): WireAnswer {
  return { outcome: { kind: 'rejected', rejected: 'UNAVAILABLE' }, status: e.status, failure: e.failure };
}

/** A people's driver by default; `createBrowserDriver({ ...o, typingDelayMs: 0 })` scripts the pages fast. */
export default createBrowserDriver satisfies LiveDriverFactory;

/** A browser scalper: the same pages, fields filled at once. */
export const createBrowserScalperDriver = (options: LiveDriverOptions & BrowserOptions): Promise<BrowserDriver> =>
  createBrowserDriver({ ...options, typingDelayMs: 0 });
