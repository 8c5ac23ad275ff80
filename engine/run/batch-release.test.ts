/**
 * True batch release (Budish, Cramton & Shim 2015): with requests served in random order at the
 * end of each batch, a speed edge is worth about d/T, so the bots' share of the slots falls as the
 * batch interval T grows. Run end to end on the small Hérault-like scenario of the engine's tests.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from './run-scenario.js';
import { scenario } from '../test-support/scenarios.js';

const INTERVALS = ['1s', '10m', '6h'] as const;

const sweep = () => scenario({
  replications: 2,
  policy: { release: { kind: 'batch', day: 'sun', at: '20:00', interval: '1s', horizon: '4w' } },
  policies: Object.fromEntries(INTERVALS.slice(1).map((t) => [`batch-${t}`, { release: { kind: 'batch', day: 'sun', at: '20:00', interval: t, horizon: '4w' } }])),
});

describe('true batch release', () => {
  it('the bots capture a smaller share of the slots as the batch interval grows', async () => {
    const r = await runScenario(sweep(), { file: 'batch.yaml', workers: 1 });
    const shares = r.policies.map((p) => p.summary['bots.captureShare'].mean);
    expect(shares).toHaveLength(INTERVALS.length);
    for (let i = 1; i < shares.length; i++) expect(shares[i], `T = ${INTERVALS[i]}`).toBeLessThan(shares[i - 1] as number);
  }, 180_000);
});
