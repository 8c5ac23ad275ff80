/**
 * `guichet target`: runs the reference booking target as a server (JSON API, pages, admin API,
 * metrics) on a SQLite file, with an optionally scaled clock so that a compressed live run meets
 * the Sunday-20:00 release at the right real moment.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { parseEpoch } from '../../target/http/live-sources.js';
import { loadPolicyFile, PolicyFileError } from '../../target/http/policy-file.js';
import { startTarget, type RunningTarget, type StartOptions } from '../../target/http/server.js';

export interface TargetCliOptions {
  port: number;
  host: string;
  db: string;
  policy?: string;
  adminToken?: string;
  speed: number;
  epoch?: number;
  seed?: string;
  trustProxy: boolean;
}

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65_535) throw new InvalidArgumentError('expected a port number 0-65535 (0 = any free port)');
  return n;
}

function parseSpeed(text: string): number {
  const n = Number(text);
  if (!(Number.isFinite(n) && n > 0)) throw new InvalidArgumentError('expected a positive number (simulated seconds per real second)');
  return n;
}

function parseEpochArg(text: string): number {
  const t = parseEpoch(text);
  if (t === undefined) throw new InvalidArgumentError('expected a date "YYYY-MM-DD" (Paris midnight) or an ISO date-time such as "2019-01-06T19:55"');
  return t;
}

/** Exit status for a configuration the user must fix (bad policy file). */
export const EXIT_CONFIG = 2;

/** Validates the options and starts the target (no printing, no signal handling). */
export function startFromOptions(o: TargetCliOptions): Promise<RunningTarget> {
  const start: StartOptions = { port: o.port, host: o.host, db: o.db, speed: o.speed, trustProxy: o.trustProxy };
  if (o.policy !== undefined) start.config = loadPolicyFile(o.policy);
  if (o.adminToken) start.adminToken = o.adminToken;
  if (o.epoch !== undefined) start.epoch = o.epoch;
  if (o.seed !== undefined) start.seed = o.seed;
  return startTarget(start);
}

async function run(o: TargetCliOptions): Promise<void> {
  let running: RunningTarget;
  try {
    running = await startFromOptions(o);
  } catch (e) {
    if (e instanceof PolicyFileError) {
      process.stderr.write(`guichet target: ${e.message}\n`);
      process.exit(EXIT_CONFIG);
    }
    process.stderr.write(`guichet target: ${(e as Error).message}\n`);
    process.exit(1);
  }
  const out = process.stdout;
  out.write(`guichet target listening on ${running.url}\n`);
  if (running.adminTokenGenerated) out.write(`admin token: ${running.adminToken}\n`);
  out.write(`database: ${o.db}; simulated time ${new Date(running.clock.now()).toISOString()}${o.speed !== 1 ? ` at ×${o.speed}` : ''}; seed ${running.seed}\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    out.write(`guichet target: ${signal}, stopping\n`);
    running.close().then(() => process.exit(0), (e: unknown) => {
      process.stderr.write(`guichet target: error while stopping: ${(e as Error).message}\n`);
      process.exit(1);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

export function registerTarget(program: Command): void {
  program
    .command('target')
    .description('run the reference booking target: JSON API, accessible pages, admin API, /metrics, /openapi.json')
    .option('--port <port>', 'port to listen on (0 = any free port)', parsePort, 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite database file (":memory:" keeps nothing)', 'guichet.db')
    .option('--policy <file>', 'policy file (YAML or JSON): release, measures, flaws and optional counters')
    .addOption(new Option('--admin-token <token>', 'bearer token of the admin API (generated and printed when absent)').env('GUICHET_ADMIN_TOKEN'))
    .option('--speed <factor>', 'simulated seconds per real second', parseSpeed, 1)
    .option('--epoch <date>', 'simulated time at start: YYYY-MM-DD (Paris midnight) or ISO date-time (default: now)', parseEpochArg)
    .option('--seed <seed>', 'seed of the random release times (default: kept in the database, else random)')
    .option('--trust-proxy', 'take the client IP from X-Forwarded-For (behind a proxy, or for the live driver)', false)
    .action(async (opts: TargetCliOptions) => {
      await run(opts);
    });
}
