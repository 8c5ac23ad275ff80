import { describe, expect, it } from 'vitest';
import { createProgress, duration, progressLine } from './progress.js';

/** A stream that is not a terminal, and a clock the test moves by hand. */
function harness(quiet = false) {
  const lines: string[] = [];
  let t = 1_000;
  const progress = createProgress({ quiet, stream: { write: (s: string) => lines.push(s) }, now: () => t, everyMs: 5_000 });
  return { lines, progress, advance: (ms: number) => { t += ms; } };
}

describe('progress when output is not a terminal', () => {
  it('prints the first replication done, then at most one line every few seconds, and always the last', () => {
    const { lines, progress, advance } = harness();
    for (let done = 1; done <= 10; done++) {
      advance(2_000);
      progress.update(done, 10);
    }
    progress.stop();
    expect(lines).toEqual([
      'simulating: 1/10 replications (10 %), 2 s elapsed, ~18 s left\n',
      'simulating: 4/10 replications (40 %), 8 s elapsed, ~12 s left\n',
      'simulating: 7/10 replications (70 %), 14 s elapsed, ~6 s left\n',
      'simulating: 10/10 replications (100 %), 20 s elapsed\n',
    ]);
  });

  it('is silent with --quiet', () => {
    const { lines, progress, advance } = harness(true);
    advance(10_000);
    progress.update(1, 2);
    progress.update(2, 2);
    expect(lines).toEqual([]);
  });
});

describe('progressLine', () => {
  it('never says 100 % before the end', () => {
    expect(progressLine(199, 200, 60_000)).toMatch(/^simulating: 199\/200 replications \(99 %\), 1 min 00 s elapsed, ~0 s left$/);
    expect(progressLine(40, 140, 31_000)).toBe('simulating: 40/140 replications (29 %), 31 s elapsed, ~1 min 18 s left');
  });

  it('writes durations in seconds, minutes or hours', () => {
    expect(duration(31_400)).toBe('31 s');
    expect(duration(105_000)).toBe('1 min 45 s');
    expect(duration(7_500_000)).toBe('2 h 05 min');
  });
});
