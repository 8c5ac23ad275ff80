/**
 * What must hold in the database of a target that was killed and restarted, whatever the
 * instant of the kill: the file is sound, no slot has two live bookings, every booking a client
 * was answered 201 for is there, every cancellation answered 200 stands, and the step's own
 * checks (step-kinds.ts) pass.
 */
import Database from 'better-sqlite3';
import type { Ledger } from './ledger.js';
import type { StepKind } from './step-kinds.js';

export function reconcile(file: string, kind: StepKind, ledger: Ledger): string[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
    const doubled = db.prepare("SELECT slot_id FROM bookings WHERE status IN ('held','confirmed') GROUP BY slot_id HAVING count(*) > 1").all();
    if (doubled.length > 0) problems.push(`${doubled.length} slot(s) with two live bookings`);
    const status = db.prepare('SELECT status FROM bookings WHERE id = ?').pluck();
    let lost = 0;
    let uncancelled = 0;
    for (const id of ledger.booked.keys()) {
      const s = status.get(id) as string | undefined;
      if (s === undefined) lost++;
      else if (ledger.cancelled.has(id) && s !== 'cancelled') uncancelled++;
    }
    if (lost > 0) problems.push(`${lost} booking(s) answered 201 are missing`);
    if (uncancelled > 0) problems.push(`${uncancelled} cancellation(s) answered 200 did not stand`);
    problems.push(...kind.check(db, ledger));
    return problems;
  } finally {
    db.close();
  }
}
