/**
 * Reads the deterministic slot ids of calendar.ts (`renewal@2019-01-07T08:30#2`: counter, Paris
 * local start, desk), so the booking form can show a slot without a store look-up (and without
 * spending the visitor's rate-limit tokens on a listing).
 */
import { DateTime } from 'luxon';
import { PARIS } from '../domain/calendar.js';
import type { SlotView } from '../domain/views.js';

const SLOT_ID_RE = /^([a-z][a-z0-9-]*)@(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})#(\d{1,3})$/;

export function parseSlotId(id: string): SlotView | undefined {
  const m = SLOT_ID_RE.exec(id);
  if (!m) return undefined;
  const start = DateTime.fromISO(m[2] as string, { zone: PARIS });
  if (!start.isValid) return undefined;
  return { id, counter: m[1] as string, start: start.toMillis(), desk: Number(m[3]) };
}
