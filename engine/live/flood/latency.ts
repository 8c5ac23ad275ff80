/**
 * Response times of a flood in an HDR histogram (hdr-histogram-js, pure JS: no WebAssembly to
 * initialise in every worker), recorded in microseconds so that loopback answers of a fraction
 * of a millisecond keep three significant digits, and summarised in milliseconds.
 */
import * as hdr from 'hdr-histogram-js';
import type { LatencySummary } from '../../measure/live-types.js';

/** an hour, in µs: anything slower is recorded as an hour (a flood's timeout is far below) */
const HIGHEST_US = 3_600_000_000;

export class LatencyRecorder {
  private readonly histogram = hdr.build({
    useWebAssembly: false, lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3,
  });

  record(ms: number): void {
    this.histogram.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));
  }

  summary(): LatencySummary {
    const h = this.histogram;
    const count = h.totalCount;
    if (count === 0) return { count: 0, mean: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
    const ms = (us: number) => Math.round(us) / 1000;
    return {
      count, mean: ms(h.mean),
      p50: ms(h.getValueAtPercentile(50)), p90: ms(h.getValueAtPercentile(90)), p95: ms(h.getValueAtPercentile(95)),
      p99: ms(h.getValueAtPercentile(99)), max: ms(h.maxValue),
    };
  }
}
