/** Flag parsers for commander: a bad value is bad input, reported as such (exit 2), never a stack trace. */
import { InvalidArgumentError } from 'commander';
import { parseShard } from '../engine/run/run-shard.js';
import type { ShardSpec } from '../engine/measure/partial-types.js';

export function integerIn(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${text}"`);
    return n;
  };
}

export function list(text: string, previous: string[] = []): string[] {
  return [...previous, ...text.split(',').map((s) => s.trim()).filter(Boolean)];
}

export function numberIn(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`expected a number from ${min} to ${max}, got "${text}"`);
    return n;
  };
}

/** `--shard i/n`, 1 ≤ i ≤ n, as vitest and Playwright spell it; whether n fits the run is checked once the scenario is read. */
export function shard(text: string): ShardSpec {
  const spec = parseShard(text);
  if (!spec) throw new InvalidArgumentError(`expected i/n with 1 ≤ i ≤ n (shard i of n, counted from 1, e.g. 2/8), got "${text}"`);
  return spec;
}
