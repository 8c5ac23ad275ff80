/**
 * Generator CPU cost of the live HTTP driver against autocannon's, on the same endpoint (the
 * target's slot list) in the same run. The express target saturates before either generator, so
 * the figure is requests per CPU-second of this process, not raw rate: the target runs in a child
 * process (its CPU is not counted) and autocannon runs in-process without workers (its CPU is).
 *
 * The driver side is driven the way the live runner drives it: N agents, each a generator that
 * yields a `list` action and gets its outcome back, each with its own network identity (headers),
 * awaiting one request at a time. Sides alternate, A,B,A,B…, after a warm-up of each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import type { Action, Outcome } from '../bots/actions.js';
import type { AgentNet, LiveDriver, TargetAction } from '../engine/drivers/driver.js';
import { createHttpDriver } from '../engine/drivers/http/http-driver.js';
import type { BenchLine } from './bench-line.js';

export interface DriverBenchOptions {
  /** measured time of each side, split over `rounds` */
  runMs?: number;
  /** 0 skips the warm-up */
  warmupMs?: number;
  rounds?: number;
  /** agents on the driver side, connections on autocannon's */
  agents?: number;
}

const COUNTER = 'renewal';
const PATH = `/api/counters/${COUNTER}/slots?limit=50`;

interface Side { requests: number; cpuMs: number }

/** The target in a child process (tsx when this bench runs from its sources). */
async function startChildTarget(): Promise<{ url: string; adminToken: string; child: ChildProcess }> {
  const here = fileURLToPath(import.meta.url);
  const fromSources = here.endsWith('.ts');
  const script = here.replace(/driver-bench\.(ts|js)$/, `target-child.${fromSources ? 'ts' : 'js'}`);
  const child = spawn(process.execPath, [...(fromSources ? ['--import', 'tsx'] : []), script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench driver: the target process exited (${code}) before listening`)));
  });
  const { url, adminToken } = JSON.parse(line) as { url: string; adminToken: string };
  return { url, adminToken, child };
}

/** What the runner's agents are to the driver: generators yielding actions, fed their outcomes. */
function* poller(counter: string): Generator<Action, void, Outcome> {
  for (;;) {
    const o = yield { kind: 'list', counter, limit: 50 };
    if (o.kind !== 'slots' || o.slots.length === 0) throw new Error(`bench driver: the slot list answered ${JSON.stringify(o)}`);
  }
}

async function runAgent(driver: LiveDriver, net: AgentNet, until: number, count: { n: number }): Promise<void> {
  const agent = poller(COUNTER);
  let step = agent.next();
  while (!step.done && Date.now() < until) {
    const answer = await driver.perform(net, step.value as TargetAction);
    count.n++;
    step = agent.next(answer.outcome);
  }
}

const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

async function driverSide(driver: LiveDriver, nets: AgentNet[], ms: number): Promise<Side> {
  const count = { n: 0 };
  const cpu = process.cpuUsage();
  const until = Date.now() + ms;
  await Promise.all(nets.map((net) => runAgent(driver, net, until, count)));
  return { requests: count.n, cpuMs: cpuMsSince(cpu) };
}

async function autocannonSide(url: string, connections: number, ms: number): Promise<Side> {
  const cpu = process.cpuUsage();
  const r = await autocannon({
    url: `${url}${PATH}`, connections, pipelining: 1, duration: Math.max(1, Math.round(ms / 1000)),
    headers: { 'x-session': 'bench-autocannon-0001', 'x-forwarded-for': '10.9.0.1' },
  });
  const cpuMs = cpuMsSince(cpu);
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`bench driver: autocannon got ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { requests: r['2xx'], cpuMs };
}

export async function benchDriver(o: DriverBenchOptions = {}): Promise<BenchLine[]> {
  const runMs = o.runMs ?? 4000;
  const warmupMs = o.warmupMs ?? 1000;
  const rounds = o.rounds ?? 2;
  const agents = o.agents ?? 10;
  const target = await startChildTarget();
  const driver = createHttpDriver({ url: target.url, adminToken: target.adminToken, connections: agents });
  const nets: AgentNet[] = Array.from({ length: agents }, (_, i) => ({ ip: `10.8.${i >> 8}.${i & 255}`, session: `bench-agent-${String(i).padStart(4, '0')}` }));
  try {
    if (warmupMs > 0) {
      await driverSide(driver, nets, warmupMs);
      await autocannonSide(target.url, agents, warmupMs);
    }
    const sum = { driver: { requests: 0, cpuMs: 0 }, autocannon: { requests: 0, cpuMs: 0 } };
    for (let i = 0; i < rounds; i++) {
      const d = await driverSide(driver, nets, runMs / rounds);
      const a = await autocannonSide(target.url, agents, runMs / rounds);
      for (const [side, r] of [['driver', d], ['autocannon', a]] as const) {
        sum[side].requests += r.requests;
        sum[side].cpuMs += r.cpuMs;
      }
    }
    const value = sum.driver.requests / (sum.driver.cpuMs / 1000);
    const referenceValue = sum.autocannon.requests / (sum.autocannon.cpuMs / 1000);
    return [{
      name: 'live.httpDriver',
      value,
      unit: 'req/CPU-s',
      reference: `autocannon, ${agents} connections, same slot list`,
      referenceValue,
      ratio: value / referenceValue,
      aim: '≥ 0.5',
    }];
  } finally {
    await driver.close();
    target.child.stdin?.end();
    await new Promise((resolve) => {
      if (target.child.exitCode !== null) resolve(undefined);
      else target.child.once('exit', resolve);
    });
  }
}
