/**
 * The crash proof: `guichet target` processes on real SQLite files are killed with SIGKILL in
 * the middle of each scheduled step (a release with its purge, expiries and closings under
 * bookings and cancellations; a lottery draw; a waiting room's shuffle), at seeded kill points,
 * then restarted on the same file. Every kill must reconcile (reconcile.ts, step-kinds.ts): no
 * booking answered 201 lost, no slot with two live bookings, no draw lost, integrity_check ok.
 * `npm run soak` runs the same with hundreds of kill points.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { figures, runCampaign } from './campaign.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a target killed in the middle of a scheduled step', () => {
  it('recovers every step at 21 seeded kill points: no 201 lost, no double booking, no draw lost', async () => {
    const { prepared, results } = await runCampaign({ dir, perStep: 7, seed: 12, parallel: 2 });
    const f = figures(results);
    console.log(`crash test: ${JSON.stringify({ ...f, failed: f.failed.length })}; writes per step: ${prepared.map((p) => `${p.step.name} ${p.writesAfter - p.writesBefore}`).join(', ')}`);
    expect(f.failed.map((r) => `${r.step} ${JSON.stringify(r.point)}: ${r.problems.join('; ')}`)).toEqual([]);
    expect(f.killPoints).toBe(21);
    // the kill points land inside the steps: a write kill in the draw's writes interrupts the draw
    expect(f.drawsInterrupted).toBeGreaterThanOrEqual(3);
    expect(results.filter((r) => r.step === 'waiting-room' && r.stepInterrupted).length).toBeGreaterThanOrEqual(3);
    expect(f.bookingsAtRisk).toBeGreaterThan(0);
  // about 45 s alone on two cores; the bound leaves room for a loaded machine running the whole suite
  }, 300_000);
});
