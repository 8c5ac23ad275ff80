/**
 * In-place upgrades of a database file written by an earlier schema version, run on open before
 * the schema's CREATE IF NOT EXISTS statements (which may name columns an old file lacks). Each
 * upgrade is one IMMEDIATE transaction that reads the version again inside it: a second process
 * opening the same file meanwhile waits, then finds it upgraded. Versions with no upgrade here
 * are refused by the store with a clear message.
 */
import type Database from 'better-sqlite3';
import { emailKey, looseEmailKey } from './identity-keys.js';

/** 2 → 3: e-mail keys normalise spellings, and bookings get their loose key (email_loose). */
function from2(db: Database.Database): void {
  db.exec("ALTER TABLE bookings ADD COLUMN email_loose TEXT NOT NULL DEFAULT ''");
  const rekey = db.prepare<[string, string, number]>('UPDATE bookings SET email_norm = ?, email_loose = ? WHERE seq = ?');
  for (const r of db.prepare<[], { seq: number; email: string }>('SELECT seq, email FROM bookings').all()) rekey.run(emailKey(r.email), looseEmailKey(r.email), r.seq);
  const rekeyMail = db.prepare<[string, number]>('UPDATE mail SET to_norm = ? WHERE seq = ?');
  for (const m of db.prepare<[], { seq: number; to_addr: string }>('SELECT seq, to_addr FROM mail').all()) rekeyMail.run(emailKey(m.to_addr), m.seq);
}

const UPGRADES: Record<string, { to: string; run: (db: Database.Database) => void }> = {
  '2': { to: '3', run: from2 },
};

function version(db: Database.Database): string | undefined {
  const meta = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get();
  if (!meta) return undefined;
  return db.prepare<[], string>("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get();
}

export function migrate(db: Database.Database): void {
  for (let v = version(db); v !== undefined && UPGRADES[v]; v = version(db)) {
    db.transaction(() => {
      const now = version(db);
      const step = now === undefined ? undefined : UPGRADES[now];
      if (!step) return;
      step.run(db);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(step.to);
    }).immediate();
  }
}
