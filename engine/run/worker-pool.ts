/**
 * A small pool of worker threads for replications. Each task is independent and its result
 * is put back at its index, so the outcome does not depend on which worker finished first.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

export interface PoolOptions {
  /** number of worker threads (default: one per core, at most one per task) */
  workers?: number;
  onDone?: (done: number, total: number) => void;
}

export function defaultWorkers(tasks: number): number {
  return Math.max(1, Math.min(tasks, availableParallelism()));
}

/** Runs `tasks` through the worker module `workerUrl` (which answers { i, task } with { i, result } or { i, error }). */
export async function runPool<T, R>(workerUrl: URL, tasks: readonly T[], opts: PoolOptions = {}): Promise<R[]> {
  const results = new Array<R>(tasks.length);
  const size = Math.min(opts.workers ?? defaultWorkers(tasks.length), tasks.length);
  if (size === 0) return results;
  let next = 0;
  let done = 0;
  const workers: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next >= tasks.length) return;
        const i = next++;
        w.postMessage({ i, task: tasks[i] });
      };
      for (let k = 0; k < size; k++) {
        const w = new Worker(workerUrl);
        workers.push(w);
        w.on('message', (m: { i: number; result?: R; error?: string }) => {
          if (m.error !== undefined) { reject(new Error(m.error)); return; }
          results[m.i] = m.result as R;
          opts.onDone?.(++done, tasks.length);
          if (done === tasks.length) resolve();
          else feed(w);
        });
        w.on('error', reject);
        // any exit before the last result (even code 0) would otherwise leave the run waiting forever
        w.on('exit', (code) => { if (done < tasks.length) reject(new Error(`a worker thread exited (code ${code}) before the run finished`)); });
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
