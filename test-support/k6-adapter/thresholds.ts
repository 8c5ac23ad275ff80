/**
 * A script's `options.thresholds` read against the adapter's request samples, as k6 reads them:
 * `http_req_duration{population:people,route:book}` is the trend of the requests carrying those
 * tags, `http_req_failed{…}` the rate of failed ones. Only the two HTTP metrics the exported
 * scripts use; anything else is reported as unknown rather than guessed.
 */
import type { RequestSample } from './net.js';

export interface ThresholdReading {
  key: string;
  expression: string;
  /** requests the key's tags select */
  samples: number;
  /** the statistic over them, undefined when the metric or statistic is not known here */
  observed?: number;
  passed?: boolean;
}

const KEY_RE = /^(http_req_duration|http_req_failed)(?:\{([^}]*)\})?$/;
const EXPR_RE = /^\s*(avg|min|max|med|rate|p\((\d+(?:\.\d+)?)\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1));
  return sorted[rank] as number;
}

function statistic(metric: string, stat: string, p: string | undefined, picked: RequestSample[]): number | undefined {
  if (metric === 'http_req_failed') return stat === 'rate' ? picked.filter((s) => s.failed).length / Math.max(picked.length, 1) : undefined;
  const d = picked.map((s) => s.durationMs).sort((a, b) => a - b);
  if (stat === 'avg') return d.reduce((a, b) => a + b, 0) / Math.max(d.length, 1);
  if (stat === 'min') return d[0] ?? 0;
  if (stat === 'max') return d[d.length - 1] ?? 0;
  if (stat === 'med') return percentile(d, 50);
  if (p !== undefined) return percentile(d, Number(p));
  return undefined;
}

function holds(observed: number, op: string, limit: number): boolean {
  switch (op) {
    case '<': return observed < limit;
    case '<=': return observed <= limit;
    case '>': return observed > limit;
    case '>=': return observed >= limit;
    case '!=': return observed !== limit;
    default: return observed === limit;
  }
}

export function readThresholds(thresholds: Record<string, string[]>, samples: readonly RequestSample[]): ThresholdReading[] {
  return Object.entries(thresholds).flatMap(([key, expressions]) => {
    const k = KEY_RE.exec(key);
    const tags = (k?.[2] ?? '').split(',').filter(Boolean).map((t) => t.split(':') as [string, string]);
    const picked = samples.filter((s) => tags.every(([name, value]) => s.tags[name] === value));
    return expressions.map((expression) => {
      const e = EXPR_RE.exec(expression);
      const observed = k && e ? statistic(k[1] as string, e[1]?.startsWith('p(') ? 'p' : e[1] as string, e[2], picked) : undefined;
      const reading: ThresholdReading = { key, expression, samples: picked.length };
      if (observed !== undefined && e) {
        reading.observed = observed;
        reading.passed = holds(observed, e[3] as string, Number(e[4]));
      }
      return reading;
    });
  });
}
