/** startTarget with its real scaled clock: the Sunday-20:00 release comes at the compressed moment. */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEpoch } from './live-sources.js';
import { settingsFrom, startTarget, type RunningTarget } from './server.js';

let running: RunningTarget | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function slotCount(url: string): Promise<number> {
  const r = await request(`${url}/api/counters/renewal/slots`, { headers: { 'x-session': 'clock-test-1' } });
  return ((await r.body.json()) as { slots: unknown[] }).slots.length;
}

describe('startTarget', () => {
  // What the scaled clock means (the release waits for simulated 20:00 Paris), not how fast the machine is:
  // two simulated minutes (2 s real) before it, so a slow start on a busy machine still sees the empty list.
  it('releases at Sunday 20:00 simulated time (Paris), not before, on the ×60 clock', async () => {
    const epoch = parseEpoch('2019-01-06T19:58:00') as number;
    const release = Date.UTC(2019, 0, 6, 19, 0); // 20:00 in Paris
    running = await startTarget({ epoch, speed: 60, adminToken: 't', log: () => {} });
    const target = running;
    const emptyBefore: number[] = [];
    let seenAt = -1;
    await expect.poll(async () => {
      const before = target.clock.now();
      const n = await slotCount(target.url);
      if (n === 0) emptyBefore.push(before);
      else seenAt = target.clock.now();
      return n;
    }, { timeout: 15_000, interval: 50 }).toBeGreaterThan(0);
    expect(emptyBefore.length).toBeGreaterThan(0);
    // an empty list was only ever answered before the release…
    expect(Math.max(...emptyBefore)).toBeLessThan(release);
    // …and slots were online once the simulated clock had reached it
    expect(seenAt).toBeGreaterThanOrEqual(release);
  });

  it('keeps the seed in the store, generates an admin token, refuses a bad config', async () => {
    running = await startTarget({ log: () => {} });
    expect(running.adminTokenGenerated).toBe(true);
    expect(running.adminToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(running.store.getMeta('http.seed')).toBe(running.seed);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    expect(() => settingsFrom({ release: { kind: 'weekly', day: 'sun', at: '20:00', horizon: 'soon' } }))
      .toThrow('invalid target config at release.horizon');
    await expect(startTarget({ port: running.port, log: () => {} })).rejects.toThrow(/EADDRINUSE/);
  });
});
