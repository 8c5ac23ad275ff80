/**
 * A small stand-in for `k6 run`, for tests: no k6 binary installs here. It transpiles the
 * script, points its k6 imports at the shims (shims.ts), reads `options` and runs `setup()` in
 * an init VU, then runs `options.scenarios` (constant-vus and constant-arrival-rate executors)
 * with worker-thread VUs (vu-source.ts) until their duration ends, `stopWhen` holds or
 * `maxSeconds` pass. VUs are capped per scenario (`maxVUsPerScenario`) to fit a small machine;
 * arrivals finding no free VU are dropped, as k6 counts dropped_iterations.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import ts from 'typescript';
import { VuNetwork, type RequestSample } from './net.js';
import { K6_SHIMS, shimFile } from './shims.js';
import { VU_SOURCE } from './vu-source.js';

export interface AdapterOptions {
  env?: Record<string, string>;
  /** hard bound of the whole run */
  maxSeconds: number;
  maxVUsPerScenario?: number;
  /** checked every 100 ms with the requests answered so far: the run stops as soon as it holds */
  stopWhen?: (requests: readonly RequestSample[]) => boolean;
  requestTimeoutMs?: number;
  /** run only these of options.scenarios (all by default) */
  only?: (name: string) => boolean;
}

export interface CheckResult { name: string; ok: boolean; tags: Record<string, string> }

export interface AdapterResult {
  options: Record<string, unknown>;
  requests: RequestSample[];
  checks: CheckResult[];
  /** exceptions thrown by iterations, and VUs that could not start */
  exceptions: string[];
  iterations: Record<string, number>;
  dropped: Record<string, number>;
  stoppedBy: 'stopWhen' | 'duration' | 'maxSeconds';
}

interface ScenarioConfig {
  executor: string; exec?: string; vus?: number; duration?: string; rate?: number; timeUnit?: string;
  preAllocatedVUs?: number; maxVUs?: number; tags?: Record<string, string>; env?: Record<string, string>;
}

/** "1m30s", "250ms", "2h" → ms */
export function k6DurationMs(text: string): number {
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`not a k6 duration: "${text}"`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2] as keyof typeof unit], 0);
}

