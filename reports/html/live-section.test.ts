import { describe, expect, it } from 'vitest';
import { LIVE_CATALOGUE } from '../i18n/live-catalogue.js';
import { buildFixture } from '../test-support/fixture.js';
import { withLive } from '../test-support/live-fixture.js';
import { renderHtml } from './render.js';

const simulated = buildFixture({ policies: 2, replications: 2 });
const live = withLive(simulated);
const mismatch = withLive(simulated, { mismatch: true });

const h2s = (page: string): string[] => [...page.matchAll(/<h2 id="h-([\w-]+)">/g)].map((m) => m[1]!);
const chartIds = (page: string): string[] => {
  const data = JSON.parse(/<script type="application\/json" id="guichet-data">([\s\S]*?)<\/script>/.exec(page)![1]!) as { charts: { id: string }[] };
  return data.charts.map((c) => c.id);
};
/** The page's visible text, roughly: tags dropped, entities of the escaper decoded. */
const text = (page: string): string => page.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ')
  .replace(/&#(\d+);/g, (_, d: string) => String.fromCharCode(Number(d)));

describe('the live section of report.html', () => {
  it('is absent from a simulated run: no section, link, chart, banner or live footer', () => {
    for (const lang of ['fr', 'en'] as const) {
      const page = renderHtml(simulated, lang);
      expect(h2s(page)).toEqual(['headlines', 'ranking', 'figures', 'charts', 'policies', 'methods']);
      expect(page).not.toContain('href="#live"');
      expect(chartIds(page).filter((id) => id.startsWith('live'))).toEqual([]);
      expect(page).not.toContain('ledger-mismatch');
      expect(page).toContain(lang === 'en' ? 'All figures come from simulation' : 'Tous les chiffres viennent de la simulation');
    }
  });

  it('appears after the charts in a live run, with its charts, errors, floods and the reconciled ledgers', () => {
    const page = renderHtml(live, 'en');
    expect(h2s(page)).toEqual(['headlines', 'ranking', 'figures', 'charts', 'live', 'policies', 'methods']);
    expect(page).toContain('<li><a href="#live">Live run: latency, errors and ledgers</a></li>');
    expect(chartIds(page).filter((id) => id.startsWith('live'))).toEqual(['live-rps', 'live-p95', 'live-routes-0', 'live-routes-1', 'live-compare']);
    const canvases = [...page.matchAll(/<canvas id="chart-(live-[\w-]+)"/g)].map((m) => m[1]);
    // two windows per policy; two routes (list, book) per policy; three comparisons
    expect(canvases).toEqual([
      'live-rps-0', 'live-rps-1', 'live-rps-2', 'live-rps-3', 'live-p95-0', 'live-p95-1', 'live-p95-2', 'live-p95-3',
      'live-routes-0-0', 'live-routes-0-1', 'live-routes-1-0', 'live-routes-1-1', 'live-compare-0', 'live-compare-1', 'live-compare-2',
    ]);
    const bookings = live.policies.flatMap((p) => p.runs).reduce((s, r) => s + r.live!.reconciliation.harnessBookings, 0);
    expect(page).toContain(`<p class="ledgers ok" role="note">Ledgers reconciled: the booking service holds exactly the ${bookings.toLocaleString('en-GB')} bookings`);
    expect(page).not.toContain('ledger-mismatch');
    expect(page).toMatch(/<th scope="row">baseline<\/th><th scope="row">cybercafé<\/th>\s*<td class="num">11,200<\/td>/);
    expect(text(page)).toContain('raw flood “slot-list” on /api/counters/renewal/slots, 2 run(s) per replication, 250 requests/s asked');
    expect(page).toContain('The live section was measured over real HTTP');
  });

  it('puts a red banner above everything when a replication\'s ledgers differ, and only then', () => {
    const page = renderHtml(mismatch, 'en');
    const banner = page.indexOf('<div class="banner mismatch" role="alert" id="ledger-mismatch">');
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(page.indexOf('<h1>'));
    const content = text(page.slice(banner, page.indexOf('</div>', banner)));
    expect(content).toContain('Ledger mismatch');
    expect(content).toContain('baseline, replication 1: ');
    expect(content).toContain('answered 201 but absent from the ledger: bk-0192');
    expect(content).toContain('in the ledger but never announced to an agent: bk-0388, bk-0391');
    expect(content).toContain('slots with two live bookings: renewal-2019-01-21T09:15');
    expect(content).not.toContain('random release');
    expect(page).not.toContain('class="ledgers ok"');
    expect(page).toContain('<p class="ledgers mismatch" role="note"><a href="#ledger-mismatch">');
    expect(renderHtml(live, 'fr').includes('role="alert"')).toBe(false);
  });

  it('leaves no English in the French page and no French in the English one', () => {
    const fragments = (s: string): string[] => s.split(/\{\w+\}/).map((f) => f.trim()).filter((f) => f.length >= 12);
    const fr = text(renderHtml(mismatch, 'fr'));
    const en = text(renderHtml(mismatch, 'en'));
    const used = (key: keyof typeof LIVE_CATALOGUE): boolean => en.includes(fragments(LIVE_CATALOGUE[key].en)[0] ?? '\u0000');
    // the sentences of the section are there in English, and their French counterparts replace them
    expect(Object.keys(LIVE_CATALOGUE).filter((k) => used(k as keyof typeof LIVE_CATALOGUE)).length).toBeGreaterThan(20);
    for (const [key, m] of Object.entries(LIVE_CATALOGUE)) {
      for (const f of fragments(m.en)) if (!fragments(m.fr).includes(f)) expect(fr, `${key}: "${f}"`).not.toContain(f);
      for (const f of fragments(m.fr)) if (!fragments(m.en).includes(f)) expect(en, `${key}: "${f}"`).not.toContain(f);
    }
    expect(fr).toContain('Registres discordants');
    expect(fr).toContain('sans réponse\u00a0: ');
    expect(fr).not.toMatch(/\{\w+\}/);
  });
});
