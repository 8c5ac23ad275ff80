/**
 * Line (a): kernel events per second against SimPy 3 on the same workload, measured in the same
 * run. Without the reference the line cannot be measured: the bench says so loudly, with the
 * command that installs it, and `--strict` makes that a failure (bench/bench-line.ts).
 */
import { execFileSync } from 'node:child_process';
import { Kernel } from '../engine/kernel/kernel.js';
import { referenceMissing, type BenchLine } from './bench-line.js';
import { repoFile } from './repo-file.js';

const PROCS = 1000;
const STEPS = 200;
export const SIMPY_INSTALL = 'sudo apt-get install -y python3-simpy3';

/** The workload of bench/reference/kernel_simpy.py: N processes × M delays from one shared LCG. */
type KernelRun = { events: number; seconds: number; end: number };

function kernelEventsPerSecond(): KernelRun {
  const k = new Kernel(0);
  let x = 12345;
  let events = 0;
  // x·1103515245 overflows a double's 53 bits: Math.imul keeps the low 32 bits exactly, which is
  // all that `mod 2^31` needs, so these are the very delays Python's exact integers give.
  const delay = () => { x = (Math.imul(x, 1103515245) + 12345) & 0x7fffffff; return 1 + (x % 1000); };
  function* proc(): Generator<number, void, void> {
    for (let i = 0; i < STEPS; i++) { yield delay(); events++; }
  }
  for (let i = 0; i < PROCS; i++) k.process(proc());
  const t0 = performance.now();
  k.run();
  return { events, seconds: (performance.now() - t0) / 1000, end: k.now };
}

/** SimPy's figure, or why it could not be had (the last interpreter's error). */
function simpyEventsPerSecond(pythons: readonly string[]): KernelRun | { error: string } {
  const script = repoFile('bench/reference/kernel_simpy.py');
  let error = 'no python3 found';
  for (const python of pythons) {
    try {
      return JSON.parse(execFileSync(python, [script, String(PROCS), String(STEPS)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as KernelRun;
    } catch (e) {
      const stderr = (e as { stderr?: string }).stderr?.trim().split('\n').at(-1);
      error = `${python}: ${stderr || (e as Error).message}`;
    }
  }
  return { error };
}

function best<T>(n: number, f: () => T, key: (t: T) => number): T {
  let top = f();
  for (let i = 1; i < n; i++) { const t = f(); if (key(t) > key(top)) top = t; }
  return top;
}

/** Debian's package installs into the system interpreter, which a pyenv shim on the PATH may hide. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

export function benchKernel(pythons: readonly string[] = PYTHONS): BenchLine[] {
  // V8 needs about a million events before the loop runs optimised; CPython has no such phase.
  for (let i = 0; i < 5; i++) kernelEventsPerSecond();
  const ours = best(5, kernelEventsPerSecond, (r) => r.events / r.seconds);
  // Best of three on both sides: a busy moment on the shared machine should not decide the ratio.
  const simpy = best(3, () => simpyEventsPerSecond(pythons), (r) => ('error' in r ? 0 : r.events / r.seconds));
  if ('error' in simpy) {
    referenceMissing('(a) kernel events/s', `SimPy 3 could not run (${simpy.error})`, SIMPY_INSTALL);
    return [];
  }
  if (simpy.events !== ours.events || simpy.end !== ours.end) {
    throw new Error(`bench (a): the workloads differ (SimPy ${simpy.events} events ending at ${simpy.end}, ours ${ours.events} at ${ours.end})`);
  }
  const a = ours.events / ours.seconds;
  const b = simpy.events / simpy.seconds;
  return [{ name: '(a) kernel events/s', value: a, unit: 'events/s', reference: 'SimPy 3 (python3-simpy3)', referenceValue: b, ratio: a / b, aim: '≥ 10' }];
}
