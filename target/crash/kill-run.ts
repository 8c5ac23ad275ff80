/**
 * One kill point: a copy of the step's prepared database, a `guichet target` child on it, the
 * client traffic and the clock jump that triggers the step, a SIGKILL (the child's own at its
 * n-th store write, or one sent from here after a delay), then a restart on the same file that
 * finishes the step, and the reconciliation of the file with what clients were told.
 */
import { copyFileSync, existsSync } from 'node:fs';
import type { RandomSource } from '../domain/ports.js';
import { seededRandom } from '../domain/test-support/seeded-random.js';
import { parseEpoch } from '../http/live-sources.js';
import { startTarget } from '../http/server.js';
import { ADMIN_TOKEN, inPool, TargetClient } from './http-client.js';
import { copyLedger, type Ledger } from './ledger.js';
import { reconcile } from './reconcile.js';
import type { StepKind } from './step-kinds.js';
import { startTargetChild } from './target-process.js';

export type KillPoint = { kind: 'write'; n: number } | { kind: 'signal'; afterMs: number };

export interface Template {
  step: StepKind;
  /** the database as prepare() left it, and the policy file the children read */
  file: string;
  policyFile: string;
  ledger: Ledger;
}

export interface KillResult {
  step: StepKind['name'];
  point: KillPoint;
  /** the step's triggering request was in flight when the process died */
  stepInterrupted: boolean;
  /** the process died before it listened (a write kill at start-up) */
  diedAtStart: boolean;
  /** bookings answered 201 that had to survive */
  bookingsAtRisk: number;
  problems: string[];
}

/** Copies the database file of a closed target (and its WAL, if one was left). */
export function copyDatabase(from: string, to: string): void {
  copyFileSync(from, to);
  for (const ext of ['-wal', '-shm']) if (existsSync(from + ext)) copyFileSync(from + ext, to + ext);
}

/** The traffic and the trigger, concurrently: the trigger goes out after a few of the requests. */
async function drive(client: TargetClient, t: Template, ledger: Ledger, random: RandomSource): Promise<{ triggered: boolean; answered: boolean }> {
  const tasks = t.step.traffic(client, ledger, random);
  const state = { triggered: false, answered: false };
  const split = Math.floor(random.next() * (tasks.length + 1));
  const trigger = async () => {
    state.triggered = true;
    const r = await client.jumpTo(t.step.triggerAt);
    state.answered = r.status === 200;
  };
  await inPool([...tasks.slice(0, split), trigger, ...tasks.slice(split)], 6);
  return state;
}

/** A restart on the same file (in this process: the same server code as the CLI) that finishes the step. */
async function finishStep(t: Template, file: string): Promise<void> {
  const running = await startTarget({
    db: file, config: t.step.config, testControl: true, adminToken: ADMIN_TOKEN,
    epoch: parseEpoch(t.step.epoch) as number, tickEveryMs: 60_000, log: () => {},
  });
  const client = new TargetClient(running.url);
  try {
    const r = await client.jumpTo(t.step.triggerAt);
    if (r.status !== 200) throw new Error(`restart: PUT /admin/clock answered ${r.status}`);
  } finally {
    await client.close();
    await running.close();
  }
}

export async function runKillPoint(t: Template, point: KillPoint, file: string, seed: number): Promise<KillResult> {
  copyDatabase(t.file, file);
  const ledger = copyLedger(t.ledger);
  const child = startTargetChild({ db: file, policyFile: t.policyFile, epoch: t.step.epoch, ...(point.kind === 'write' ? { crashAtWrite: point.n } : {}) });
  let diedAtStart = false;
  let state = { triggered: false, answered: false };
  try {
    const client = new TargetClient(await child.url);
    if (point.kind === 'signal') setTimeout(() => child.proc.kill('SIGKILL'), point.afterMs).unref();
    try {
      state = await drive(client, t, ledger, seededRandom(seed));
    } finally {
      await client.close();
    }
  } catch (e) {
    if (!/before listening/.test((e as Error).message)) throw e;
    diedAtStart = true;
  }
  // a kill point the run did not reach: the process is killed after the step instead
  if (child.proc.exitCode === null && child.proc.signalCode === null) child.proc.kill('SIGKILL');
  const exit = await child.exit;
  if (exit.signal !== 'SIGKILL') throw new Error(`target exited with ${exit.code ?? exit.signal}, not by SIGKILL: ${child.output()}`);
  await finishStep(t, file);
  return {
    step: t.step.name, point, stepInterrupted: state.triggered && !state.answered, diedAtStart,
    bookingsAtRisk: ledger.booked.size, problems: reconcile(file, t.step, ledger),
  };
}
