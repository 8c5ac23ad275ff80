import { describe, expect, it } from 'vitest';
import { RELEASE_CAPTURE_MINUTES } from '../../scenarios/metrics.js';
import type { Batch, SlotRec } from './recorder.js';
import { releasePoint } from './release-series.js';

const MINUTE = 60_000;
const AT = 1_000_000_000;

/** a slot of the release first booked `minutes` after it by a bot (1), a person (0), or never (-1) */
const slot = (firstBy: number, minutes = 0): SlotRec => ({
  counter: 'renewal', start: AT + 7 * 86_400_000, releasedAt: AT, batch: 0,
  firstBookedAt: firstBy < 0 ? Number.NaN : AT + minutes * MINUTE, firstBy, served: false,
});

describe('per-release series', () => {
  it('bots’ share within each catalogue window, and the minutes to 50 % and 90 % booked', () => {
    // 10 slots: bots at 0.5, 0.5, 5, 30 and 120 min; people at 2, 15, 45, 90; one never booked
    const batch: Batch = { at: AT, slots: [slot(1, 0.5), slot(1, 0.5), slot(0, 2), slot(1, 5), slot(0, 15), slot(1, 30), slot(0, 45), slot(0, 90), slot(1, 120), slot(-1)] };
    const p = releasePoint(batch, AT - 86_400_000);
    expect(p.day).toBe(1);
    expect(p.released).toBe(10);
    expect(p.botShare).toBe(0.5);
    expect(p.sellOutMinutes).toBeNull();
    expect(Object.keys(p.botShareWithin!)).toEqual(RELEASE_CAPTURE_MINUTES.map(String));
    expect(p.botShareWithin).toEqual({ 1: 0.2, 10: 0.3, 60: 0.4 });
    // the 5th booking (50 %) came at 15 min; the 9th (90 %) at 120 min
    expect(p.minutesTo50).toBe(15);
    expect(p.minutesTo90).toBe(120);
  });

  it('shares never decrease with the window, and a release never 90 % booked has no time to 90 %', () => {
    const batch: Batch = { at: AT, slots: [slot(1, 3), slot(0, 1), slot(-1), slot(-1)] };
    const p = releasePoint(batch, AT);
    const shares = RELEASE_CAPTURE_MINUTES.map((n) => p.botShareWithin![String(n)] as number);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1] as number);
    expect(p.minutesTo50).toBe(3);
    expect(p.minutesTo90).toBeNull();
    expect(releasePoint({ at: AT, slots: [] }, AT)).toMatchObject({ released: 0, botShare: 0, minutesTo50: null, minutesTo90: null });
  });
});
