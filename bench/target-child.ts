/**
 * The reference target in a process of its own, for benches that measure a load generator's CPU:
 * the target must not share its account. Prints one JSON line `{ url, adminToken }` on stdout when
 * listening; stops on SIGTERM or when its parent closes stdin.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTarget } from '../target/http/server.js';

const dir = mkdtempSync(join(tmpdir(), 'guichet-bench-target-'));
// As `guichet target --trust-proxy` runs: SQLite file; continuous release so the list is full.
const target = await startTarget({
  db: join(dir, 'bench.db'), config: { release: { kind: 'continuous', horizon: '2w' } }, adminToken: 'bench', trustProxy: true, log: () => {},
});
process.stdout.write(`${JSON.stringify({ url: target.url, adminToken: target.adminToken })}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await target.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.stdin.on('end', () => void stop());
process.stdin.resume();
