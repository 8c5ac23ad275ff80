/**
 * A crash campaign: for each scheduled step, a prepared database and a reference run without a
 * kill (which must reconcile, and says how many store writes the step makes), then seeded kill
 * points spread over those writes and over time, run a few at a time. Used by the crash test
 * (a couple dozen points) and by `npm run soak` (hundreds).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../domain/test-support/seeded-random.js';
import { parseEpoch } from '../http/live-sources.js';
import { startTarget } from '../http/server.js';
import { ADMIN_TOKEN, inPool, TargetClient } from './http-client.js';
import { emptyLedger, copyLedger } from './ledger.js';
import { copyDatabase, runKillPoint, type KillPoint, type KillResult, type Template } from './kill-run.js';
import { reconcile } from './reconcile.js';
import { STEP_KINDS, type StepKind } from './step-kinds.js';

export interface Prepared extends Template {
  /** store writes of a fresh target on the file before the trigger, and once the step is done */
  writesBefore: number;
  writesAfter: number;
}

async function inProcess(step: StepKind, file: string) {
  const running = await startTarget({
    db: file, config: step.config, testControl: true, adminToken: ADMIN_TOKEN,
    epoch: parseEpoch(step.epoch) as number, tickEveryMs: 60_000, log: () => {},
  });
  return { running, client: new TargetClient(running.url) };
}

/** The step's database before the step, then a reference run on a copy of it. */
export async function prepare(step: StepKind, dir: string): Promise<Prepared> {
  const file = join(dir, `${step.name}-template.db`);
  const policyFile = join(dir, `${step.name}-policy.json`);
  writeFileSync(policyFile, JSON.stringify(step.config));
  const ledger = emptyLedger();
  {
    const { running, client } = await inProcess(step, file);
    await step.prepare(client, ledger);
    await client.close();
    await running.close();
  }
  const reference = join(dir, `${step.name}-reference.db`);
  copyDatabase(file, reference);
  const refLedger = copyLedger(ledger);
  const { running, client } = await inProcess(step, reference);
  const writesBefore = await client.writes();
  await inPool([...step.traffic(client, refLedger, seededRandom(1)), () => client.jumpTo(step.triggerAt)], 6);
  const writesAfter = await client.writes();
  await client.close();
  await running.close();
  const problems = reconcile(reference, step, refLedger);
  if (problems.length > 0) throw new Error(`${step.name}: the run without a kill does not reconcile: ${problems.join('; ')}`);
  return { step, file, policyFile, ledger, writesBefore, writesAfter };
}

/**
 * `count` kill points for a prepared step: three in four at a store write drawn uniformly over
 * the writes of the reference run's step (inside the step's transaction, most of them), the
 * rest a SIGKILL sent from outside after a delay drawn in [0, maxDelayMs).
 */
export function killPoints(p: Prepared, count: number, seed: number, maxDelayMs = 600): KillPoint[] {
  const random = seededRandom(seed);
  const span = Math.max(1, p.writesAfter - p.writesBefore);
  return Array.from({ length: count }, (_, i): KillPoint => (i % 4 === 3
    ? { kind: 'signal', afterMs: Math.floor(random.next() * maxDelayMs) }
    : { kind: 'write', n: p.writesBefore + 1 + Math.floor(random.next() * span) }));
}

export interface CampaignFigures {
  killPoints: number;
  bookingsAtRisk: number;
  bookingsLost: number;
  stepsInterrupted: number;
  drawsInterrupted: number;
  drawsLost: number;
  diedAtStart: number;
  failed: KillResult[];
}

export function figures(results: readonly KillResult[]): CampaignFigures {
  const lost = (r: KillResult) => r.problems.some((p) => p.startsWith('draw lost') || p.includes('no outcome'));
  return {
    killPoints: results.length,
    bookingsAtRisk: results.reduce((n, r) => n + r.bookingsAtRisk, 0),
    bookingsLost: results.reduce((n, r) => n + Number(/^(\d+) booking\(s\) answered 201 are missing/.exec(r.problems.join('\n'))?.[1] ?? 0), 0),
    stepsInterrupted: results.filter((r) => r.stepInterrupted).length,
    drawsInterrupted: results.filter((r) => r.step === 'lottery' && r.stepInterrupted).length,
    drawsLost: results.filter((r) => r.step === 'lottery' && lost(r)).length,
    diedAtStart: results.filter((r) => r.diedAtStart).length,
    failed: results.filter((r) => r.problems.length > 0),
  };
}

export interface CampaignOptions {
  dir: string;
  /** kill points per step */
  perStep: number;
  seed: number;
  /** kill points run at once */
  parallel: number;
  /** stop starting new kill points after this instant (ms since the epoch) */
  deadline?: number;
  onResult?: (r: KillResult) => void;
}

export async function runCampaign(o: CampaignOptions): Promise<{ prepared: Prepared[]; results: KillResult[] }> {
  const prepared: Prepared[] = [];
  for (const step of STEP_KINDS) prepared.push(await prepare(step, o.dir));
  const jobs = prepared.flatMap((p, s) => killPoints(p, o.perStep, o.seed * 31 + s).map((point, i) => ({ p, point, i })));
  // interleave the steps, so a deadline cuts every step's share alike
  jobs.sort((a, b) => a.i - b.i);
  const results: KillResult[] = [];
  await inPool(jobs.map(({ p, point, i }) => async () => {
    if (o.deadline !== undefined && Date.now() > o.deadline) return;
    const r = await runKillPoint(p, point, join(o.dir, `${p.step.name}-${i}.db`), o.seed * 7919 + i);
    results.push(r);
    o.onResult?.(r);
  }), o.parallel);
  return { prepared, results };
}
