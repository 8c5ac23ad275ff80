/**
 * The floods of a scenario's `load:` section for one window of a live run: each entry runs at
 * once, side by side, until its own bounds or the window's signal stop it. The live runner calls
 * it once per race window with the `during: race` entries, and once for the whole run with the
 * `during: run` ones; it gives the crews' fleet IPs (for `from: crews`) and aborts the signal
 * when the window ends.
 */
import type { FloodSummary } from '../../measure/live-types.js';
import type { LoadEntry } from '../../../scenarios/schema.js';
import { floodIps, floodSpecOf } from './from-load.js';
import { runFlood } from './run-flood.js';
import { checkSpec, loopbackUrl } from './spec.js';

export interface FloodWindowOptions {
  /** base URL of the target (loopback) */
  url: string;
  /** every scalper crew's fleet IPs, as the target sees them */
  crewIps: readonly string[];
  /** aborted when the window ends */
  signal?: AbortSignal;
  /** each flood's counts, once a second, for the live timeline */
  onSecond?: (name: string, requests: number, errors: number) => void;
  timeoutSeconds?: number;
}

/** Runs every entry at once; resolves to their summaries in the entries' order. A refused entry (non-loopback URL) rejects before any flood starts. */
export async function floodWindow(entries: readonly LoadEntry[], o: FloodWindowOptions): Promise<FloodSummary[]> {
  // all checked first: no flood starts when one of them is refused
  for (const entry of entries) {
    const spec = floodSpecOf(entry);
    checkSpec(spec);
    loopbackUrl(o.url, spec.path);
  }
  return Promise.all(entries.map((entry) => runFlood(floodSpecOf(entry), {
    url: o.url,
    ips: floodIps(entry, o.crewIps),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onSecond ? { onSecond: (r: number, e: number) => o.onSecond?.(entry.name, r, e) } : {}),
    ...(o.timeoutSeconds !== undefined ? { timeoutSeconds: o.timeoutSeconds } : {}),
  })));
}
