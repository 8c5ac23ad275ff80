/** A live gate must name people or a crew of the scenario: checked on the raw file with the other cross-checks. */
import { didYouMean } from '../suggest.js';
import { parseGateMetric } from './grammar.js';

/**
 * Live gates naming neither "people" nor a crew of the scenario. On the raw file (a cross-check:
 * it runs even when other parts are invalid).
 */
export function unknownGateCrews(value: Record<string, unknown>): { path: (string | number)[]; message: string; hint?: string }[] {
  const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {});
  const scalpers = rec(value['population'])['scalpers'];
  const crews = (Array.isArray(scalpers) ? scalpers : []).map((c) => rec(c)['crew']).filter((c): c is string => typeof c === 'string');
  const maps: { path: (string | number)[]; gates: Record<string, unknown> }[] = [{ path: ['gates'], gates: rec(value['gates']) }];
  maps.push({ path: ['baseline', 'gates'], gates: rec(rec(value['baseline'])['gates']) });
  for (const [name, p] of Object.entries(rec(value['policies']))) maps.push({ path: ['policies', name, 'gates'], gates: rec(rec(p)['gates']) });
  return maps.flatMap(({ path, gates }) => Object.keys(gates).flatMap((metric) => {
    const t = parseGateMetric(metric);
    if (!t.ok || t.value.kind === 'catalogue' || t.value.who === 'people' || crews.includes(t.value.who)) return [];
    const hint = didYouMean(t.value.who, ['people', ...crews]) ?? `expected "people" or a crew: ${crews.join(', ') || '(none)'}`;
    return [{ path: [...path, metric], message: `"${t.value.who}" is neither people nor a crew of this scenario`, hint }];
  }));
}
