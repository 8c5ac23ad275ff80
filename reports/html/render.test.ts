import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildFixture } from '../test-support/fixture.js';
import { escapeHtml, html, jsonForScript, raw, scriptBody } from './escape.js';
import { renderHtml } from './render.js';

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \'single\'';

function inlineScripts(page: string): string[] {
  return [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
}

describe('renderHtml', () => {
  const page = renderHtml(buildFixture(), 'fr');

  it('is a French, self-contained document with chart.js inlined', () => {
    expect(page).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(page).toContain('Chart.js v4');
    expect(page).not.toMatch(/\s(src|href)="(https?:)?\/\//); // nothing fetched from the network
    expect(page).not.toMatch(/<link\b/);
  });

  it('has one h1, the report sections as h2 and a heading per chart', () => {
    expect(page.match(/<h1[\s>]/g)).toHaveLength(1);
    const h2 = [...page.matchAll(/<h2 id="h-(\w+)">/g)].map((m) => m[1]);
    expect(h2).toEqual(['headlines', 'ranking', 'figures', 'charts', 'policies', 'methods']);
    expect(page.match(/<figure id="fig-/g)).toHaveLength(8);
  });

  it('gives every canvas a label and a table of the same numbers in a <details>', () => {
    const canvases = [...page.matchAll(/<canvas id="chart-(\w+)(-\d+)?" role="img" aria-label="([^"]+)"/g)];
    // the timeline is one small chart per policy
    expect(canvases.map((c) => c[1] + (c[2] ?? ''))).toEqual(['timeline-0', 'timeline-1', 'timeline-2', 'cdf', 'releases', 'served', 'money', 'collateral', 'equity', 'traffic']);
    for (const [, id] of canvases) {
      const figure = page.slice(page.indexOf(`<figure id="fig-${id}"`), page.indexOf('</figure>', page.indexOf(`<figure id="fig-${id}"`)));
      expect(figure, id).toMatch(/<figcaption>[^<]{40,}<\/figcaption>/);
      expect(figure, id).toMatch(/<details><summary>Les chiffres de ce graphique<\/summary>[\s\S]*<table>/);
    }
  });

  it('allows exactly its own inline code through the Content-Security-Policy', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!;
    expect(csp).toContain("default-src 'none'");
    const scripts = inlineScripts(page);
    expect(scripts).toHaveLength(2);
    for (const s of scripts) expect(csp).toContain(`'sha256-${createHash('sha256').update(s).digest('base64')}'`);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)![1]!;
    expect(csp).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });

  it('escapes scenario text everywhere it appears', () => {
    const hostile = buildFixture({ scenarioName: HOSTILE, scenarioDescription: HOSTILE });
    const both = { fr: HOSTILE, en: HOSTILE };
    hostile.scenario.localized!.sources.push(both);
    hostile.scenario.localized!.assumptions.push(both);
    hostile.scenario.groups![0]!.label = both;
    hostile.scenario.groups![0]!.activeHours = HOSTILE;
    hostile.scenario.file = HOSTILE;
    hostile.policies[1]!.name = HOSTILE;
    hostile.policies[1]!.label = both;
    hostile.policies[1]!.localized = { description: both };
    const out = renderHtml(hostile, 'en');
    expect(out).not.toContain('<script>alert');
    expect(out).not.toContain('<img');
    expect(inlineScripts(out)).toHaveLength(2);
    expect(out).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    const data = /<script type="application\/json" id="guichet-data">([\s\S]*?)<\/script>/.exec(out)![1]!;
    expect(data).not.toContain('<');
    expect(JSON.stringify(JSON.parse(data))).toContain('<script>alert(\\"x\\")</script>'); // the legend still reads the real name
    // each place scenario words land: description, sources, assumptions, policy and group names
    expect(out.split('&#60;script&#62;alert').length).toBeGreaterThan(8);
  });

  it('labels a single replication and renders one policy', () => {
    const out = renderHtml(buildFixture({ policies: 1, replications: 1 }), 'en');
    expect(out).toContain('1 replication: no interval.');
    expect(out).toContain('Only one policy was run: nothing to rank.');
    expect(out).not.toContain('"intervals"');
  });
});

describe('escaping helpers', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });

  it('escapes interpolations but not raw or nested html', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${raw('<br>')}${['<', '>']}${undefined}${false}</p>`.value).toBe('<p><b>&#60;i&#62;</b><br>&#60;&#62;</p>');
  });

  it('makes JSON and script bodies safe inside <script>', () => {
    expect(jsonForScript({ s: '</script><!-- \u2028' })).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- \\u2028"}');
    expect(scriptBody('var s = "</script>"; var t = "</SCRIPT";')).toBe('var s = "<\\/script>"; var t = "<\\/SCRIPT";');
  });
});
