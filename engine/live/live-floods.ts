/**
 * The scenario's raw floods during a live run (`load:`, flood/): `during: race` entries run
 * in each race window, from its start until it closes (or their own bounds stop them first),
 * `during: run` entries from the start of the run to its end. Their traffic goes to the live
 * metrics' timeline, their summaries to the replication's live block.
 */
import type { LoadEntry } from '../../scenarios/schema.js';
import type { FloodSummary } from '../measure/live-types.js';
import { floodWindow } from './flood/flood-window.js';

export interface FloodSink {
  floodSecond(requests: number, errors: number): void;
}

export class LiveFloods {
  private readonly running: Promise<FloodSummary[]>[] = [];
  private window: AbortController | undefined;
  private whole: AbortController | undefined;

  constructor(
    private readonly entries: readonly LoadEntry[],
    private readonly url: string,
    private readonly crewIps: readonly string[],
    private readonly sink: FloodSink,
    private readonly timeoutSeconds: number,
  ) {}

  get any(): boolean {
    return this.entries.length > 0;
  }

  runStarted(): void {
    this.whole = this.start(this.entries.filter((e) => e.during === 'run'));
  }

  windowOpened(): void {
    this.window?.abort();
    this.window = this.start(this.entries.filter((e) => e.during === 'race'));
  }

  windowClosed(): void {
    this.window?.abort();
    this.window = undefined;
  }

  /** Stops what still runs; resolves to every flood's summary, in the order they started. */
  async finish(): Promise<FloodSummary[]> {
    this.windowClosed();
    this.whole?.abort();
    return (await Promise.all(this.running)).flat();
  }

  private start(entries: readonly LoadEntry[]): AbortController | undefined {
    if (entries.length === 0) return undefined;
    const stop = new AbortController();
    this.running.push(floodWindow(entries, {
      url: this.url, crewIps: this.crewIps, signal: stop.signal, timeoutSeconds: this.timeoutSeconds,
      onSecond: (_name, requests, errors) => this.sink.floodSecond(requests, errors),
    }));
    return stop;
  }
}
