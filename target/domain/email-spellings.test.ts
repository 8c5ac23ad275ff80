/**
 * One address, many spellings: the per-e-mail limit, the duplicate purge and the lottery's
 * one-entry rule must see them as one address, on both stores. The default normalisation
 * (NFKC, default-ignorable code points dropped, case folded, the domain's trailing dot dropped)
 * always applies; plus-addressing and dots in the local part (`emailCanonical: gmail-like`) and
 * look-alike letters of other scripts (`confusables: skeleton`) only when the policy says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../storage/memory-store.js';
import { SqliteStore } from '../storage/sqlite-store.js';
import { DomainError, type ErrorCode } from './errors.js';
import type { PolicyInput } from './policy.js';
import type { Store } from './ports.js';
import { ctxOf, DAY, makeTarget, MONDAY, person, SUNDAY_20H, WEEKLY } from './test-support/fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-spellings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

const STORES: [string, () => Store][] = [
  ['memory', () => new MemoryStore()],
  ['SQLite file', () => new SqliteStore(join(dir, `s${++files}.db`))],
];

function code(fn: () => unknown): ErrorCode | 'none' {
  try { fn(); return 'none'; } catch (e) { if (e instanceof DomainError) return e.code; throw e; }
}

/** spellings of alice@example.org (and of josé@example.org) that a person can type or paste */
const SAME_ADDRESS: [string, string][] = [
  ['upper case', 'ALICE@Example.ORG'],
  ['a zero-width space inside', 'ali\u200bce@example.org'],
  ['a soft hyphen inside', 'ali\u00adce@example.org'],
  ['fullwidth letters', '\uff41\uff4c\uff49ce@example.org'],
  ['a trailing dot on the domain', 'alice@example.org.'],
  ['a byte-order mark in front', '\ufeffalice@example.org'],
];
const JOSE_NFC = 'jos\u00e9@example.org';
const JOSE_NFD = 'jose\u0301@example.org';

function bookAs(policy: PolicyInput, store: Store) {
  const t = makeTarget(policy, { store });
  t.advance(SUNDAY_20H);
  const slots = t.target.availableSlots(ctxOf(1), 'renewal', 100);
  let next = 0;
  const book = (email: string) => code(() => t.target.book(ctxOf(next), { slotId: slots[next++]!.id, identity: person(next, { email, agdref: `75${String(next).padStart(8, '0')}` }) }));
  return { ...t, book };
}

const limited = (extra: object = {}): PolicyInput => ({ ...WEEKLY, measures: { identityLimit: { perEmail: 1, ...extra } } });

describe.each(STORES)('e-mail spellings on the %s store', (_name, makeStore) => {
  it.each(SAME_ADDRESS)('counts %s as the same address under perEmail: 1', (_what, spelling) => {
    const { book, store } = bookAs(limited(), makeStore());
    expect(book('alice@example.org')).toBe('none');
    expect(book(spelling)).toBe('LIMIT_REACHED');
    store.close();
  });

  it('counts the NFD spelling of an NFC address as the same address', () => {
    const { book, store } = bookAs(limited(), makeStore());
    expect(book(JOSE_NFC)).toBe('none');
    expect(book(JOSE_NFD)).toBe('LIMIT_REACHED');
    store.close();
  });

  it('purges the bookings of every spelling but the first at the next release', () => {
    const { book, store, target, advance } = bookAs({ ...WEEKLY, measures: { identityLimit: { purgeDuplicates: true } } }, makeStore());
    expect(book('alice@example.org')).toBe('none');
    for (const [, spelling] of SAME_ADDRESS) expect(book(spelling)).toBe('none');
    advance(SUNDAY_20H + 7 * DAY);
    const live = target.ledger().filter((b) => b.status === 'confirmed');
    expect(live.map((b) => b.identity.email)).toEqual(['alice@example.org']);
    store.close();
  });

  it('takes one lottery entry per address, whatever its spelling', () => {
    const store = makeStore();
    const { target } = makeTarget({ release: { kind: 'lottery', day: 'sun', at: '20:00', horizon: '2w', oneEntryPer: ['email'] } }, { store, start: MONDAY });
    target.register(ctxOf(1), 'renewal', person(1, { email: JOSE_NFC }));
    for (const [i, spelling] of [JOSE_NFD, 'JOSE\u0301@EXAMPLE.ORG.', 'jos\u00e9\u200b@example.org'].entries()) {
      expect(code(() => target.register(ctxOf(i + 2), 'renewal', person(i + 2, { email: spelling })))).toBe('ALREADY_REGISTERED');
    }
    store.close();
  });

  it('treats plus-addressing and dots in the local part as one address only under emailCanonical: gmail-like', () => {
    const spellings = ['a.lice@example.org', 'alice+bookings@example.org', 'A.l.i.c.e+2@Example.org'];
    const standard = bookAs(limited(), makeStore());
    expect(standard.book('alice@example.org')).toBe('none');
    for (const s of spellings) expect(standard.book(s)).toBe('none');
    standard.store.close();
    const gmail = bookAs(limited({ emailCanonical: 'gmail-like' }), makeStore());
    expect(gmail.book('alice@example.org')).toBe('none');
    for (const s of spellings) expect(gmail.book(s)).toBe('LIMIT_REACHED');
    expect(gmail.book('alicia@example.org')).toBe('none');
    gmail.store.close();
  });

  it('treats Cyrillic and Greek look-alike letters as Latin only under confusables: skeleton', () => {
    // Cyrillic а (U+0430) and е (U+0435), Greek ο (U+03BF)
    const spellings = ['\u0430lice@example.org', 'alic\u0435@exampl\u0435.org', 'alice@example.\u03bfrg'];
    const plain = bookAs(limited(), makeStore());
    expect(plain.book('alice@example.org')).toBe('none');
    for (const s of spellings) expect(plain.book(s)).toBe('none');
    plain.store.close();
    const skeleton = bookAs(limited({ confusables: 'skeleton' }), makeStore());
    expect(skeleton.book('alice@example.org')).toBe('none');
    for (const s of spellings) expect(skeleton.book(s)).toBe('LIMIT_REACHED');
    skeleton.store.close();
  });

  it('purges look-alike and plus-addressed duplicates when both options are on', () => {
    const policy = { ...WEEKLY, measures: { identityLimit: { purgeDuplicates: true, emailCanonical: 'gmail-like', confusables: 'skeleton' } } } as PolicyInput;
    const { book, store, target, advance } = bookAs(policy, makeStore());
    for (const s of ['alice@example.org', '\u0430.lice+x@example.org', 'bob@example.org', 'b.o.b@example.org', 'carol@example.org']) expect(book(s)).toBe('none');
    advance(SUNDAY_20H + 7 * DAY);
    const live = target.ledger().filter((b) => b.status === 'confirmed').map((b) => b.identity.email);
    expect(live).toEqual(['alice@example.org', 'bob@example.org', 'carol@example.org']);
    store.close();
  });
});
