/**
 * A scenario's `load:` entry as a flood: the spec runFlood takes, and the IPs its requests carry
 * in X-Forwarded-For (the crews' fleet IPs the live runner hands over, or the one documentation
 * IP of `from: one-ip`). When and how often it runs (`during`) is the live runner's business.
 */
import { FLOOD_ONE_IP, loadPath, type LoadEntry } from '../../../scenarios/schema.js';
import type { FloodSpec } from './spec.js';

export function floodSpecOf(entry: LoadEntry): FloodSpec {
  return {
    name: entry.name, path: loadPath(entry), rate: entry.rate, connections: entry.connections,
    rampSeconds: entry.rampSeconds, seconds: entry.seconds, maxRequests: entry.maxRequests,
  };
}

/** The IPs of an entry's requests; a `from: crews` flood with no crew IP at all comes from the one IP rather than from loopback itself. */
export function floodIps(entry: Pick<LoadEntry, 'from'>, crewIps: readonly string[]): string[] {
  if (entry.from === 'one-ip' || crewIps.length === 0) return [FLOOD_ONE_IP];
  return [...new Set(crewIps)];
}
