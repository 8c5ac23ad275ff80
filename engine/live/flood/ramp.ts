/**
 * How a flood ramps up. autocannon keeps one fixed rate per run (each socket sends its share of
 * `overallRate` at the start of every second), so a ramp is a few consecutive runs, stages, each
 * at a fixed rate:
 *
 * - the ramp is cut into n = min(4, ⌊rampSeconds⌋) stages of equal length (one stage when the
 *   ramp is shorter than 2 s); a stage shorter than a second would send a whole second's budget;
 * - stage k (1…n) runs at rate × (k − ½) / n, the linear ramp's value at the stage's middle, so
 *   the staged ramp sends as many requests as the straight line from 0 to `rate` would;
 * - then one stage at `rate` for the rest of `seconds`.
 *
 * E.g. rate 1,000, rampSeconds 8, seconds 20: 125/s, 375/s, 625/s, 875/s for 2 s each, then
 * 1,000/s for 12 s. Rates are whole requests per second (autocannon's unit), at least 1.
 */
import type { FloodSpec } from './spec.js';

export interface FloodStage {
  /** requests per second, overall */
  rate: number;
  seconds: number;
}

export const MAX_RAMP_STAGES = 4;

export function rampStages(spec: Pick<FloodSpec, 'rate' | 'rampSeconds' | 'seconds'>): FloodStage[] {
  const ramp = Math.min(spec.rampSeconds, spec.seconds);
  const stages: FloodStage[] = [];
  if (ramp > 0) {
    const n = Math.max(1, Math.min(MAX_RAMP_STAGES, Math.floor(ramp)));
    for (let k = 1; k <= n; k++) stages.push({ rate: Math.max(1, Math.round((spec.rate * (k - 0.5)) / n)), seconds: ramp / n });
  }
  const rest = spec.seconds - ramp;
  if (rest > 0) stages.push({ rate: spec.rate, seconds: rest });
  return stages;
}
