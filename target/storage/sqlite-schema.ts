/**
 * The SQLite schema of the target. Created on open (IF NOT EXISTS), versioned in meta.
 *
 * The invariant "a slot has at most one live booking" is the partial unique index
 * bookings_one_live_per_slot: the database refuses a second held/confirmed booking whatever the
 * code above it does. `overbooked` = 1 marks a live booking forced onto a slot that had one
 * already, which only the `non-atomic-booking` flaw does (insertBookingUnchecked); such rows are
 * outside the index, and one is promoted back into it when the indexed booking stops being live.
 */
import Database from 'better-sqlite3';

/**
 * 2: tickets count the bookings made with them (uses).
 * 3: e-mail keys normalise spellings (NFKC, ignorables, case folding, trailing dot) and bookings
 *    keep a loose key for the policies' provider-dependent rules (email_loose); sqlite-migrate.ts
 *    upgrades a version-2 file in place.
 */
export const SCHEMA_VERSION = '3';

export const SQLITE_PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 5000'] as const;

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS slots (
  id TEXT PRIMARY KEY,
  counter TEXT NOT NULL,
  start INTEGER NOT NULL,
  desk INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('hidden','released','served','refused','wasted')),
  released_at INTEGER
);
CREATE INDEX IF NOT EXISTS slots_by_counter ON slots(counter, start, desk);
CREATE INDEX IF NOT EXISTS slots_available ON slots(counter, start, desk) WHERE state = 'released';
CREATE INDEX IF NOT EXISTS slots_released ON slots(start, desk) WHERE state = 'released';

CREATE TABLE IF NOT EXISTS bookings (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  slot_id TEXT NOT NULL REFERENCES slots(id),
  counter TEXT NOT NULL,
  slot_start INTEGER NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  email_norm TEXT NOT NULL,
  phone TEXT,
  agdref TEXT,
  token TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('held','confirmed','cancelled','expired','purged','used')),
  created_at INTEGER NOT NULL,
  confirm_code TEXT,
  confirm_by INTEGER,
  ip TEXT NOT NULL,
  session TEXT NOT NULL,
  overbooked INTEGER NOT NULL DEFAULT 0 CHECK (overbooked IN (0, 1)),
  email_loose TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS bookings_one_live_per_slot ON bookings(slot_id)
  WHERE status IN ('held','confirmed') AND overbooked = 0;
CREATE INDEX IF NOT EXISTS bookings_overbooked ON bookings(slot_id) WHERE overbooked = 1;
CREATE INDEX IF NOT EXISTS bookings_live_email ON bookings(email_norm, created_at) WHERE status IN ('held','confirmed');
CREATE INDEX IF NOT EXISTS bookings_live_loose ON bookings(email_loose) WHERE status IN ('held','confirmed');
CREATE INDEX IF NOT EXISTS bookings_live_phone ON bookings(phone) WHERE status IN ('held','confirmed');
CREATE INDEX IF NOT EXISTS bookings_live_agdref ON bookings(agdref) WHERE status IN ('held','confirmed');
CREATE INDEX IF NOT EXISTS bookings_held ON bookings(confirm_by) WHERE status = 'held';
CREATE INDEX IF NOT EXISTS bookings_created ON bookings(created_at);

CREATE TABLE IF NOT EXISTS challenges (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  prompt TEXT NOT NULL,
  difficulty INTEGER,
  session TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  answer TEXT
);
-- the sweep of expired challenges (BookingTarget.sweepChallenges)
CREATE INDEX IF NOT EXISTS challenges_expiry ON challenges(expires_at);

CREATE TABLE IF NOT EXISTS registrations (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  counter TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT,
  agdref TEXT,
  created_at INTEGER NOT NULL,
  draw_at INTEGER NOT NULL,
  outcome TEXT CHECK (outcome IN ('won','lost')),
  booking_id TEXT
);
CREATE INDEX IF NOT EXISTS registrations_draw ON registrations(counter, draw_at, created_at);

CREATE TABLE IF NOT EXISTS tickets (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  counter TEXT NOT NULL,
  session TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  release_at INTEGER NOT NULL,
  position INTEGER,
  admit_at INTEGER,
  uses INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tickets_release ON tickets(counter, release_at, created_at);

CREATE TABLE IF NOT EXISTS mail (
  seq INTEGER PRIMARY KEY,
  to_addr TEXT NOT NULL,
  to_norm TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL,
  booking_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mail_to ON mail(to_norm);
`;

/** True when e is the violation of bookings_one_live_per_slot (not of the booking id). */
export function isSlotTaken(e: unknown): boolean {
  return e instanceof Database.SqliteError && e.code === 'SQLITE_CONSTRAINT_UNIQUE'
    && e.message.includes('bookings.slot_id');
}
