/**
 * Opens report.html from file:// in Chromium and checks that it works as a reader would see it:
 * every chart drew something, bars have a width, axis labels do not run into each other, axis
 * titles fit, the key figures do not scroll sideways, nothing logged an error, nothing left the
 * machine. Full-page screenshots land in the temp folder (guichet-report-fr.png, …) for review.
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
import { writeReports } from '../write.js';
import type { Lang } from '../i18n/format.js';

const suite = browserSuite('report.html in Chromium');

interface Layout {
  id: string;
  kind: string;
  /** x-axis tick labels: centre, widest line, rotation */
  ticks: { x: number; width: number; rotation: number }[];
  /** every bar with a value: its width and height in pixels */
  bars: { value: number; width: number; height: number }[];
  /** the y-axis title's length in pixels, and the height it has to fit in */
  yTitle: number;
  height: number;
}

/** Where chart.js put things, read from each chart's own layout (window.guichetCharts). */
async function layouts(page: Page): Promise<Layout[]> {
  // A string, not a function: this project compiles without DOM types.
  return page.evaluate(`Object.entries(window.guichetCharts).map(([id, chart]) => {
    const ctx = chart.ctx;
    const width = (font, text) => { ctx.save(); ctx.font = font; const w = ctx.measureText(text).width; ctx.restore(); return w; };
    const ticks = chart.scales.x.getLabelItems().map((item) => ({
      x: item.options.translation[0],
      width: Math.max(...[].concat(item.label).map((line) => width(item.font.string, line))),
      rotation: item.options.rotation,
    }));
    const bars = chart.config.type !== 'bar' ? [] : chart.data.datasets.flatMap((ds, i) => chart.getDatasetMeta(i).data
      .map((bar, j) => ({ value: ds.data[j], width: bar.width, height: Math.abs(bar.base - bar.y) }))
      .filter((b) => typeof b.value === 'number' && b.value > 0));
    const title = chart.scales.y.options.title;
    const font = Chart.helpers.toFont(title.font).string;
    return { id, kind: chart.config.type, ticks, bars, yTitle: width(font, title.text), height: chart.height };
  })`);
}

interface Opened {
  page: Page;
  errors: string[];
  external: string[];
}

suite('report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'guichet-report-'));
    browser = await launchChromium();
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
      expect(drawn.map((c) => c.id)).toEqual([
        'chart-timeline-0', 'chart-timeline-1', 'chart-timeline-2', 'chart-cdf', 'chart-releases', 'chart-served', 'chart-money', 'chart-collateral', 'chart-equity', 'chart-traffic',
      ]);
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

  for (const lang of ['fr', 'en'] as const) {
    it(`lays every chart out readably with 7 policies (${lang}): bars drawn, labels apart, titles whole`, async () => {
      const result = buildFixture({ policies: 7 });
      const { page, errors } = await open(result, lang, `layout-${lang}`);
      const charts = await layouts(page);
      expect(charts.map((c) => c.id)).toContain('chart-equity');
      for (const c of charts) {
        for (const b of c.bars) expect(b.width, `${c.id}: a bar of ${b.value} has no width`).toBeGreaterThan(4);
        for (const b of c.bars) expect(b.height, `${c.id}: a bar of ${b.value} has no height`).toBeGreaterThan(0);
        if (c.kind === 'bar') {
          for (const t of c.ticks) expect(Math.abs(t.rotation), `${c.id}: rotated labels`).toBe(0);
          for (let k = 1; k < c.ticks.length; k++) {
            const [a, b] = [c.ticks[k - 1]!, c.ticks[k]!];
            // centred labels: half of each, plus a little air, must fit between their centres
            expect(b.x - a.x, `${c.id}: labels ${k - 1} and ${k} overlap`).toBeGreaterThan((a.width + b.width) / 2 + 4);
          }
        }
        expect(c.yTitle, `${c.id}: the y-axis title is cut off`).toBeLessThan(c.height - 40);
      }
      const equity = charts.find((c) => c.id === 'chart-equity')!;
      expect(equity.bars).toHaveLength(3 * 7); // three groups × seven policies, every one with a value
      // the key figures of seven policies fit the page: no sideways scrolling
      const scroll = await page.evaluate(`(() => { const w = document.querySelector('#figures .table-wrap'); return [w.scrollWidth, w.clientWidth]; })()`) as [number, number];
      expect(scroll[0]).toBeLessThanOrEqual(scroll[1]);
      // a group's traits are in its tooltip
      const tooltip = await page.evaluate(`(() => {
        const chart = window.guichetCharts['chart-equity'];
        const bar = chart.getDatasetMeta(0).data[0];
        chart.tooltip.setActiveElements([{ datasetIndex: 0, index: 0 }], { x: bar.x, y: bar.y });
        chart.update();
        return [...chart.tooltip.title, ...chart.tooltip.beforeBody, ...chart.tooltip.body.flatMap((b) => b.lines)].join(' | ');
      })()`) as string;
      expect(tooltip).toContain(lang === 'fr' ? 'consulte ~3 fois/jour' : 'checks ~3×/day');
      expect(errors).toEqual([]);
      await page.screenshot({ path: join(tmpdir(), `guichet-report-7-${lang}.png`), fullPage: true });
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
