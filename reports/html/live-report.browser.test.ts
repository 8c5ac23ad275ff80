/**
 * The live section of report.html in Chromium at 1280 px: every live chart draws, its axis
 * labels do not run into each other (x ticks side by side, y ticks one above the other, the log
 * latency axis included), nothing logs an error, and the mismatch banner is the first thing on
 * the page when the ledgers differ. Screenshots land in the temp folder (guichet-live-*.png).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunResult } from '../../engine/result.js';
import { browserSuite, launchChromium } from '../../test-support/chromium.js';
import { buildFixture } from '../test-support/fixture.js';
import { withLive } from '../test-support/live-fixture.js';
import { writeReports } from '../write.js';
import type { Lang } from '../i18n/format.js';

const suite = browserSuite('live report in Chromium');

interface Tick { at: number; size: number; text: string }
interface LiveLayout { id: string; drawn: boolean; x: Tick[]; y: Tick[]; bars: number[] }

/** Each live chart's tick labels (centre and extent along their axis) and bar widths, from chart.js's own layout. */
async function liveLayouts(page: Page): Promise<LiveLayout[]> {
  // A string, not a function: this project compiles without DOM types.
  return page.evaluate(`Object.entries(window.guichetCharts).filter(([id]) => id.startsWith('chart-live')).map(([id, chart]) => {
    const ctx = chart.ctx;
    const measure = (font, text) => { ctx.save(); ctx.font = font; const w = ctx.measureText(text).width; ctx.restore(); return w; };
    const items = (scale, horizontal) => scale.getLabelItems().map((item) => {
      const lines = [].concat(item.label);
      return {
        at: item.options.translation[horizontal ? 0 : 1],
        size: horizontal ? Math.max(...lines.map((l) => measure(item.font.string, l))) : item.font.lineHeight * lines.length,
        text: lines.join(' '),
      };
    });
    const c = chart.canvas;
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let drawn = false;
    for (let i = 4; i < data.length && !drawn; i += 4) drawn = data[i] !== data[0] || data[i + 3] !== data[3];
    const bars = chart.config.type !== 'bar' ? [] : chart.data.datasets.flatMap((ds, i) => chart.getDatasetMeta(i).data
      .filter((bar, j) => typeof ds.data[j] === 'number' && ds.data[j] > 0).map((bar) => bar.width));
    return { id, drawn, x: items(chart.scales.x, true), y: items(chart.scales.y, false), bars };
  })`);
}

suite('live report in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-live-report-'));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(result: RunResult, lang: Lang, name: string): Promise<{ page: Page; errors: string[] }> {
    const paths = writeReports(result, join(dir, name), lang);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(pathToFileURL(paths.html).href);
    await page.waitForSelector('html[data-charts-drawn]', { timeout: 10_000 });
    return { page, errors };
  }

  const apart = (id: string, axis: string, ticks: Tick[]) => {
    const sorted = [...ticks].sort((a, b) => a.at - b.at);
    for (let k = 1; k < sorted.length; k++) {
      const [a, b] = [sorted[k - 1]!, sorted[k]!];
      expect(b.at - a.at, `${id}: ${axis} labels "${a.text}" and "${b.text}" overlap`).toBeGreaterThan((a.size + b.size) / 2 + 2);
    }
  };

  for (const [lang, policies] of [['fr', 2], ['en', 3]] as const) {
    it(`draws the live charts with their labels apart (${lang}, ${policies} policies)`, async () => {
      const { page, errors } = await open(withLive(buildFixture({ policies, replications: 2 })), lang, `live-${lang}`);
      const charts = await liveLayouts(page);
      const ids = charts.map((c) => c.id);
      // two race windows per policy, two routes per policy, three comparisons
      expect(ids.filter((id) => id.startsWith('chart-live-rps-'))).toHaveLength(2 * policies);
      expect(ids.filter((id) => id.startsWith('chart-live-p95-'))).toHaveLength(2 * policies);
      expect(ids.filter((id) => id.startsWith('chart-live-routes-'))).toHaveLength(2 * policies);
      expect(ids.filter((id) => id.startsWith('chart-live-compare-'))).toEqual(['chart-live-compare-0', 'chart-live-compare-1', 'chart-live-compare-2']);
      for (const c of charts) {
        expect(c.drawn, `${c.id} is blank`).toBe(true);
        expect(c.x.length, `${c.id} has no x labels`).toBeGreaterThan(1);
        expect(c.y.length, `${c.id} has no y labels`).toBeGreaterThan(1);
        apart(c.id, 'x', c.x);
        apart(c.id, 'y', c.y);
        for (const w of c.bars) expect(w, `${c.id}: a bar has no width`).toBeGreaterThan(4);
      }
      // the latency axis is logarithmic and labelled at 1, 2, 5 × 10^k only
      const p95 = charts.find((c) => c.id === 'chart-live-p95-0')!;
      expect(p95.y.map((t) => t.text.replace(/\D/g, '')).every((t) => /^[125]0*$/.test(t))).toBe(true);
      expect(await page.locator('[role="alert"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.locator('#live').screenshot({ path: join(tmpdir(), `guichet-live-${lang}.png`) });
      await page.close();
    });
  }

  it('shows the mismatch banner first, above the title', async () => {
    const { page, errors } = await open(withLive(buildFixture({ policies: 2, replications: 1 }), { mismatch: true }), 'fr', 'mismatch');
    const banner = page.locator('[role="alert"]');
    await expect(banner.textContent()).resolves.toContain('Registres discordants');
    const [b, h1] = [await banner.boundingBox(), await page.locator('h1').boundingBox()];
    expect(b!.y + b!.height).toBeLessThanOrEqual(h1!.y);
    expect(b!.y).toBeLessThan(800);
    expect(await page.evaluate(`getComputedStyle(document.querySelector('[role="alert"]')).borderTopColor`)).toBe('rgb(176, 0, 32)');
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(tmpdir(), 'guichet-live-mismatch.png') });
    await page.close();
  });
});
