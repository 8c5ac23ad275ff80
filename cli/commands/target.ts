/**
 * `guichet target`: runs the reference booking target as a server (JSON API, pages, admin API,
 * metrics) on a SQLite file, with an optionally scaled clock so that a compressed live run meets
 * the Sunday-20:00 release at the right real moment.
 *
 * The policy comes from `--policy` (a policy file) or `--scenario` (a scenario's counters and
 * baseline policy), both read by the scenario loader here: the target takes the parsed policy.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { InputError } from '../../scenarios/input-error.js';
import { loadScenario } from '../../scenarios/load.js';
import { loadPolicy } from '../../scenarios/load-policy.js';
import { PARIS } from '../../target/domain/calendar.js';
import type { TargetConfigInput } from '../../target/domain/policy.js';
import { parseEpoch } from '../../target/http/live-sources.js';
import { crashPointFromEnv } from '../../target/storage/crash-point.js';
import { StoreOpenError } from '../../target/storage/sqlite-store.js';
import { startTarget, type RunningTarget, type StartOptions } from '../../target/http/server.js';

export interface TargetCliOptions {
  port: number;
  host: string;
  db: string;
  policy?: string;
  scenario?: string;
  adminToken?: string;
  speed: number;
  epoch?: number;
  seed?: string;
  trustProxy: boolean;
  testControl: boolean;
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

/** The target's counters and policy from --policy or --scenario; undefined: the defaults. */
export function configFromOptions(o: Pick<TargetCliOptions, 'policy' | 'scenario'>): TargetConfigInput | undefined {
  if (o.policy !== undefined && o.scenario !== undefined) {
    throw new InputError('FLAGS_CONFLICT', '--policy and --scenario both give the policy: pass one of them');
  }
  if (o.policy !== undefined) return loadPolicy(o.policy);
  if (o.scenario !== undefined) {
    const s = loadScenario(o.scenario);
    return { ...s.policy, counters: s.target.counters };
  }
  return undefined;
}

/** The database's folder must exist: SQLite would fail later with a less helpful message. */
function checkDbPath(db: string): void {
  if (db === ':memory:' || db === '') return;
  const folder = dirname(resolve(db));
  if (!existsSync(folder)) throw new InputError('DATABASE_UNUSABLE', `--db ${db}: the folder ${folder} does not exist (create it, or pick another path)`);
  if (existsSync(db) && statSync(db).isDirectory()) throw new InputError('DATABASE_UNUSABLE', `--db ${db}: this is a folder, not a database file`);
}

/** Errors of listen() and of opening the database that come from the user's flags. */
function asInputError(e: unknown, o: TargetCliOptions): InputError | undefined {
  const err = e as { code?: unknown };
  const where = `${o.host}:${o.port}`;
  if (err.code === 'EADDRINUSE') return new InputError('ADDRESS_UNAVAILABLE', `port ${o.port} on ${o.host} is already in use (pick another with --port, or --port 0 for any free port)`);
  if (err.code === 'EACCES') return new InputError('ADDRESS_UNAVAILABLE', `cannot listen on ${where}: permission denied (ports below 1024 need privileges; pick another with --port)`);
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new InputError('ADDRESS_UNAVAILABLE', `cannot listen on ${where}: --host ${o.host} is not an address of this machine`);
  // any failure to open the file is about the path the user gave (not SQLite, unreadable…)
  if (e instanceof StoreOpenError) return new InputError('DATABASE_UNUSABLE', `--db ${o.db}: cannot open it as a database: ${e.reason}`, { cause: e });
  return undefined;
}

/** Validates the options and starts the target (no printing, no signal handling). */
export async function startFromOptions(o: TargetCliOptions): Promise<RunningTarget> {
  const start: StartOptions = { port: o.port, host: o.host, db: o.db, speed: o.speed, trustProxy: o.trustProxy, testControl: o.testControl };
  const config = configFromOptions(o);
  if (config !== undefined) start.config = config;
  checkDbPath(o.db);
  if (o.adminToken) start.adminToken = o.adminToken;
  if (o.epoch !== undefined) start.epoch = o.epoch;
  if (o.seed !== undefined) start.seed = o.seed;
  let crashAt: number | undefined;
  try {
    crashAt = crashPointFromEnv(process.env);
  } catch (e) {
    throw new InputError('ENVIRONMENT_INVALID', (e as Error).message);
  }
  if (crashAt !== undefined) start.crashAtWrite = crashAt;
  try {
    return await startTarget(start);
  } catch (e) {
    throw asInputError(e, o) ?? e;
  }
}

/** "Sun 6 Jan 2019 20:55:00 Europe/Paris (19:55:00 UTC)": the zone said, both times shown. */
export function describeInstant(ms: number): string {
  const paris = DateTime.fromMillis(ms, { zone: PARIS }).setLocale('en-GB');
  const utc = DateTime.fromMillis(ms, { zone: 'utc' });
  return `${paris.toFormat('ccc d LLL yyyy HH:mm:ss')} Europe/Paris (${utc.toFormat('HH:mm:ss')} UTC)`;
}

/** Starts and serves until SIGINT/SIGTERM; a failure to start is thrown (cli/exit-codes.ts prints it). */
async function run(o: TargetCliOptions): Promise<void> {
  const running = await startFromOptions(o);
  const out = process.stdout;
  out.write(`guichet target listening on ${running.url}\n`);
  if (running.adminTokenGenerated) out.write(`admin token: ${running.adminToken}\n`);
  out.write(`database: ${o.db}; simulated time ${describeInstant(running.clock.now())}${o.speed !== 1 ? ` at ×${o.speed}` : ''}; seed ${running.seed}${o.testControl ? '; test control on (clock steered by the harness)' : ''}\n`);

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
    .addOption(new Option('--policy <file>', 'policy file (YAML or JSON): release, measures, flaws and optional counters').conflicts('scenario'))
    .addOption(new Option('--scenario <file>', "serve a scenario's counters and baseline policy (its policy: section)").conflicts('policy'))
    .addOption(new Option('--admin-token <token>', 'bearer token of the admin API (generated and printed when absent)').env('GUICHET_ADMIN_TOKEN'))
    .option('--speed <factor>', 'simulated seconds per real second', parseSpeed, 1)
    .option('--epoch <date>', 'simulated time at start, Europe/Paris: YYYY-MM-DD (midnight) or ISO date-time (default: now)', parseEpochArg)
    .option('--seed <seed>', 'seed of the random release times (default: kept in the database, else random)')
    .option('--trust-proxy', 'take the client IP from X-Forwarded-For (behind a proxy, or for the live driver)', false)
    .option('--test-control', 'let a test harness steer the clock (PUT /admin/clock) and follow the store (GET /admin/journal): for guichet run --target', false)
    .addHelpText('after', `
Exit code 2 on bad input: an invalid policy or scenario file (every error as file:line:col path: message),
a port in use, a --db in a folder that does not exist.

Examples:
  guichet target --port 8080 --admin-token s3cret --policy policy.yaml
  guichet target --port 8080 --admin-token s3cret --test-control --trust-proxy   # for guichet run --mode live --target
  guichet target --scenario scenarios/herault-2019-measures.yaml --speed 60 --epoch 2019-01-06T19:55`)
    .action(async (opts: TargetCliOptions) => {
      await run(opts);
    });
}
