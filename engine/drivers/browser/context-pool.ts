/**
 * A bounded pool of browser contexts, each with one page (a tab), borrowed for one action and
 * returned after. The bound is what keeps a 2-core machine responsive: every open page is a
 * renderer, and a booking flow costs about a CPU-second (docs/browser.md). An agent that finds
 * every context busy waits in line (FIFO); the runner measures from when the agent meant to act,
 * so that wait shows in its latency instead of being hidden.
 *
 * While borrowed, a context carries its agent's identity in headers (X-Forwarded-For, X-Session),
 * which the target honours (target/http/context.ts): rate limits and captcha binding follow the
 * agent across whichever pooled context serves it, and no cookie state matters.
 *
 * A slot may be *parked* for a session: its tab keeps the booking form opened at `captcha`, for
 * the `book` that follows. A parked slot is free: another borrower takes idle slots first and a
 * parked one (the longest parked) only when none is idle, which discards that form; the `book`
 * then opens the form again (browser-driver.ts says how). So parking never holds a context.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AgentNet } from '../driver.js';
import { sessionHeader } from '../http/identity.js';
import { NoAnswer } from './navigation.js';

export interface PooledTab {
  readonly context: BrowserContext;
  page: Page;
  /** the session whose booking form this tab keeps, with what the form was opened for */
  parked?: { session: string; at: number; form: ParkedForm };
}

export interface ParkedForm {
  slotId: string;
  captchaId: string;
}

export class ContextPool {
  private readonly tabs: PooledTab[] = [];
  private readonly free: PooledTab[] = [];
  private readonly waiting: Array<{ resolve: (tab: PooledTab) => void; reject: (e: Error) => void }> = [];
  private opening = 0;
  private closed = false;
  private parkClock = 0;
  /** the most contexts ever borrowed at once (tests check the bound with it) */
  peak = 0;
  inUse = 0;

  constructor(private readonly browser: Browser, readonly size: number, private readonly timeoutMs: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`contexts must be a whole number ≥ 1 (got ${size})`);
  }

  /**
   * A tab for this agent's action, its headers set. With `reclaim`, the tab parked for the agent's
   * session if it still is (it is free by construction), then `parked` tells the caller.
   */
  async borrow(net: AgentNet, reclaim = false): Promise<PooledTab> {
    if (this.closed) throw closedError();
    const tab = (reclaim ? this.takeParked(net.session) : undefined) ?? await this.takeAny();
    this.inUse++;
    this.peak = Math.max(this.peak, this.inUse);
    if (tab.page.isClosed()) tab.page = await this.newPage(tab.context);
    // engine session names (`s-crew:paris:3`) in the form the header takes, as the HTTP drivers send them
    await tab.context.setExtraHTTPHeaders({ 'x-forwarded-for': net.ip, 'x-session': sessionHeader(net.session) });
    return tab;
  }

  /** Gives the tab back, parked for `session` when it keeps that session's form. */
  release(tab: PooledTab, park?: { session: string; form: ParkedForm }): void {
    this.inUse--;
    if (park) {
      // one parked form per session: the newest
      for (const t of this.free) if (t.parked?.session === park.session) delete t.parked;
      tab.parked = { session: park.session, at: ++this.parkClock, form: park.form };
    } else {
      delete tab.parked;
    }
    const next = this.waiting.shift();
    if (next) {
      // someone waits: the tab goes to them (borrow() counts it in use again), form discarded
      delete tab.parked;
      next.resolve(tab);
    } else {
      this.free.push(tab);
    }
  }

  /** Closes every context; agents still waiting for one get a connection failure, not a hang. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0)) w.reject(closedError());
    await Promise.allSettled(this.tabs.map((t) => t.context.close()));
  }

  private takeParked(session: string): PooledTab | undefined {
    const i = this.free.findIndex((t) => t.parked?.session === session);
    return i < 0 ? undefined : this.free.splice(i, 1)[0];
  }

  private async takeAny(): Promise<PooledTab> {
    const idle = this.free.findIndex((t) => !t.parked);
    if (idle >= 0) return this.free.splice(idle, 1)[0] as PooledTab;
    if (this.tabs.length + this.opening < this.size) return this.open();
    if (this.free.length > 0) {
      let oldest = 0;
      this.free.forEach((t, i) => { if ((t.parked?.at ?? 0) < (this.free[oldest]?.parked?.at ?? 0)) oldest = i; });
      const tab = this.free.splice(oldest, 1)[0] as PooledTab;
      delete tab.parked;
      return tab;
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private async open(): Promise<PooledTab> {
    this.opening++;
    try {
      const context = await this.browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', javaScriptEnabled: true });
      const tab: PooledTab = { context, page: await this.newPage(context) };
      this.tabs.push(tab);
      return tab;
    } finally {
      this.opening--;
    }
  }

  private async newPage(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(this.timeoutMs);
    page.setDefaultNavigationTimeout(this.timeoutMs);
    return page;
  }
}

const closedError = (): NoAnswer => new NoAnswer('connection', 'the browser driver was closed');
