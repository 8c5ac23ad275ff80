/** Every statement of the SQLite store, prepared once when the store opens. */
import type { Database } from 'better-sqlite3';
import {
  BOOKING_COLUMNS, BOOKING_INSERT, REGISTRATION_COLUMNS, SLOT_COLUMNS,
  type BookingParams, type BookingRow, type ChallengeRow, type MailRow, type RegistrationRow,
  type SlotRow, type TicketRow,
} from './sqlite-rows.js';

const LIVE = "status IN ('held','confirmed')";
/** Exactly the partial unique index's condition, so that the planner can use the index. */
const INDEXED_LIVE = `${LIVE} AND overbooked = 0`;
const SLOT_ORDER = 'ORDER BY start, desk, counter, id';
const CREATED = 'ORDER BY created_at, seq';
const AVAILABLE = `FROM slots s WHERE s.counter = ? AND s.state = 'released' AND s.start > ?
  AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id
    AND b.status IN ('held','confirmed') AND b.overbooked = 0)`;

export function prepareStatements(db: Database) {
  const p = <P extends unknown[] = [], R = unknown>(sql: string) => db.prepare<P, R>(sql);
  return {
    insertSlot: p<[string, string, number, number, string, number | null]>(
      `INSERT OR IGNORE INTO slots (${SLOT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`),
    getSlot: p<[string], SlotRow>(`SELECT ${SLOT_COLUMNS} FROM slots WHERE id = ?`),
    lastSlotStart: p<[string], { m: number | null }>('SELECT max(start) AS m FROM slots WHERE counter = ?'),
    hiddenInRange: p<[string, number, number], { id: string }>(
      `SELECT id FROM slots WHERE counter IN (SELECT value FROM json_each(?)) AND state = 'hidden'
       AND start > ? AND start <= ? ${SLOT_ORDER}`),
    releaseRange: p<[number, string, number, number]>(
      `UPDATE slots SET state = 'released', released_at = ? WHERE counter IN (SELECT value FROM json_each(?))
       AND state = 'hidden' AND start > ? AND start <= ?`),
    // one counter: (start, desk) is unique and follows the slots_available index, so no sort step
    available: p<[string, number, number], SlotRow>(`SELECT ${SLOT_COLUMNS} ${AVAILABLE} ORDER BY start, desk LIMIT ?`),
    countAvailable: p<[string, number], { n: number }>(`SELECT count(*) AS n ${AVAILABLE}`),
    setSlotState: p<[string, string]>('UPDATE slots SET state = ? WHERE id = ?'),
    releasedBy: p<[number], SlotRow>(
      `SELECT ${SLOT_COLUMNS} FROM slots WHERE state = 'released' AND start <= ? ${SLOT_ORDER}`),

    insertBooking: p<BookingParams>(BOOKING_INSERT),
    getBooking: p<[string], BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings WHERE id = ?`),
    bookingState: p<[string], { slot_id: string; status: string; overbooked: number }>(
      'SELECT slot_id, status, overbooked FROM bookings WHERE id = ?'),
    // the earliest-created live booking; overbooked ones exist only under the non-atomic flaw
    liveForSlot: p<[string, string], BookingRow>(
      `SELECT ${BOOKING_COLUMNS}, seq FROM bookings WHERE slot_id = ? AND ${INDEXED_LIVE}
       UNION ALL SELECT ${BOOKING_COLUMNS}, seq FROM bookings WHERE slot_id = ? AND overbooked = 1 AND ${LIVE}
       ${CREATED} LIMIT 1`),
    setStatusKeep: p<[string, string]>('UPDATE bookings SET status = ? WHERE id = ?'),
    setStatusIndexed: p<[string, string]>('UPDATE bookings SET status = ?, overbooked = 0 WHERE id = ?'),
    promoteOverbooked: p<[string]>(
      `UPDATE bookings SET overbooked = 0 WHERE seq = (SELECT seq FROM bookings WHERE slot_id = ?
       AND overbooked = 1 AND ${LIVE} ${CREATED} LIMIT 1)`),
    countEmail: p<[string], { n: number }>(`SELECT count(*) AS n FROM bookings WHERE email_norm = ? AND ${LIVE}`),
    // candidates of the policies' looser e-mail rules: the store compares them under the rule
    liveEmailsLoose: p<[string], { email: string }>(`SELECT email FROM bookings WHERE email_loose = ? AND ${LIVE}`),
    duplicateLoose: p<[], BookingRow>(
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE ${LIVE} AND EXISTS (SELECT 1 FROM bookings e
       WHERE e.email_loose = b.email_loose AND e.status IN ('held','confirmed') AND e.seq <> b.seq) ${CREATED}`),
    countPhone: p<[string], { n: number }>(`SELECT count(*) AS n FROM bookings WHERE phone = ? AND ${LIVE}`),
    countAgdref: p<[string], { n: number }>(`SELECT count(*) AS n FROM bookings WHERE agdref = ? AND ${LIVE}`),
    expiredHolds: p<[number], BookingRow>(
      `SELECT ${BOOKING_COLUMNS} FROM bookings WHERE status = 'held' AND confirm_by < ? ORDER BY confirm_by, created_at, seq`),
    duplicateEmails: p<[], BookingRow>(
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE ${LIVE} AND EXISTS (SELECT 1 FROM bookings e
       WHERE e.email_norm = b.email_norm AND e.status IN ('held','confirmed')
       AND (e.created_at < b.created_at OR (e.created_at = b.created_at AND e.seq < b.seq))) ${CREATED}`),
    ledger: p<[], BookingRow>(`SELECT ${BOOKING_COLUMNS} FROM bookings ${CREATED}`),

    insertChallenge: p<[string, string, string, number | null, string, number, number, string | null]>(
      `INSERT INTO challenges (id, kind, prompt, difficulty, session, expires_at, used, answer)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getChallenge: p<[string], ChallengeRow>('SELECT * FROM challenges WHERE id = ?'),
    useChallenge: p<[string]>('UPDATE challenges SET used = 1 WHERE id = ? AND used = 0'),
    deleteExpiredChallenges: p<[number]>('DELETE FROM challenges WHERE expires_at < ?'),

    insertRegistration: p<[string, string, string, string, string, string | null, string | null, number, number,
      string | null, string | null]>(
      `INSERT INTO registrations (${REGISTRATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    getRegistration: p<[string], RegistrationRow>(`SELECT ${REGISTRATION_COLUMNS} FROM registrations WHERE id = ?`),
    registrations: p<[string, number], RegistrationRow>(
      `SELECT ${REGISTRATION_COLUMNS} FROM registrations WHERE counter = ? AND draw_at = ? ${CREATED}`),
    setOutcome: p<[string | null, string]>('UPDATE registrations SET outcome = ? WHERE id = ?'),
    setOutcomeBooking: p<[string | null, string, string]>('UPDATE registrations SET outcome = ?, booking_id = ? WHERE id = ?'),

    insertTicket: p<[string, string, string, number, number, number | null, number | null, number]>(
      `INSERT INTO tickets (id, counter, session, created_at, release_at, position, admit_at, uses)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    getTicket: p<[string], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
    tickets: p<[string, number], TicketRow>(`SELECT * FROM tickets WHERE counter = ? AND release_at = ? ${CREATED}`),
    setTicketPosition: p<[number, string]>('UPDATE tickets SET position = ? WHERE id = ?'),
    setTicketAdmit: p<[number, string]>('UPDATE tickets SET admit_at = ? WHERE id = ?'),
    setTicketUses: p<[number, string]>('UPDATE tickets SET uses = ? WHERE id = ?'),
    ticketExists: p<[string], { n: number }>('SELECT count(*) AS n FROM tickets WHERE id = ?'),

    insertMail: p<[string, string, string, string, number, string]>(
      'INSERT INTO mail (to_addr, to_norm, subject, body, at, booking_id) VALUES (?, ?, ?, ?, ?, ?)'),
    mailFor: p<[string], MailRow>('SELECT to_addr, subject, body, at, booking_id FROM mail WHERE to_norm = ? ORDER BY seq'),

    getMeta: p<[string], { value: string }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: p<[string, string]>(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
