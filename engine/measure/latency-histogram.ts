/**
 * Latency histograms of a live run, and their summary as result.json writes it. HDR histograms
 * (hdr-histogram-js, pure JavaScript: the WebAssembly build would need an async start and buys
 * nothing at a few thousand samples a second) keep every percentile within 0.1 % in a fixed
 * footprint, where averaging per-second percentiles or keeping every sample would not.
 * Values are recorded in microseconds, from 1 µs to 60 s (3 significant digits): a request is
 * timed out long before a minute, so a larger value is clamped to the top rather than dropped.
 */
import { build, type Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './live-types.js';

/** Resolution of the histograms: values are µs, summaries ms. */
const UNITS_PER_MS = 1000;
export const HISTOGRAM_LOWEST_US = 1;
export const HISTOGRAM_HIGHEST_US = 60_000_000;

/** An empty latency histogram (1 µs – 60 s, 3 significant digits). */
export function latencyHistogram(): Histogram {
  return build({
    useWebAssembly: false,
    bitBucketSize: 32,
    autoResize: false,
    lowestDiscernibleValue: HISTOGRAM_LOWEST_US,
    highestTrackableValue: HISTOGRAM_HIGHEST_US,
    numberOfSignificantValueDigits: 3,
  });
}

/**
 * Records a duration in ms. Negative or zero durations (a clock read twice in the same
 * microsecond) count as the smallest value, so every request is counted.
 */
export function recordMs(histogram: Histogram, ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`latency must be a finite number of ms, got ${ms}`);
  const us = Math.round(ms * UNITS_PER_MS);
  histogram.recordValue(Math.min(HISTOGRAM_HIGHEST_US, Math.max(HISTOGRAM_LOWEST_US, us)));
}

const ms = (us: number): number => Math.round(us) / UNITS_PER_MS;

/**
 * A histogram of µs values as a `LatencySummary` in ms (all zero when it is empty). Others that
 * record in µs with `latencyHistogram()` (the raw flood) summarise through this too, so every
 * latency of result.json is read the same way.
 */
export function summarizeHistogram(histogram: Histogram): LatencySummary {
  const count = histogram.totalCount;
  if (count === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
  return {
    count,
    mean: ms(histogram.mean),
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p95: ms(histogram.getValueAtPercentile(95)),
    p99: ms(histogram.getValueAtPercentile(99)),
    max: ms(histogram.maxValue),
  };
}
