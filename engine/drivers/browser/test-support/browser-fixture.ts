/** A real target and the in-process driver for the same policy: what the browser driver tests compare. */
import type { Browser } from 'playwright-core';
import type { Outcome } from '../../../../bots/actions.js';
import type { TargetConfigInput } from '../../../../target/domain/policy.js';
import { MONDAY, startTest, TOKEN, type TestTarget } from '../../../../target/http/test-support/http-fixture.js';
import { settingsFrom } from '../../../../target/http/server.js';
import type { AgentNet, Driver } from '../../driver.js';
import { InProcessDriver } from '../../in-process/in-process-driver.js';
import { createBrowserDriver, type BrowserDriver } from '../browser-driver.js';

export const HOUR = 3_600_000;
export const SUNDAY_20H = MONDAY + 6 * 24 * HOUR + 20 * HOUR;
export const net = (n: number, ip = `203.0.113.${n}`): AgentNet => ({ ip, session: `agent-session-${n}` });

/** The in-process driver on the same policy, its clock at `clock.t`. */
export function inProcess(cfg: TargetConfigInput, clock = { t: MONDAY }): Driver<Outcome> & InProcessDriver {
  const d = new InProcessDriver({
    settings: settingsFrom(cfg), clock: { now: () => clock.t }, seed: 1,
    listener: { released: () => {}, booked: () => {}, statusChanged: () => {}, slotState: () => {} },
  });
  d.tick();
  return d;
}

/** A target (SQLite file, trust-proxy, hand clock) and a browser driver on it, closed after `body`. */
export async function withTarget(browser: Browser, cfg: TargetConfigInput, contexts: number, body: (t: TestTarget, d: BrowserDriver) => Promise<void>): Promise<void> {
  const t = await startTest({ config: cfg, sqliteFile: true, trustProxy: true });
  const d = await createBrowserDriver({ url: t.url, adminToken: TOKEN, browser, contexts, typingDelayMs: 1, timeoutMs: 8000 });
  try {
    await body(t, d);
  } finally {
    await d.close();
    await t.stop();
  }
}

