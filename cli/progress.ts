/**
 * Progress of `guichet run`, on stderr so stdout stays the table and the paths. A terminal gets
 * a bar; anything else (a CI log, `| tee`) gets a plain line now and then, so a long run is never
 * silent: the first replication done, then at most one line every few seconds, and the last.
 */
import cliProgress from 'cli-progress';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  quiet: boolean;
  stream: ProgressStream;
  /** the clock (milliseconds), injectable for tests */
  now?: () => number;
  /** the least time between two plain lines */
  everyMs?: number;
  /** what is counted: replications simulated (default), or simulated days of a live run */
  unit?: ProgressUnit;
}

export interface ProgressUnit {
  verb: string;
  noun: string;
}

export const REPLICATIONS: ProgressUnit = { verb: 'simulating', noun: 'replications' };
export const LIVE_DAYS: ProgressUnit = { verb: 'running live', noun: 'simulated days' };

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export const PLAIN_EVERY_MS = 5_000;

/** "31 s", "1 min 45 s", "2 h 05 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** "simulating: 40/140 replications (29 %), 31 s elapsed, ~46 s left" (no estimate on the last line). */
export function progressLine(done: number, total: number, elapsedMs: number, unit: ProgressUnit = REPLICATIONS): string {
  // never "100 %" before the end
  const percent = done >= total ? 100 : Math.min(99, Math.round((done / total) * 100));
  const head = `${unit.verb}: ${Math.floor(done)}/${total} ${unit.noun} (${percent} %), ${duration(elapsedMs)} elapsed`;
  if (done >= total || done === 0) return head;
  return `${head}, ~${duration((elapsedMs / done) * (total - done))} left`;
}

export function createProgress(options: ProgressOptions): Progress {
  if (options.quiet) return { update() {}, stop() {} };
  const unit = options.unit ?? REPLICATIONS;
  if (options.stream.isTTY) return barProgress(options.stream, unit);
  const now = options.now ?? Date.now;
  const every = options.everyMs ?? PLAIN_EVERY_MS;
  const started = now();
  let lastLine = Number.NEGATIVE_INFINITY;
  return {
    update(done, total) {
      const t = now();
      if (done < total && t - lastLine < every) return;
      lastLine = t;
      options.stream.write(`${progressLine(done, total, t - started, unit)}\n`);
    },
    stop() {},
  };
}

function barProgress(stream: ProgressStream, unit: ProgressUnit): Progress {
  const bar = new cliProgress.SingleBar({
    format: `${unit.verb} {bar} {value}/{total} ${unit.noun} | {duration_formatted} elapsed, ~{eta_formatted} left`,
    hideCursor: true,
    stream: stream as NodeJS.WritableStream,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) { bar.start(total, 0); started = true; }
      bar.update(Math.floor(done));
    },
    stop() { if (started) bar.stop(); },
  };
}
