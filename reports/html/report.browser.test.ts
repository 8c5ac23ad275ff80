/**
 * Opens report.html from file:// in the Debian Chromium and checks that it works as a reader
 * would see it: every chart drew something, nothing logged an error, nothing left the machine.
 * Screenshots land in the temp folder (guichet-report-fr.png, guichet-report-en.png) for review.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.js';
import { buildFixture } from '../test-support/fixture.js';
import { writeReports } from '../write.js';
import type { Lang } from '../i18n/format.js';

// GUICHET_CHROMIUM points elsewhere on machines without the Debian package.
const CHROMIUM = process.env.GUICHET_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) {
  console.warn(`\n${'!'.repeat(78)}\n!!! ${CHROMIUM} NOT FOUND: the report's browser test is SKIPPED. Install it: apt-get install chromium\n${'!'.repeat(78)}\n`);
}
// In CI a missing browser must fail the run, not hide the test.
const suite = hasChromium || process.env.CI ? describe : describe.skip;

interface Opened {
  page: Page;
  errors: string[];
  external: string[];
}

suite('report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing: the report's browser test cannot run (CI must install chromium)`);
    dir = mkdtempSync(join(tmpdir(), 'guichet-report-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(result: RunResult, lang: Lang, name: string): Promise<Opened> {
    const paths = writeReports(result, join(dir, name), lang);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    const external: string[] = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      external.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(paths.html).href);
    await page.waitForSelector('html[data-charts-drawn]', { timeout: 10_000 });
    return { page, errors, external };
  }

  /** Per canvas: its id and whether at least two of its pixels differ. */
  async function canvases(page: Page): Promise<{ id: string; drawn: boolean; width: number }[]> {
    // A string, not a function: this project compiles without DOM types.
    return page.evaluate(`[...document.querySelectorAll('canvas')].map((c) => {
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let drawn = false;
      for (let i = 4; i < data.length && !drawn; i += 4) {
        drawn = data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3];
      }
      return { id: c.id, drawn, width: c.width };
    })`);
  }

  for (const lang of ['fr', 'en'] as const) {
    it(`draws every chart of a 3 policies × 5 replications run (${lang})`, async () => {
      const { page, errors, external } = await open(buildFixture(), lang, `full-${lang}`);
      const drawn = await canvases(page);
      expect(drawn.map((c) => c.id)).toEqual(['chart-timeline', 'chart-cdf', 'chart-served', 'chart-money', 'chart-collateral', 'chart-equity', 'chart-traffic']);
      for (const c of drawn) expect(c, `${c.id} is blank`).toMatchObject({ drawn: true });
      expect(await page.getAttribute('html', 'data-charts-drawn')).toBe(String(drawn.length));
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      await page.screenshot({ path: join(dir, `viewport-${lang}.png`) });
      await page.screenshot({ path: join(tmpdir(), `guichet-report-${lang}.png`), fullPage: true });
      await page.close();
    });
  }

  it('works for 1 policy and 1 replication, saying there is no interval', async () => {
    const { page, errors } = await open(buildFixture({ policies: 1, replications: 1 }), 'en', 'single');
    const drawn = await canvases(page);
    expect(drawn.length).toBeGreaterThanOrEqual(6);
    for (const c of drawn) expect(c, `${c.id} is blank`).toMatchObject({ drawn: true });
    await expect(page.locator('header .note').textContent()).resolves.toContain('1 replication: no interval');
    expect(await page.locator('#fig-collateral p').textContent()).toContain('No measure hit');
    expect(await page.locator('.headlines').textContent()).not.toContain('[');
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'guichet-report-single.png'), fullPage: true });
    await page.close();
  });

  it('shows a hostile scenario name as text and runs none of it', async () => {
    const name = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    const { page, errors } = await open(buildFixture({ scenarioName: name, scenarioDescription: name }), 'fr', 'hostile');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('h1').textContent()).toContain(name);
    expect(await page.title()).toContain(name);
    expect(await page.locator('img').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens every numbers table before printing', async () => {
    const { page } = await open(buildFixture({ policies: 2, replications: 3 }), 'en', 'print');
    expect(await page.locator('details[open]').count()).toBe(0);
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    expect(await page.locator('details:not([open])').count()).toBe(0);
    await page.close();
  });
});
