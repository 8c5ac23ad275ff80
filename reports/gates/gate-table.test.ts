import { describe, expect, it } from 'vitest';
import { renderHtml } from '../html/render.js';
import { renderMarkdown } from '../markdown.js';
import { buildFixture } from '../test-support/fixture.js';
import { evaluateGates } from './evaluate.js';

describe('the gates table atop the reports', () => {
  const plain = buildFixture();
  const gated = {
    ...plain,
    gates: evaluateGates(plain, [{ policy: plain.policies[0]!.name, gates: [
      { metric: 'bots.captureShare', expression: 'mean<2' }, { metric: 'bots.captureShare', expression: 'mean<0' },
    ] }]),
  };

  it('comes first in summary.md, one green or red row per gate, with the verdict', () => {
    const md = renderMarkdown(gated, 'en');
    expect(md.indexOf('### Gates')).toBeGreaterThan(0);
    expect(md.indexOf('### Gates')).toBeLessThan(md.indexOf('### In short'));
    expect(md).toContain('**1 of 2 gates fail');
    expect(md.match(/^\| 🟢 pass \|/gm)).toHaveLength(1);
    expect(md.match(/^\| 🔴 \*\*FAIL\*\* \|/gm)).toHaveLength(1);
    expect(renderMarkdown(gated, 'fr')).toContain('### Seuils de validation');
  });

  it('is a section of report.html before the headlines, marked failed', () => {
    const page = renderHtml(gated, 'en');
    expect(page).toMatch(/<section id="gates" class="gates gates-fail"/);
    expect(page.indexOf('id="gates"')).toBeLessThan(page.indexOf('id="headlines"'));
    expect(page.match(/<tr class="gate-fail">/g)).toHaveLength(1);
  });

  it('is absent when the scenario has no gates', () => {
    expect(renderMarkdown(plain, 'en')).not.toContain('### Gates');
    expect(renderHtml(plain, 'en')).not.toContain('id="gates"');
  });
});
