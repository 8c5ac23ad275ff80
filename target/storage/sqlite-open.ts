/**
 * Opens a SQLite database file with the store's pragmas and schema. A file that cannot be
 * opened (not SQLite, unreadable, a folder) becomes a StoreOpenError that keeps SQLite's code
 * and reason, so a command can tell the user's path from a bug.
 */
import Database from 'better-sqlite3';
import { migrate } from './sqlite-migrate.js';
import { SQLITE_PRAGMAS, SQLITE_SCHEMA } from './sqlite-schema.js';

export function openSqlite(path: string): Database.Database {
  try {
    const db = new Database(path);
    for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    migrate(db);
    db.exec(SQLITE_SCHEMA);
    return db;
  } catch (e) {
    throw new StoreOpenError(path, e);
  }
}

export interface ConnectionSettings { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number }

/** What the connection runs with, as SQLite reports it (not as it was asked). */
export function connectionSettings(db: Database.Database): ConnectionSettings {
  const one = (name: string): unknown => db.pragma(name, { simple: true });
  return {
    journalMode: String(one('journal_mode')),
    synchronous: Number(one('synchronous')),
    foreignKeys: Number(one('foreign_keys')),
    busyTimeout: Number(one('busy_timeout')),
  };
}

/** The database file cannot be opened (not SQLite, unreadable…): SQLite's code and reason kept. */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
  /** SQLite's code (SQLITE_NOTADB, SQLITE_CANTOPEN…), when it gave one */
  readonly code: string | undefined;
  readonly reason: string;
  constructor(readonly path: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`cannot open SQLite store "${path}": ${reason}`);
    const code = (cause as { code?: unknown } | null)?.code;
    this.code = typeof code === 'string' ? code : undefined;
    this.reason = reason;
  }
}
