/**
 * Two `guichet target` processes on one SQLite file (a restart that overlaps the old process,
 * or two instances behind one proxy): the per-e-mail limit must hold across them. Each round
 * sends 16 bookings of one address for 16 different slots, half to each process, all at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { TargetClient } from './http-client.js';
import { startTargetChild, type TargetChild } from './target-process.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-two-'));
const children: TargetChild[] = [];
afterAll(async () => {
  for (const c of children) if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exit));
  rmSync(dir, { recursive: true, force: true });
});

describe('two target processes on one database file', () => {
  it('never let one e-mail hold more live bookings than perEmail allows', async () => {
    const db = join(dir, 'shared.db');
    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ release: { kind: 'continuous', horizon: '2w' }, measures: { identityLimit: { perEmail: 1 } } }));
    const start = () => {
      const c = startTargetChild({ db, policyFile, epoch: '2019-01-07' });
      children.push(c);
      return c;
    };
    const a = new TargetClient(await start().url);
    const b = new TargetClient(await start().url);
    const { body } = await a.call('GET', '/api/counters/renewal/slots?limit=500');
    const slots = (body.slots as { id: string }[]).map((s) => s.id);
    const rounds = 12;
    const perRound = 16;
    expect(slots.length).toBeGreaterThanOrEqual(rounds * perRound);
    const created: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const email = `same-person-${round}@example.org`;
      const replies = await Promise.all(Array.from({ length: perRound }, (_, i) => (i % 2 === 0 ? a : b).call('POST', '/api/bookings', {
        slotId: slots[round * perRound + i], identity: { firstName: 'Awa', lastName: 'Traoré', email },
      }, `two-processes-session-${i}`)));
      expect(replies.every((r) => r.status === 201 || (r.status === 409 && r.body.error.code === 'LIMIT_REACHED'))).toBe(true);
      created.push(replies.filter((r) => r.status === 201).length);
    }
    await a.close();
    await b.close();
    const file = new Database(db, { readonly: true });
    const perEmail = file.prepare("SELECT email, count(*) AS n FROM bookings WHERE status IN ('held','confirmed') GROUP BY email").all() as { email: string; n: number }[];
    file.close();
    expect(created).toEqual(Array.from({ length: rounds }, () => 1));
    expect(perEmail.filter((r) => r.n > 1)).toEqual([]);
    expect(perEmail).toHaveLength(rounds);
  }, 60_000);
});