/** The script as a module next to the shims; its k6 imports rewritten to them. */
function prepare(scriptFile: string, dir: string): string {
  const js = ts.transpileModule(readFileSync(scriptFile, 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: false },
  }).outputText;
  for (const [name, source] of Object.entries(K6_SHIMS)) writeFileSync(join(dir, shimFile(name)), source);
  const rewritten = js.replace(/(from\s+|import\s*\(\s*|import\s+)(['"])(k6(?:\/[\w/-]+)?)\2/g, (_m, lead: string, q: string, name: string) => {
    if (!(name in K6_SHIMS)) throw new Error(`the k6 adapter does not implement "${name}"`);
    return `${lead}${q}./${shimFile(name)}${q}`;
  });
  const file = join(dir, 'script.mjs');
  writeFileSync(file, rewritten);
  return pathToFileURL(file).href;
}

export async function runK6Script(scriptFile: string, o: AdapterOptions): Promise<AdapterResult> {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-k6-'));
  const timeoutMs = o.requestTimeoutMs ?? 10_000;
  const net = new VuNetwork(timeoutMs);
  const stop = new SharedArrayBuffer(4);
  const stopFlag = new Int32Array(stop);
  const workers: Worker[] = [];
  const result: AdapterResult = { options: {}, requests: net.samples, checks: [], exceptions: [], iterations: {}, dropped: {}, stoppedBy: 'duration' };
  let nextVu = 1;
  const moduleUrl = prepare(scriptFile, dir);
  const env = o.env ?? {};

  const startVu = (mode: 'init' | 'loop' | 'arrival', extra: Record<string, unknown>, onMessage: (m: { kind: string } & Record<string, unknown>) => void): Worker => {
    const { port1, port2 } = new MessageChannel();
    const answered = new SharedArrayBuffer(4);
    net.serve(port1, new Int32Array(answered));
    const w = new Worker(VU_SOURCE, {
      eval: true, transferList: [port2],
      workerData: { net: port2, answered, stop, moduleUrl, env, vu: mode === 'init' ? 0 : nextVu++, mode, requestTimeoutMs: timeoutMs, ...extra },
    });
    w.on('message', (m: { kind: string } & Record<string, unknown>) => {
      if (m.kind === 'check') result.checks.push(m as unknown as CheckResult);
      else if (m.kind === 'exception' || m.kind === 'fatal') result.exceptions.push(String(m['message']));
      onMessage(m);
    });
    w.on('error', (e) => { result.exceptions.push(e.message); });
    w.on('exit', () => { port1.close(); });
    workers.push(w);
    return w;
  };

  try {
    const init = await new Promise<{ options: Record<string, unknown>; setupData: unknown }>((resolve, reject) => {
      const w = startVu('init', {}, (m) => {
        if (m.kind === 'init') resolve({ options: m['options'] as Record<string, unknown>, setupData: m['setupData'] });
        if (m.kind === 'fatal') reject(new Error(`the script's init or setup failed: ${String(m['message'])}`));
      });
      w.on('error', reject);
    });
    result.options = init.options;
    const scenarios = (init.options['scenarios'] ?? { default: { executor: 'constant-vus', vus: 1, duration: '10s' } }) as Record<string, ScenarioConfig>;
    const started = Date.now();
    const cap = o.maxVUsPerScenario ?? 2;
    const timers: NodeJS.Timeout[] = [];
    const pending: Promise<void>[] = [];
    let longest = 0;

    for (const [name, sc] of Object.entries(scenarios)) {
      if (o.only && !o.only(name)) continue;
      result.iterations[name] = 0;
      result.dropped[name] = 0;
      const durationMs = k6DurationMs(sc.duration ?? '10s');
      longest = Math.max(longest, durationMs);
      const base = { exec: sc.exec ?? 'default', data: init.setupData, tags: sc.tags ?? {}, deadline: started + durationMs };
      if (sc.executor === 'constant-vus') {
        for (let i = 0; i < Math.min(sc.vus ?? 1, cap); i++) {
          pending.push(new Promise((resolve) => {
            const w = startVu('loop', base, (m) => {
              if (m.kind === 'done') result.iterations[name]! += Number(m['iterations']);
              if (m.kind === 'done' || m.kind === 'fatal') resolve();
            });
            w.on('exit', () => resolve());
          }));
        }
      } else if (sc.executor === 'constant-arrival-rate') {
        const idle: Worker[] = [];
        const everyMs = k6DurationMs(sc.timeUnit ?? '1s') / (sc.rate ?? 1);
        const limit = Math.min(sc.maxVUs ?? sc.preAllocatedVUs ?? 1, cap);
        let count = 0;
        const add = () => {
          count++;
          let ready = false;
          const w = startVu('arrival', base, (m) => { if (m.kind === 'idle') { if (ready) result.iterations[name]!++; ready = true; idle.push(w); } });
        };
        for (let i = 0; i < Math.min(sc.preAllocatedVUs ?? 1, limit); i++) add();
        const timer = setInterval(() => {
          if (Date.now() >= base.deadline || Atomics.load(stopFlag, 0) === 1) { clearInterval(timer); return; }
          const w = idle.shift();
          if (w) w.postMessage({ kind: 'iterate' });
          else { result.dropped[name]!++; if (count < limit) add(); }
        }, Math.max(everyMs, 5));
        timers.push(timer);
      } else {
        throw new Error(`the k6 adapter does not implement the "${sc.executor}" executor (scenario ${name})`);
      }
    }

    result.stoppedBy = await new Promise((resolve) => {
      const watch = setInterval(() => {
        const elapsed = Date.now() - started;
        if (o.stopWhen?.(net.samples)) { clearInterval(watch); resolve('stopWhen'); } else if (elapsed >= o.maxSeconds * 1000) { clearInterval(watch); resolve('maxSeconds'); } else if (elapsed >= longest) { clearInterval(watch); resolve('duration'); }
      }, 100);
    });
    Atomics.store(stopFlag, 0, 1);
    Atomics.notify(stopFlag, 0);
    for (const t of timers) clearInterval(t);
    // loop VUs finish the iteration in flight (sleeps are cut short); bounded by the request timeout
    await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, timeoutMs + 1000))]);
    // let arrival VUs finish theirs: their answers are still being served by this thread
    await new Promise((r) => setTimeout(r, 300));
    return result;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await net.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
