/** result.json's lottery entry counts and warm-up, on the small scenario of the engine's tests. */
import { describe, expect, it } from 'vitest';
import { runScenario } from './run-scenario.js';
import { scenario } from '../test-support/scenarios.js';

describe('lottery entry counts', () => {
  it('entries ≥ kept after de-duplication ≥ drawn, duplicates refused, and no counts for other policies', async () => {
    const s = scenario({
      replications: 1,
      policies: { lottery: { release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '4w' } } },
    });
    const r = await runScenario(s, { file: 'lottery.yaml', workers: 1 });
    expect(r.scenario.warmupDays).toBe(14);
    const [weekly, lottery] = r.policies.map((p) => p.runs[0]!.counts);
    expect(weekly!.lottery).toBeUndefined();
    const c = lottery!.lottery!;
    expect(c.drawn).toBeGreaterThan(0);
    expect(c.deduplicated).toBeGreaterThanOrEqual(c.drawn);
    // people sharing an e-mail are refused as the same person (WORKERS share 10 % of their addresses)
    expect(c.entries).toBeGreaterThan(c.deduplicated);
    // a draw gives at most the slots it released
    expect(c.drawn).toBeLessThanOrEqual(lottery!.slotsReleased);
  }, 120_000);
});
