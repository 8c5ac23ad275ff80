/**
 * After every live run: the bookings the harness was told of (201 answers, lottery wins) must be
 * the bookings in the target's own ledger, and no slot may hold two live bookings. Read over the
 * target's admin API, so it checks a target started separately the same way. A mismatch is the
 * run's failure, not a footnote.
 */
import { adminClient } from './admin-client.js';
import type { Reconciliation } from '../measure/live-types.js';
import type { HarnessLedger } from './harness-ledger.js';

/** What reconciliation reads of a booking in the target's ledger. */
export interface LedgerBooking {
  id: string;
  slotId: string;
  status: string;
  /** 'lottery' for a booking made by a draw */
  ip: string;
}

/** Statuses that occupy a slot: live, or used at the counter. */
const OCCUPYING = new Set(['held', 'confirmed', 'used']);
/** ids listed in the result at most (the counts say how many in all) */
const LISTED = 50;

export function reconcile(harness: HarnessLedger, target: readonly LedgerBooking[]): Reconciliation {
  const inTarget = new Set(target.map((b) => b.id));
  const missingInTarget = [...harness.bookings.keys()].filter((id) => !inTarget.has(id));
  const unknownToHarness = target.filter((b) => b.ip !== 'lottery' && !harness.bookings.has(b.id)).map((b) => b.id);
  const perSlot = new Map<string, number>();
  for (const b of target) if (OCCUPYING.has(b.status)) perSlot.set(b.slotId, (perSlot.get(b.slotId) ?? 0) + 1);
  const doubleBooked = [...perSlot].filter(([, n]) => n > 1).map(([slot]) => slot);
  return {
    ok: missingInTarget.length === 0 && unknownToHarness.length === 0 && doubleBooked.length === 0,
    harnessBookings: harness.bookings.size,
    targetBookings: target.length,
    missingInTarget: missingInTarget.slice(0, LISTED),
    unknownToHarness: unknownToHarness.slice(0, LISTED),
    doubleBooked: doubleBooked.slice(0, LISTED),
  };
}

/** The target's ledger, from its admin API. */
export async function fetchLedger(url: string, adminToken: string, timeoutMs: number): Promise<LedgerBooking[]> {
  const admin = adminClient(url, adminToken, timeoutMs);
  try {
    const body = await admin.call<{ bookings?: LedgerBooking[] }>('GET', '/admin/ledger');
    if (!Array.isArray(body.bookings)) throw new Error(`GET ${url}/admin/ledger answered without a bookings list`);
    return body.bookings;
  } finally {
    await admin.close();
  }
}
